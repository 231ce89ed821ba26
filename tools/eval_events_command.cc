// dyad eval events: codes a PETRARCH validation records file and scores it
// (dyad/event_eval.h, docs/events-validation.md).
#include <cstdio>
#include <string>
#include <vector>

#include "command.h"
#include "dyad/event_eval.h"

namespace {

int Usage(const char* why) {
  std::fprintf(stderr,
               "dyad eval events: %s\n"
               "usage: dyad eval events RECORDS.xml [--parse given|own] [--dict-dir DIR]\n"
               "                        [--verbs FILE] [--models DIR] [--keep-null-actors]\n"
               "                        [--summary] [--dict-problems]\n",
               why);
  return 2;
}

int EvalEvents(const std::vector<std::string>& args) {
  std::string path;
  dyad::EventEvalOptions options;
  bool summary_only = false, show_dict_problems = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    if (a == "--parse") {
      std::string v;
      if (!value(&v)) return Usage("--parse needs given or own");
      if (v == "given") options.parse = dyad::RecordParse::kGiven;
      else if (v == "own") options.parse = dyad::RecordParse::kOwn;
      else return Usage("--parse needs given or own");
    } else if (a == "--dict-dir") {
      if (!value(&options.dict_dir)) return Usage("--dict-dir needs a folder");
    } else if (a == "--verbs") {
      std::string v;
      if (!value(&v)) return Usage("--verbs needs a file");
      options.verbs.push_back(v);
    } else if (a == "--models") {
      if (!value(&options.models_dir)) return Usage("--models needs a folder");
    } else if (a == "--keep-null-actors") {
      options.score.ignore_null_actors = false;
    } else if (a == "--summary") {
      summary_only = true;
    } else if (a == "--dict-problems") {
      show_dict_problems = true;
    } else if (!a.empty() && a[0] == '-') {
      return Usage(("unknown option " + a).c_str());
    } else if (path.empty()) {
      path = a;
    } else {
      return Usage("one records file only");
    }
  }
  if (path.empty()) return Usage("needs a records file");

  auto records = dyad::ReadEventRecordsFile(path);
  if (!records.ok()) {
    std::fprintf(stderr, "dyad eval events: %s\n", records.status().ToString().c_str());
    return 1;
  }
  for (const std::string& p : records->problems) std::fprintf(stderr, "%s\n", p.c_str());

  std::vector<std::string> dict_problems;
  auto report = dyad::EvaluateEventRecords(*records, options, &dict_problems);
  if (!report.ok()) {
    std::fprintf(stderr, "dyad eval events: %s\n", report.status().ToString().c_str());
    return 1;
  }
  if (show_dict_problems) {
    for (const std::string& p : dict_problems) std::fprintf(stderr, "%s\n", p.c_str());
  } else if (!dict_problems.empty()) {
    std::fprintf(stderr, "dyad eval events: %zu dictionary line(s) skipped (--dict-problems lists them)\n",
                 dict_problems.size());
  }
  for (const std::string& p : report->problems) std::fprintf(stderr, "%s\n", p.c_str());

  std::printf("records: %s (%s parse)\n", path.c_str(),
              options.parse == dyad::RecordParse::kGiven ? "given" : "own");
  std::fputs(dyad::FormatEventEval(*report, !summary_only).c_str(), stdout);
  // Unreadable or uncodable records are errors of the input: reported above,
  // scored as coding nothing, and the exit status says so.
  return records->problems.empty() && report->problems.empty() ? 0 : 1;
}

}  // namespace

DYAD_COMMAND("eval events",
             "RECORDS.xml [--parse given|own] [--dict-dir DIR]   code and score PETRARCH "
             "validation records",
             EvalEvents);
