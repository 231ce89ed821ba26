// dyad/event_eval.h: the PETRARCH validation records (the unit-test and
// functional-validation suites of PETRARCH and UniversalPetrarch) read,
// turned into Documents, coded, and scored the way UniversalPetrarch's
// validation script scores them.
//
// A records file is XML-like: an <Environment> block naming the dictionaries,
// then <Sentence> records, each with its expected events (<EventCoding>), its
// <Text> and a CoNLL-U <Parse> (UD v1 labels). One of the published files is
// not well-formed XML (comments inside comments), so the reader is a lenient
// line reader of this format, not an XML parser. Formats, scoring rules and
// figures: docs/events-validation.md.
#ifndef DYAD_EVENT_EVAL_H_
#define DYAD_EVENT_EVAL_H_

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dictionary_files.h"
#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad {

// ---------------------------------------------------------------- records

// The <Environment> block. File names are as written (relative to the
// records file's folder, or to a dictionary folder given by the user).
struct RecordsEnvironment {
  std::vector<std::string> verbs;   // <Verbfile> (comma-separated lists allowed)
  std::vector<std::string> actors;  // <Actorfile>
  std::vector<std::string> agents;  // <Agentfile>
  std::string discards;             // <Discardfile>
  std::string issues;               // <Issuefile>
  std::string ontology;             // <PICOfile>: internal coding ontology
  // <Include> categories ("valid" dropped) and <Exclude> categories; an empty
  // include list means every category.
  std::vector<std::string> include, exclude;
};

// One expected event. Codes are as written; an empty code or a "~" in it
// reads as the null code "---" (UniversalPetrarch's convention).
struct ExpectedEvent {
  std::string code, source, target;
  friend bool operator==(const ExpectedEvent&, const ExpectedEvent&) = default;
};

// One <Sentence> record.
struct EventRecord {
  std::string id;
  std::string category;  // the "category" attribute, else "source"
  std::string date;      // YYYYMMDD as written
  bool evaluate = true;  // evaluate="false" marks a record to skip
  // <EventCoding noevents="True"/>, or an <EventCoding error="..."/> (input
  // the coder must reject: story or sentence discard, dateline, bad parse):
  // both expect nothing coded. `error` keeps the error's name.
  bool noevents = false;
  std::string error;
  std::vector<ExpectedEvent> expected;
  bool has_expectation = false;  // at least one <EventCoding> line
  std::string text;   // the <Text> lines, trimmed and joined by one space
  std::string parse;  // the <Parse> lines (CoNLL-U), each ending in '\n'
  int line = 0;        // line of <Sentence> in the file (1-based)
  int parse_line = 0;  // line of the first parse line; 0 when there is none
  // <Config option="..." value="..."/> settings in force at this record, in
  // file order (a later setting of the same option overrides).
  std::vector<std::pair<std::string, std::string>> config;

  // The value of `option` in force, if any (case-sensitive name).
  std::optional<std::string> Config(std::string_view option) const;
  // PETRARCH's require_dyad option at this record: true unless a <Config>
  // set it to false.
  bool RequireDyad() const;
};

struct EventRecords {
  std::string name;  // the file, for messages
  RecordsEnvironment environment;
  std::vector<EventRecord> records;  // in file order, up to a <Stop> line
  // Records that could not be read, one "file:line: record ID: what" each;
  // such a record is left out and the rest is read.
  std::vector<std::string> problems;
};

// Reads a records file line by line. Comments (<!-- ... -->, nested or not)
// and unknown elements are skipped; reading ends at end of input or at a
// line starting with <Stop. A broken record (no id, a <Text> or <Parse>
// not closed before the next <Sentence> or the end) is described in
// `problems` and left out. InvalidArgument when there is no <Environment>
// block or no record at all; IOError on a read error.
Result<EventRecords> ReadEventRecords(std::istream& in, const std::string& name);
// As above from a file; NotFound when it cannot be opened.
Result<EventRecords> ReadEventRecordsFile(const std::string& path);

// Whether UniversalPetrarch's script evaluates `record`: evaluate is not
// false, its category is included (and not excluded), and it has at least
// one <EventCoding>.
bool IsEvaluated(const EventRecord& record, const RecordsEnvironment& environment);

// The dictionary files of `environment`, each name joined to `dir` (an
// absolute name is kept as it is).
DictionaryFiles RecordDictionaryFiles(const RecordsEnvironment& environment,
                                      const std::string& dir);

// ------------------------------------------------- parses (--parse given)

// Upgrades the words of a parsed document from UD v1 to v2 in place:
// relations as UdV2Deprel in dyad/events.h (with the v1 head's UPOS), UPOS CONJ -> CCONJ,
// VERB -> AUX for cop / aux / auxpass dependents, Polarity=Neg added to a
// neg dependent's features.
void UpgradeUdV1(Document* doc);

