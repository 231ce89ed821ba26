// tools/command.h: how a subcommand of the dyad tool is registered. Each
// subcommand that is not one of the core ones in dyad_main.cc lives in its
// own file under tools/ and registers itself with DYAD_COMMAND, so that the
// tool's entry point stays a thin dispatcher.
//
//   static int EvalNer(const std::vector<std::string>& args) { ... }
//   DYAD_COMMAND("eval ner", "--gold G --system S   score NER spans", EvalNer);
//
// `args` are the words after the command's name. The function returns the
// exit status: 0 success, 1 failure, 2 bad command line.
#ifndef DYAD_TOOLS_COMMAND_H_
#define DYAD_TOOLS_COMMAND_H_

#include <string>
#include <vector>

namespace dyad_tool {

using CommandFn = int (*)(const std::vector<std::string>& args);

struct Command {
  std::string name;   // one or two words: "serve", "eval ner"
  std::string usage;  // one line for `dyad help`, after the name
  CommandFn run;
};

// Registered commands, in registration order.
std::vector<Command>& Commands();

struct CommandRegistration {
  CommandRegistration(const char* name, const char* usage, CommandFn run) {
    Commands().push_back({name, usage, run});
  }
};

}  // namespace dyad_tool

#define DYAD_COMMAND_CONCAT2(a, b) a##b
#define DYAD_COMMAND_CONCAT(a, b) DYAD_COMMAND_CONCAT2(a, b)
#define DYAD_COMMAND(name, usage, fn)                                                   \
  static ::dyad_tool::CommandRegistration DYAD_COMMAND_CONCAT(dyad_command_, __LINE__)( \
      name, usage, fn)

#endif  // DYAD_TOOLS_COMMAND_H_
