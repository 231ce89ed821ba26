// Internal to src/actors: the date restrictions of actor code lines.
#ifndef DYAD_SRC_ACTORS_DICTIONARY_DATES_INTERNAL_H_
#define DYAD_SRC_ACTORS_DICTIONARY_DATES_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace dyad::actors_internal {

// A restriction read from the text after the code inside "[...]", with all
// blanks removed: "" (unrestricted), "<D", ">D", "D1-D2" or, not in the
// format but found in the Phoenix files, a bare "D" (read as ">D"). Limits
// are inclusive, as dictionaries.rst says ("or equal to").
struct DateRestriction {
  int32_t from = 0;
  int32_t to = 99991231;
  bool unrestricted = true;
  bool bare_date = false;  // the "D" form: worth a warning
};

// False with *error set ("date '9008223' is neither YYMMDD nor YYYYMMDD") when
// the restriction does not parse or its range is empty (D1 > D2).
bool ParseDateRestriction(std::string_view text, DateRestriction* out, std::string* error);

}  // namespace dyad::actors_internal

#endif  // DYAD_SRC_ACTORS_DICTIONARY_DATES_INTERNAL_H_
