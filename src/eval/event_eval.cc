// Scoring coded events against the records' expected events, by the rules
// of UniversalPetrarch's validation script (see dyad/event_eval.h).
#include <cstdio>

#include "dyad/event_eval.h"

namespace dyad {
namespace {

bool IsNullCode(std::string_view code) {
  return code.empty() || code.substr(0, 3) == "---";
}

std::string ActorCode(const std::optional<EventActor>& a) {
  if (!a || !a->actor || a->actor->empty()) return "---";
  return *a->actor;
}

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string Num(size_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%*zu", width, v);
  return buf;
}

std::string Pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, " %8.2f%%", v);
  return buf;
}

}  // namespace

CodedEvent CodedEventOf(const Event& event) {
  return {event.code, ActorCode(event.source), ActorCode(event.target)};
}

RecordScore ScoreRecord(const EventRecord& record, const std::vector<CodedEvent>& coded,
                        const ScoreOptions& options) {
  RecordScore s;
  s.id = record.id;
  s.category = record.category;
  s.text = record.text;
  s.noevents = record.noevents;
  s.expected_events = record.noevents ? std::vector<ExpectedEvent>() : record.expected;
  s.coded_events = coded;
  // Coded events with a null source or target are ignored, unless one is
  // expected as it is (records run with require_dyad=false expect some,
  // such as "222 GON ---").
  std::vector<bool> matched(s.expected_events.size(), false);
  auto match = [&](const CodedEvent& e) {
    for (size_t i = 0; i < s.expected_events.size(); ++i) {
      const ExpectedEvent& x = s.expected_events[i];
      if (!matched[i] && x.code == e.code && x.source == e.source && x.target == e.target) {
        matched[i] = true;
        return true;
      }
    }
    return false;
  };
  for (const CodedEvent& e : coded) {
    const bool null_actor = e.source == "---" || e.target == "---";
    bool null = IsNullCode(e.code) || (options.ignore_null_actors && null_actor);
    if (null && !IsNullCode(e.code) && !record.RequireDyad() && match(e)) {
      s.counted.push_back(true);
      ++s.coded;
      ++s.correct;
      continue;
    }
    s.counted.push_back(!null);
    if (null) {
      ++s.null;
      continue;
    }
    ++s.coded;
    if (match(e)) ++s.correct;
  }
  if (record.noevents) {
    // "Nothing is coded" is the one expected outcome.
    s.expected = 1;
    s.correct = s.coded == 0 ? 1 : 0;
    s.uncoded = 1 - s.correct;
    s.extra = s.coded;
  } else {
    s.expected = s.expected_events.size();
    s.uncoded = s.expected - s.correct;
    s.extra = s.coded - s.correct;
  }
  return s;
}

double CategoryScore::tp() const {
  return correct + uncoded ? 100.0 * double(correct) / double(correct + uncoded) : 0.0;
}
double CategoryScore::fn() const {
  return correct + uncoded ? 100.0 * double(uncoded) / double(correct + uncoded) : 0.0;
}
double CategoryScore::fp() const { return records ? 100.0 * double(extra) / double(records) : 0.0; }

void Summarize(EventEvalReport* report) {
  report->categories.clear();
  CategoryScore total;
  total.category = "Total";
  for (const RecordScore& r : report->records) {
    CategoryScore* c = nullptr;
    for (CategoryScore& k : report->categories) {
      if (k.category == r.category) c = &k;
    }
    if (!c) {
      report->categories.push_back({});
      c = &report->categories.back();
      c->category = r.category;
    }
    for (CategoryScore* k : {c, &total}) {
      k->records += 1;
      k->correct += r.correct;
      k->uncoded += r.uncoded;
      k->extra += r.extra;
      k->null += r.null;
    }
  }
  report->categories.push_back(total);
}

std::string FormatEventEval(const EventEvalReport& report, bool failures) {
  std::string out;
  out += "Category    Records  Correct  Uncoded    Extra     Null        TP        FN        FP\n";
  for (const CategoryScore& c : report.categories) {
    out += Pad(c.category, 10) + Num(c.records, 9) + Num(c.correct, 9) + Num(c.uncoded, 9) +
           Num(c.extra, 9) + Num(c.null, 9) + Pct(c.tp()) + Pct(c.fn()) + Pct(c.fp()) + "\n";
  }
  out += "TP = correct/(correct+uncoded)  FN = uncoded/(correct+uncoded)  FP = extra/records\n";
  size_t failed = 0;
  for (const RecordScore& r : report.records) failed += r.passed() ? 0 : 1;
  out += "records evaluated: " + std::to_string(report.records.size()) +
         ", passed: " + std::to_string(report.records.size() - failed) +
         ", failed: " + std::to_string(failed) + ", skipped: " + std::to_string(report.skipped);
  if (report.unaligned) out += ", parse forms not found in the text: " + std::to_string(report.unaligned);
  out += "\n";
  if (!failures || failed == 0) return out;
  out += "\nfailing records:\n";
  for (const RecordScore& r : report.records) {
    if (r.passed()) continue;
    out += r.id + " [" + r.category + "] correct " + std::to_string(r.correct) + ", uncoded " +
           std::to_string(r.uncoded) + ", extra " + std::to_string(r.extra) + "\n";
    if (!r.text.empty()) out += "  text:     " + r.text + "\n";
    out += "  expected:";
    if (r.noevents) out += " no events";
    for (const ExpectedEvent& x : r.expected_events) {
      out += " " + x.code + " " + x.source + " " + x.target + ";";
    }
    out += "\n  coded:   ";
    if (r.coded_events.empty()) out += " nothing";
    for (size_t i = 0; i < r.coded_events.size(); ++i) {
      const CodedEvent& e = r.coded_events[i];
      out += " " + e.code + " " + e.source + " " + e.target;
      if (i < r.counted.size() && !r.counted[i]) out += " (null, ignored)";
      out += ";";
    }
    out += "\n";
  }
  return out;
}

}  // namespace dyad
