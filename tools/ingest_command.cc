// dyad ingest: runs the whole pipeline over articles and stores the results
// in the database (dyad/store.h). Articles already stored (same id or same
// content) are skipped before they are processed, so re-running over a folder
// adds only what is new, and an interrupted run resumes where it stopped.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "command.h"
#include "flags.h"
#include "dyad/io.h"
#include "dyad/pipeline.h"
#include "dyad/store.h"

namespace {

constexpr const char* kHelp = R"(usage: dyad ingest --db FILE [options] [INPUT...]

Runs the whole pipeline (as dyad extract) over INPUT (files, folders, - for
standard input) and stores each article with its entities, quotations and
events in the SQLite database FILE (created if needed). Articles already in
the database (same id or same content) are skipped.

options:
  --db FILE                the database (required)
  --batch N                articles per transaction (default 256)
  --quiet                  no progress on standard error
  --input-format F         txt|jsonl|html|warc|auto (default: auto)
  --models DIR             folder of the trained models
  --date YYYY-MM-DD        date of articles that have none
  --threads N              worker threads (default: all cores)
  --max-article-bytes N    refuse larger articles (default: 5242880)
  --actors F[,F...] --agents F --verbs F --discards F --issues F --dict-dir DIR
                           dictionaries, as for dyad extract
)";

struct IngestArgs {
  std::string db, input_format, models, date;
  dyad::DictionaryOptions dicts;
  std::vector<std::string> inputs;
  int threads = 0;
  size_t batch = 256, max_bytes = 5u << 20;
  bool quiet = false;
};

// Returns 0 when parsed, else the exit status (2: bad command line; -1: help shown).
int Parse(const std::vector<std::string>& args, IngestArgs* a) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& f = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) {
        std::fprintf(stderr, "dyad ingest: %s needs a value\n", f.c_str());
        return false;
      }
      *out = args[++i];
      return true;
    };
    std::string v;
    if (f == "--help" || f == "-h") {
      std::fputs(kHelp, stdout);
      return -1;
    } else if (f == "--db") {
      if (!value(&a->db)) return 2;
    } else if (f == "--input-format") {
      if (!value(&a->input_format)) return 2;
    } else if (f == "--models") {
      if (!value(&a->models)) return 2;
    } else if (f == "--date") {
      if (!value(&a->date)) return 2;
      if (!dyad_tool::ValidDate(a->date)) {
        std::fprintf(stderr, "dyad ingest: --date wants YYYY-MM-DD, not '%s'\n", a->date.c_str());
        return 2;
      }
    } else if (dyad_tool::IsDictionaryFlag(f)) {
      if (!value(&v)) return 2;
      dyad_tool::SetDictionaryFlag(f, v, &a->dicts);
    } else if (f == "--threads" || f == "--batch" || f == "--max-article-bytes") {
      if (!value(&v)) return 2;
      char* end = nullptr;
      long long n = std::strtoll(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 1) {
        std::fprintf(stderr, "dyad ingest: %s needs a positive number, not '%s'\n", f.c_str(), v.c_str());
        return 2;
      }
      if (f == "--threads") a->threads = static_cast<int>(std::min(n, 1024LL));
      else if (f == "--batch") a->batch = static_cast<size_t>(n);
      else a->max_bytes = static_cast<size_t>(n);
    } else if (f == "--quiet" || f == "-q") {
      a->quiet = true;
    } else if (f.size() > 1 && f[0] == '-') {
      std::fprintf(stderr, "dyad ingest: unknown option %s (see dyad ingest --help)\n", f.c_str());
      return 2;
    } else {
      a->inputs.push_back(f);
    }
  }
  if (a->db.empty()) {
    std::fprintf(stderr, "dyad ingest: needs --db FILE\n");
    return 2;
  }
  if (a->inputs.empty()) a->inputs.push_back("-");
  return 0;
}

// One article per file: the total is known and progress can show an ETA.
bool OneArticlePerFile(const dyad::InputSource& s) {
  using dyad::InputFormat;
  if (s.format == InputFormat::kText || s.format == InputFormat::kHtml) return true;
  if (s.format != InputFormat::kAuto || s.path == "-") return false;
  auto ends = [&](const char* ext) {
    std::string e(ext);
    return s.path.size() > e.size() && s.path.compare(s.path.size() - e.size(), e.size(), e) == 0;
  };
  return ends(".txt") || ends(".html") || ends(".htm");
}

std::string Duration(double s) {
  char buf[32];
  if (s < 120) std::snprintf(buf, sizeof buf, "%.0fs", s);
  else if (s < 7200) std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  else std::snprintf(buf, sizeof buf, "%.1fh", s / 3600);
  return buf;
}

