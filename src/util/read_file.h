// util/read_file.h: a whole small file (a dictionary, a lexicon, a rules
// file) into memory, with the errors every loader reports the same way.
#ifndef DYAD_UTIL_READ_FILE_H_
#define DYAD_UTIL_READ_FILE_H_

#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad {

// Reads all of `path` into *out. NotFound "PATH: cannot open WHAT" when
// there is no such file, IOError "PATH: cannot read WHAT" when it exists but
// cannot be opened (a folder, no permission), IOError "PATH: read error"
// when reading fails part-way.
Status ReadFileInto(const std::string& path, std::string* out, std::string_view what = "file");

}  // namespace dyad

#endif  // DYAD_UTIL_READ_FILE_H_
