// tools/flags.h: command-line flags that several dyad commands share.
#ifndef DYAD_TOOLS_FLAGS_H_
#define DYAD_TOOLS_FLAGS_H_

#include <string>

#include "dyad/pipeline.h"

namespace dyad_tool {

// Whether `flag` chooses dictionaries (--actors, --agents, --verbs,
// --discards, --issues, --dict-dir); each takes a value.
bool IsDictionaryFlag(const std::string& flag);
// Records the value of a dictionary flag: --actors takes a comma-separated
// list and may be repeated; the others replace the earlier value.
// REQUIRES: IsDictionaryFlag(flag).
void SetDictionaryFlag(const std::string& flag, const std::string& value,
                       dyad::DictionaryOptions* dictionaries);

// Prints "dyad: <status>" on standard error; returns exit status 1.
int Fail(const dyad::Status& s);

// Whether `date` is a real calendar date written YYYY-MM-DD (--date).
bool ValidDate(const std::string& date);

}  // namespace dyad_tool

#endif  // DYAD_TOOLS_FLAGS_H_
