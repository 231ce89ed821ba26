// Turning user strings into safe query pieces. Internal to the store stage;
// exposed here for the tests.
#ifndef DYAD_STORE_QUERY_INTERNAL_H_
#define DYAD_STORE_QUERY_INTERNAL_H_

#include <string>
#include <string_view>

namespace dyad::store_internal {

// An FTS5 query in which every word of `text` (or "double-quoted phrase") is
// a quoted string, so that no FTS operator (OR, NOT, NEAR, *, ^, column:) or
// SQL reaches the engine; the strings must all match (implicit AND). Empty
// when `text` has no words.
std::string FtsQuery(std::string_view text);

// A LIKE pattern matching `s` anywhere, with %, _ and \ escaped by '\'.
std::string LikeContains(std::string_view s);

// The smallest string greater than every string that starts with `prefix`
// (for prefix ranges on an index); empty when there is none.
std::string PrefixEnd(std::string_view prefix);

// YYYY, YYYY-MM or YYYY-MM-DD (month 01-12, day 01-31).
bool ValidQueryDate(std::string_view d);

}  // namespace dyad::store_internal

#endif  // DYAD_STORE_QUERY_INTERNAL_H_
