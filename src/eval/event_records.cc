// Reading PETRARCH validation records: a lenient line reader of the format
// (see dyad/event_eval.h for why it is not an XML parser).
#include <filesystem>
#include <fstream>

#include "dyad/event_eval.h"
#include "dyad/utf8.h"

namespace dyad {
namespace {

std::string_view TrimView(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Decodes the five XML entities and numeric character references; anything
// else that starts with '&' is kept as it is (lenient).
std::string DecodeEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    std::string rep;
    if (name == "amp") rep = "&";
    else if (name == "lt") rep = "<";
    else if (name == "gt") rep = ">";
    else if (name == "quot") rep = "\"";
    else if (name == "apos") rep = "'";
    else if (name.size() > 1 && name[0] == '#') {
      uint32_t cp = 0;
      bool hex = name[1] == 'x' || name[1] == 'X';
      bool valid = name.size() > (hex ? 2u : 1u);
      for (size_t k = hex ? 2 : 1; k < name.size() && valid; ++k) {
        char c = name[k];
        int d = (c >= '0' && c <= '9') ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (d < 0 || cp > 0x10FFFF) valid = false;
        else cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      if (valid && cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) utf8::Append(cp, &rep);
    }
    if (rep.empty()) {
      out += s[i];
      continue;
    }
    out += rep;
    i = semi;
  }
  return out;
}

// The value of attribute `name` in a start tag, decoded; nullopt when the
// tag does not have it. Lenient: either quote, spaces around '='.
std::optional<std::string> Attribute(std::string_view tag, std::string_view name) {
  size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    bool starts = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t');
    size_t p = pos + name.size();
    pos = p;
    if (!starts) continue;
    while (p < tag.size() && tag[p] == ' ') ++p;
    if (p >= tag.size() || tag[p] != '=') continue;
    ++p;
    while (p < tag.size() && tag[p] == ' ') ++p;
    if (p >= tag.size() || (tag[p] != '"' && tag[p] != '\'')) continue;
    char q = tag[p];
    size_t end = tag.find(q, p + 1);
    if (end == std::string_view::npos) return DecodeEntities(tag.substr(p + 1));
    return DecodeEntities(tag.substr(p + 1, end - p - 1));
  }
  return std::nullopt;
}

// The text between <tag> and </tag> on one line ("<Verbfile>a.txt</Verbfile>").
std::string ElementText(std::string_view line) {
  size_t gt = line.find('>');
  if (gt == std::string_view::npos) return {};
  std::string_view rest = line.substr(gt + 1);
  size_t lt = rest.find("</");
  return std::string(TrimView(rest.substr(0, lt)));
}

std::vector<std::string> SplitList(std::string_view s, bool commas) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if ((commas && c == ',') || (!commas && (c == ' ' || c == '\t'))) {
      std::string_view t = TrimView(cur);
      if (!t.empty()) out.emplace_back(t);
      cur.clear();
    } else {
      cur += c;
    }
  }
  std::string_view t = TrimView(cur);
  if (!t.empty()) out.emplace_back(t);
  return out;
}

std::string NullCode(std::optional<std::string> code) {
  if (!code) return "---";
  std::string c(TrimView(*code));
  if (c.empty()) return "---";
  // "~" stands for a missing actor before an agent ("~GOV"); the scorer
  // compares it as the null code, as UniversalPetrarch does.
  std::string out;
  for (char ch : c) {
    if (ch == '~') out += "---";
    else out += ch;
  }
  return out;
}

bool IsTrue(std::string_view v) {
  std::string lower;
  for (char c : TrimView(v)) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower == "true" || lower == "yes" || lower == "1";
}

// Removes <!-- ... --> comments from a line, tracking nesting across lines:
// the published validation file has comments inside comments.
class CommentStripper {
 public:
  std::string Strip(std::string_view line, int lineno) {
    std::string out;
    size_t i = 0;
    while (i < line.size()) {
      if (line.compare(i, 4, "<!--") == 0) {
        if (depth_ == 0) opened_at_ = lineno;
        ++depth_;
        i += 4;
      } else if (depth_ > 0 && line.compare(i, 3, "-->") == 0) {
        --depth_;
        i += 3;
      } else {
        if (depth_ == 0) out += line[i];
        ++i;
      }
    }
    return out;
  }
  bool inside() const { return depth_ > 0; }
  int opened_at() const { return opened_at_; }

 private:
  int depth_ = 0;
  int opened_at_ = 0;
};

class RecordsReader {
 public:
  explicit RecordsReader(std::string name) { out_.name = std::move(name); }