// The article of a record: id, date as YYYY-MM-DD (nullopt when the
// record's date is not YYYYMMDD), text, origin "file:line".
Article RecordArticle(const EventRecord& record, const std::string& file_name);

// A Document of one record from its text and its CoNLL-U parse (upgraded
// to UD v2): one paragraph, the parse's sentences, one token per parse
// token, each word spanning its form in the record text (forms are aligned
// to the text in order, skipping whitespace; a form that cannot be found,
// e.g. `` for ", spans the text between its neighbours, and is counted in
// *unaligned when that is not null). Corruption naming "file:line" (the
// file's line) when the parse is not valid CoNLL-U; InvalidArgument when
// the record has no parse.
Result<Document> RecordDocument(const EventRecord& record, const std::string& file_name,
                                size_t* unaligned);

// ---------------------------------------------------------------- scoring

// A coded event as the scorer compares it: codes, "---" for a side without
// an actor code.
struct CodedEvent {
  std::string code, source, target;
  friend bool operator==(const CodedEvent&, const CodedEvent&) = default;
};
CodedEvent CodedEventOf(const Event& event);

struct ScoreOptions {
  // Ignore (count as null) coded events with a null source or target, on
  // records where require_dyad is in force (the default). Events with a null
  // code are always ignored.
  bool ignore_null_actors = true;
};

// The score of one record, UniversalPetrarch's rules:
//  - coded events with a null code ("", "---..."), and (see ScoreOptions)
//    a null source or target, are ignored and counted in `null`;
//  - a coded event is correct when it equals an expected event exactly
//    (code, source, target); each expected event is matched at most once;
//  - uncoded = expected - correct; extra = coded - correct;
//  - a noevents (or error) record counts as one expected event: correct
//    when nothing was coded, else uncoded, and every coded event is extra.
struct RecordScore {
  std::string id, category;
  std::string text;  // the record's text, for the failure list
  size_t expected = 0, coded = 0, correct = 0, uncoded = 0, extra = 0, null = 0;
  std::vector<ExpectedEvent> expected_events;  // empty for noevents
  bool noevents = false;
  std::vector<CodedEvent> coded_events;  // every coded event, null ones too
  std::vector<bool> counted;             // per coded event: not ignored as null
  bool passed() const { return uncoded == 0 && extra == 0; }
};
RecordScore ScoreRecord(const EventRecord& record, const std::vector<CodedEvent>& coded,
                        const ScoreOptions& options = {});

// Sums over records. TP = correct / (correct + uncoded), FN = 100 - TP (in
// percent), FP = extra / records (in percent, as the script prints it).
struct CategoryScore {
  std::string category;
  size_t records = 0, correct = 0, uncoded = 0, extra = 0, null = 0;
  double tp() const;  // percent; 0 when there is nothing to find
  double fn() const;
  double fp() const;  // percent of records
};

struct EventEvalReport {
  std::vector<RecordScore> records;
  // One per category, in order of first appearance, then "Total".
  std::vector<CategoryScore> categories;
  size_t skipped = 0;    // records read but not evaluated
  size_t unaligned = 0;  // parse forms not found in the text (--parse given)
  std::vector<std::string> problems;  // records that could not be coded
  const CategoryScore& total() const { return categories.back(); }
};

// Fills report->categories from report->records.
void Summarize(EventEvalReport* report);

// The category table ("Category Records Correct Uncoded Extra Null TP FN
// FP"), then, when `failures`, every record that did not pass with its
// expected and coded events.
std::string FormatEventEval(const EventEvalReport& report, bool failures);

// ------------------------------------------------------ coding the records

enum class RecordParse {
  kGiven,  // the record's CoNLL-U parse (upgraded to UD v2)
  kOwn,    // dyad's own segmenter, tagger, lemmatizer and parser on the text
};

struct EventEvalOptions {
  RecordParse parse = RecordParse::kGiven;
  // Folder the environment's file names are relative to; empty: the records
  // file's folder.
  std::string dict_dir;
  // Verb pattern files to use instead of the environment's <Verbfile>
  // (paths as given, not joined to dict_dir); empty: the environment's.
  std::vector<std::string> verbs;
  // For kOwn: dyad's data/ and models/ folders (empty: FindResource).
  std::string data_dir, models_dir;
  ScoreOptions score;
};

// Loads the environment's dictionaries, codes every evaluated record with
// the event coder, and scores it. Dictionary line problems go to
// *dictionary_problems (may be null). Fails when a dictionary or model
// cannot be loaded; a record that cannot be coded (bad parse) is scored as
// coding nothing and described in report.problems.
Result<EventEvalReport> EvaluateEventRecords(const EventRecords& records,
                                             const EventEvalOptions& options,
                                             std::vector<std::string>* dictionary_problems);

}  // namespace dyad

#endif  // DYAD_EVENT_EVAL_H_