int Ingest(const std::vector<std::string>& argv) {
  IngestArgs a;
  if (int rc = Parse(argv, &a); rc != 0) return rc < 0 ? 0 : rc;

  dyad::RunOptions run;
  run.threads = a.threads;
  run.batch_articles = a.batch;
  run.read.max_article_bytes = a.max_bytes;
  if (!a.date.empty()) run.read.default_date = a.date;
  if (!a.input_format.empty()) {
    auto f = dyad::ParseInputFormat(a.input_format);
    if (!f.ok()) {
      std::fprintf(stderr, "dyad ingest: %s\n", f.status().ToString().c_str());
      return 2;
    }
    run.read.format = *f;
  }
  auto fail = [](const dyad::Status& s) {
    std::fprintf(stderr, "dyad ingest: %s\n", s.ToString().c_str());
    return 1;
  };
  auto sources = dyad::ExpandInputs(a.inputs, run.read);
  if (!sources.ok()) return fail(sources.status());
  auto store = dyad::Store::Open(a.db);
  if (!store.ok()) return fail(store.status());

  dyad::PipelineOptions popt;
  popt.annotate = true;
  popt.extract = true;
  popt.models_dir = a.models;
  popt.dictionaries = a.dicts;
  auto pipeline = dyad::Pipeline::Create(popt);
  if (!pipeline.ok()) return fail(pipeline.status());

  size_t total = 0;  // 0: unknown
  bool known = !sources->empty();
  for (const auto& s : *sources) known = known && OneArticlePerFile(s);
  if (known) total = sources->size();

  dyad::RunStats stats;
  std::mutex err_mu;
  dyad::Diagnostics diag;
  diag.error = [&](const std::string& m) {
    std::lock_guard<std::mutex> l(err_mu);
    ++stats.errors;
    std::fprintf(stderr, "%sdyad ingest: error: %s\n", a.quiet ? "" : "\n", m.c_str());
  };
  diag.warning = [&](const std::string& m) {
    std::lock_guard<std::mutex> l(err_mu);
    ++stats.warnings;
    std::fprintf(stderr, "%sdyad ingest: warning: %s\n", a.quiet ? "" : "\n", m.c_str());
  };

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto last_report = start;
  const bool tty = isatty(STDERR_FILENO) != 0;
  size_t stored_before = 0, added = 0, skipped = 0, events = 0, quotes = 0, entities = 0;
  double write_seconds = 0;  // inside Store::Ingest
  auto seconds = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  auto report = [&](bool final) {
    if (a.quiet) return;
    double secs = seconds();
    size_t done = added + skipped + stored_before;
    double rate = secs > 0 ? static_cast<double>(added) / secs : 0;
    std::string line = "dyad ingest: " + std::to_string(done);
    if (total) line += "/" + std::to_string(total);
    char buf[160];
    std::snprintf(buf, sizeof buf, " articles, %zu added, %zu already stored, %zu events, %.1f articles/s",
                  added, skipped + stored_before, events, rate);
    line += buf;
    if (!final && total && rate > 0 && done < total) {
      line += ", ETA " + Duration(static_cast<double>(total - done) / rate);
    }
    if (final) line += " in " + Duration(secs);
    std::fprintf(stderr, tty ? "\r\033[K%s%s" : "%s%s", line.c_str(), final || !tty ? "\n" : "");
    std::fflush(stderr);
  };

  dyad::DocumentSink sink;
  dyad::Status skip_status;
  sink.skip = [&](const dyad::Article& article) {
    auto found = (*store)->Contains(article);
    if (!found.ok()) {
      if (skip_status.ok()) skip_status = found.status();
      return true;
    }
    if (*found) ++stored_before;
    return *found;
  };
  sink.write = [&](std::vector<dyad::Document>& docs) -> dyad::Status {
    DYAD_RETURN_IF_ERROR(skip_status);
    const auto write_start = Clock::now();
    auto r = (*store)->Ingest(docs);
    write_seconds += std::chrono::duration<double>(Clock::now() - write_start).count();
    if (!r.ok()) return r.status();
    added += r->articles_added;
    skipped += r->articles_skipped;
    events += r->events_added;
    quotes += r->quotes_added;
    entities += r->entities_added;
    auto now = Clock::now();
    if (now - last_report >= std::chrono::seconds(tty ? 1 : 10)) {
      last_report = now;
      report(false);
    }
    return dyad::Status::OK();
  };
  dyad::Status s = dyad::RunDocuments(**pipeline, *sources, run, diag, sink, &stats);
  if (s.ok()) s = skip_status;
  report(true);
  if (!s.ok()) return fail(s);
  if (!a.quiet) {
    std::fprintf(stderr, "dyad ingest: %s: %zu entities, %zu quotations, %zu events added; %.2fs writing\n",
                 a.db.c_str(), entities, quotes, events, write_seconds);
  }
  if (stats.errors > 0) {
    std::fprintf(stderr, "dyad ingest: %zu error(s): some input was not stored\n", stats.errors.load());
    return 1;
  }
  return 0;
}

}  // namespace

DYAD_COMMAND("ingest", "--db FILE [options] [INPUT...]   run the pipeline and store the results (--help)",
             Ingest);