  // Returns false to stop reading (<Stop>).
  bool Line(std::string_view raw, int lineno) {
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    // Parse lines are taken verbatim (tabs matter); a parse never holds a
    // comment.
    if (mode_ == Mode::kParse) {
      std::string_view t = TrimView(raw);
      if (StartsWith(t, "</Parse")) {
        mode_ = Mode::kRecord;
        got_parse_ = true;
        if (t.find("</Sentence") != std::string_view::npos) FinishRecord(lineno, true);
        return true;
      }
      if (t.empty()) return true;
      if (StartsWith(t, "<Sentence ") || StartsWith(t, "</Sentence")) {
        Broken(lineno, "<Parse> not closed");
        mode_ = Mode::kOutside;
        if (StartsWith(t, "</Sentence")) return true;
        // fall through: the line opens the next record
      } else {
        if (rec_.parse.empty()) rec_.parse_line = lineno;
        rec_.parse += DecodeEntities(raw);
        rec_.parse += '\n';
        return true;
      }
    }
    std::string stripped = comments_.Strip(raw, lineno);
    std::string_view line = TrimView(stripped);
    if (line.empty()) return true;

    if (mode_ == Mode::kText) {
      size_t close = line.find("</Text");
      std::string_view part = close == std::string_view::npos ? line : TrimView(line.substr(0, close));
      if (StartsWith(line, "<Sentence ") || StartsWith(line, "<Parse") ||
          StartsWith(line, "</Sentence")) {
        Broken(lineno, "<Text> not closed");
        mode_ = Mode::kOutside;
        if (!StartsWith(line, "<Sentence ")) return true;
      } else {
        AppendText(part);
        if (close != std::string_view::npos) mode_ = Mode::kRecord;
        return true;
      }
    }

    if (mode_ == Mode::kEnvironment) {
      if (StartsWith(line, "</Environment")) {
        mode_ = Mode::kOutside;
        return true;
      }
      EnvironmentLine(line);
      return true;
    }

    if (StartsWith(line, "<Stop")) {
      if (mode_ == Mode::kRecord) FinishRecord(lineno, false);
      stopped_ = true;
      return false;
    }
    if (StartsWith(line, "<Environment")) {
      have_environment_ = true;
      mode_ = Mode::kEnvironment;
      std::string_view rest = line.substr(line.find('>') == std::string_view::npos ? line.size() : line.find('>') + 1);
      if (!TrimView(rest).empty()) EnvironmentLine(TrimView(rest));
      return true;
    }
    if (StartsWith(line, "<Config")) {
      std::optional<std::string> option = Attribute(line, "option");
      std::optional<std::string> value = Attribute(line, "value");
      if (option) config_.emplace_back(*option, value.value_or(""));
      return true;
    }
    if (StartsWith(line, "<Sentence ") || line == "<Sentence>") {
      if (mode_ == Mode::kRecord) FinishRecord(lineno, false);
      rec_ = EventRecord();
      rec_.line = lineno;
      rec_.config = config_;
      got_text_ = got_parse_ = false;
      rec_.id = Attribute(line, "id").value_or("");
      std::optional<std::string> cat = Attribute(line, "category");
      if (!cat) cat = Attribute(line, "source");
      rec_.category = cat.value_or("");
      rec_.date = std::string(TrimView(Attribute(line, "date").value_or("")));
      std::optional<std::string> ev = Attribute(line, "evaluate");
      rec_.evaluate = !ev || IsTrue(*ev);
      mode_ = Mode::kRecord;
      return true;
    }
    if (mode_ != Mode::kRecord) return true;  // outside a record: nothing to keep

    if (StartsWith(line, "<EventCoding")) {
      rec_.has_expectation = true;
      std::optional<std::string> noev = Attribute(line, "noevents");
      std::optional<std::string> error = Attribute(line, "error");
      if (noev && IsTrue(*noev)) {
        rec_.noevents = true;
      } else if (error) {
        rec_.noevents = true;
        rec_.error = *error;
      } else {
        std::optional<std::string> code = Attribute(line, "eventcode");
        if (!code || TrimView(*code).empty()) {
          Problem(lineno, "<EventCoding> without an eventcode");
          broken_ = true;
          return true;
        }
        rec_.expected.push_back({std::string(TrimView(*code)), NullCode(Attribute(line, "sourcecode")),
                                 NullCode(Attribute(line, "targetcode"))});
      }
      return true;
    }
    if (StartsWith(line, "<Text")) {
      size_t gt = line.find('>');
      std::string_view rest = gt == std::string_view::npos ? std::string_view() : line.substr(gt + 1);
      size_t close = rest.find("</Text");
      got_text_ = true;
      AppendText(TrimView(rest.substr(0, close)));
      if (close == std::string_view::npos) mode_ = Mode::kText;
      return true;
    }
    if (StartsWith(line, "<Parse")) {
      mode_ = Mode::kParse;
      return true;
    }
    if (StartsWith(line, "</Sentence")) {
      FinishRecord(lineno, true);
      return true;
    }
    return true;  // <PLEvent>, other elements: not used
  }

  Result<EventRecords> Finish(int lineno) {
    if (mode_ == Mode::kText) Broken(lineno, "<Text> not closed at the end of the file");
    else if (mode_ == Mode::kParse) Broken(lineno, "<Parse> not closed at the end of the file");
    else if (mode_ == Mode::kRecord) FinishRecord(lineno, false);
    if (comments_.inside() && !stopped_) {
      out_.problems.push_back(out_.name + ":" + std::to_string(comments_.opened_at()) +
                              ": comment not closed before the end of the file");
    }
    if (!have_environment_) {
      return Status::InvalidArgument(out_.name + ": no <Environment> block: not a records file");
    }
    if (out_.records.empty()) {
      std::string msg = out_.name + ": no record could be read";
      if (!out_.problems.empty()) msg += " (first problem: " + out_.problems.front() + ")";
      return Status::InvalidArgument(msg);
    }
    return std::move(out_);
  }

 private:
  enum class Mode { kOutside, kEnvironment, kRecord, kText, kParse };

  void EnvironmentLine(std::string_view line) {
    RecordsEnvironment& env = out_.environment;
    std::string value = DecodeEntities(ElementText(line));
    if (StartsWith(line, "<Verbfile")) env.verbs = SplitList(value, true);
    else if (StartsWith(line, "<Actorfile")) env.actors = SplitList(value, true);
    else if (StartsWith(line, "<Agentfile")) env.agents = SplitList(value, true);
    else if (StartsWith(line, "<Discardfile")) env.discards = value;
    else if (StartsWith(line, "<Issuefile")) env.issues = value;
    else if (StartsWith(line, "<PICOfile")) env.ontology = value;
    else if (StartsWith(line, "<Include")) {
      env.include.clear();
      for (std::string& c : SplitList(value, false)) {
        if (c != "valid") env.include.push_back(std::move(c));
      }
    } else if (StartsWith(line, "<Exclude")) {
      env.exclude = SplitList(value, false);
    }
  }

  void AppendText(std::string_view part) {
    if (part.empty()) return;
    if (!rec_.text.empty()) rec_.text += ' ';
    rec_.text += DecodeEntities(part);
  }

  std::string Where(int lineno) const {
    return out_.name + ":" + std::to_string(lineno) + ": record " +
           (rec_.id.empty() ? std::string("(no id)") : rec_.id) + ": ";
  }
  void Problem(int lineno, const std::string& what) { out_.problems.push_back(Where(lineno) + what); }
  void Broken(int lineno, const std::string& what) {
    Problem(lineno, what);
    mode_ = Mode::kOutside;
    broken_ = false;
  }

  void FinishRecord(int lineno, bool closed) {
    mode_ = Mode::kOutside;
    if (broken_) {
      broken_ = false;
      return;
    }
    if (rec_.id.empty()) {
      out_.problems.push_back(out_.name + ":" + std::to_string(rec_.line) + ": record without an id");
      return;
    }
    if (!got_text_) {
      out_.problems.push_back(Where(rec_.line) + "no <Text>");
      return;
    }
    out_.records.push_back(std::move(rec_));
    rec_ = EventRecord();
  }

  EventRecords out_;
  EventRecord rec_;
  std::vector<std::pair<std::string, std::string>> config_;
  CommentStripper comments_;
  Mode mode_ = Mode::kOutside;
  bool have_environment_ = false;
  bool got_text_ = false, got_parse_ = false;
  bool broken_ = false;
  bool stopped_ = false;
};

}  // namespace

std::optional<std::string> EventRecord::Config(std::string_view option) const {
  std::optional<std::string> v;
  for (const auto& [o, value] : config) {
    if (o == option) v = value;
  }
  return v;
}

bool EventRecord::RequireDyad() const {
  std::optional<std::string> v = Config("require_dyad");
  return !v || IsTrue(*v);
}

Result<EventRecords> ReadEventRecords(std::istream& in, const std::string& name) {
  RecordsReader reader(name);
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!reader.Line(line, lineno)) break;
  }
  if (in.bad()) return Status::IOError(name + ": read error");
  return reader.Finish(lineno);
}

Result<EventRecords> ReadEventRecordsFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  return ReadEventRecords(in, path);
}

bool IsEvaluated(const EventRecord& record, const RecordsEnvironment& environment) {
  if (!record.evaluate || !record.has_expectation) return false;
  auto has = [&](const std::vector<std::string>& list) {
    for (const std::string& c : list) {
      if (c == record.category) return true;
    }
    return false;
  };
  if (!environment.include.empty() && !has(environment.include)) return false;
  return !has(environment.exclude);
}

DictionaryFiles RecordDictionaryFiles(const RecordsEnvironment& environment,
                                      const std::string& dir) {
  auto join = [&](const std::string& name) -> std::string {
    if (name.empty()) return name;
    std::filesystem::path p(name);
    if (p.is_absolute() || dir.empty()) return name;
    return (std::filesystem::path(dir) / p).string();
  };
  DictionaryFiles files;
  for (const std::string& f : environment.actors) files.actors.push_back(join(f));
  // dyad reads one agents file; the format allows a list, whose first file
  // is taken (the published records name one).
  if (!environment.agents.empty()) files.agents = join(environment.agents.front());
  for (const std::string& f : environment.verbs) files.verbs.push_back(join(f));
  files.discards = join(environment.discards);
  files.issues = join(environment.issues);
  files.ontology = join(environment.ontology);
  return files;
}

}  // namespace dyad
