// The schema, version by version. A version's step is never edited once
// released: a change is a new step appended here, and docs/store.md says what
// each version added.
//
// Version history:
//   1  articles, removed, sentences, entities, mentions, quotes, events,
//      event_issues
//   2  full-text indexes article_fts (title, text) and quote_fts (content),
//      filled from the rows already stored
//   3  the words of an event's source, target, trigger and sentence in its row
//   4  event_keys: the events by code prefix and actor code prefix, in listing
//      order, filled from the rows already stored
#include <string>

#include "dyad/store.h"
#include "store/schema_internal.h"

namespace dyad::store_internal {
namespace {

// All offsets stored are code points into articles.text, end exclusive.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE articles(
  pk INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  url TEXT, source TEXT, date TEXT, title TEXT,
  text TEXT NOT NULL,
  text_length INTEGER NOT NULL,
  body_start INTEGER NOT NULL,
  content_hash TEXT NOT NULL UNIQUE,
  origin TEXT,
  extra_json TEXT,
  ingested_at TEXT NOT NULL);
CREATE INDEX articles_date ON articles(date);
CREATE TABLE removed(
  article INTEGER NOT NULL REFERENCES articles(pk),
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  reason TEXT NOT NULL);
CREATE INDEX removed_article ON removed(article);
CREATE TABLE sentences(
  article INTEGER NOT NULL REFERENCES articles(pk),
  idx INTEGER NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  PRIMARY KEY(article, idx)) WITHOUT ROWID;
CREATE TABLE entities(
  pk INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles(pk),
  idx INTEGER NOT NULL,
  canonical TEXT NOT NULL, type TEXT NOT NULL,
  actor TEXT, actor_rule TEXT,
  UNIQUE(article, idx));
CREATE INDEX entities_actor ON entities(actor);
CREATE TABLE mentions(
  entity INTEGER NOT NULL REFERENCES entities(pk),
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  type TEXT NOT NULL, sentence INTEGER NOT NULL);
CREATE INDEX mentions_entity ON mentions(entity);
CREATE TABLE quotes(
  pk INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles(pk),
  idx INTEGER NOT NULL,
  kind TEXT NOT NULL,
  content TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  pieces TEXT NOT NULL,
  cue_start INTEGER, cue_end INTEGER,
  speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT,
  speaker_entity INTEGER REFERENCES entities(pk),
  speaker_actor TEXT,
  description_start INTEGER, description_end INTEGER,
  sentence INTEGER NOT NULL,
  UNIQUE(article, idx));
CREATE INDEX quotes_speaker_actor ON quotes(speaker_actor);
CREATE TABLE events(
  pk INTEGER PRIMARY KEY,
  article INTEGER NOT NULL REFERENCES articles(pk),
  idx INTEGER NOT NULL,
  code TEXT NOT NULL, root TEXT NOT NULL,
  quad_class INTEGER NOT NULL, goldstein REAL NOT NULL, plover TEXT NOT NULL,
  source_actor TEXT, source_start INTEGER, source_end INTEGER,
  source_entity INTEGER REFERENCES entities(pk),
  target_actor TEXT, target_start INTEGER, target_end INTEGER,
  target_entity INTEGER REFERENCES entities(pk),
  sentence INTEGER NOT NULL,
  date TEXT,
  day TEXT,
  negated INTEGER NOT NULL,
  trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
  rule TEXT NOT NULL,
  UNIQUE(article, idx));
CREATE INDEX events_source ON events(source_actor);
CREATE INDEX events_target ON events(target_actor);
CREATE INDEX events_code ON events(code);
CREATE INDEX events_day ON events(day);
CREATE TABLE event_issues(
  event INTEGER NOT NULL REFERENCES events(pk),
  issue TEXT NOT NULL,
  PRIMARY KEY(event, issue)) WITHOUT ROWID;
CREATE INDEX event_issues_issue ON event_issues(issue);
)sql";

constexpr const char* kVersion2 = R"sql(
CREATE VIRTUAL TABLE article_fts USING fts5(
  title, text, content='articles', content_rowid='pk',
  tokenize='unicode61 remove_diacritics 2');
INSERT INTO article_fts(article_fts) VALUES('rebuild');
CREATE VIRTUAL TABLE quote_fts USING fts5(
  content, content='quotes', content_rowid='pk',
  tokenize='unicode61 remove_diacritics 2');
INSERT INTO quote_fts(quote_fts) VALUES('rebuild');
)sql";

// Version 3: the words of each event's source, target, trigger and sentence
// kept in the event row, so that listing events does not cut them out of
// the article text (substr() on TEXT walks the text from its start).
constexpr const char* kVersion3 = R"sql(
ALTER TABLE events ADD COLUMN source_text TEXT;
ALTER TABLE events ADD COLUMN target_text TEXT;
ALTER TABLE events ADD COLUMN trigger_text TEXT;
ALTER TABLE events ADD COLUMN sentence_text TEXT;
UPDATE events SET
  source_text = (SELECT substr(a.text, events.source_start + 1, events.source_end - events.source_start)
                 FROM articles a WHERE a.pk = events.article),
  target_text = (SELECT substr(a.text, events.target_start + 1, events.target_end - events.target_start)
                 FROM articles a WHERE a.pk = events.article),
  trigger_text = (SELECT substr(a.text, events.trigger_start + 1, events.trigger_end - events.trigger_start)
                  FROM articles a WHERE a.pk = events.article),
  sentence_text = (SELECT substr(a.text, s.start + 1, s."end" - s.start)
                   FROM articles a JOIN sentences s ON s.article = a.pk
                   WHERE a.pk = events.article AND s.idx = events.sentence);
)sql";

// Version 4: event_keys lists each event under every prefix of its code
// ('c' + prefix), of its source's and target's actor codes ('s', 't') and of
// either side's ('a', once per event), up to kEventKeyPrefixMax characters,
// with the day it is filed under ('' for none). A filtered events listing
// then reads one key's entries already in listing order (day DESC, event
// DESC) and stops after a page, instead of sorting every matching event; a
// count is a range of one index. An empty day is stored as no day (NULL), so
// that both orders agree.
constexpr const char* kVersion4 = R"sql(
UPDATE events SET day = NULL WHERE day = '';
CREATE TABLE event_keys(
  key TEXT NOT NULL,
  day TEXT NOT NULL,
  event INTEGER NOT NULL REFERENCES events(pk),
  PRIMARY KEY(key, day, event)) WITHOUT ROWID;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 32)
INSERT OR IGNORE INTO event_keys(key, day, event)
  SELECT 'c' || substr(code, 1, i), ifnull(day, ''), pk FROM events JOIN n ON i <= length(code)
  UNION ALL SELECT 's' || substr(source_actor, 1, i), ifnull(day, ''), pk FROM events JOIN n ON i <= length(source_actor)
  UNION ALL SELECT 't' || substr(target_actor, 1, i), ifnull(day, ''), pk FROM events JOIN n ON i <= length(target_actor)
  UNION ALL SELECT 'a' || substr(source_actor, 1, i), ifnull(day, ''), pk FROM events JOIN n ON i <= length(source_actor)
  UNION ALL SELECT 'a' || substr(target_actor, 1, i), ifnull(day, ''), pk FROM events JOIN n ON i <= length(target_actor);
)sql";
static_assert(kEventKeyPrefixMax == 32, "kVersion4 fills prefixes of up to 32 characters");

constexpr const char* kSteps[] = {kVersion1, kVersion2, kVersion3, kVersion4};
static_assert(sizeof(kSteps) / sizeof(kSteps[0]) == kStoreSchemaVersion);

}  // namespace

Result<int> SchemaVersion(Connection& db) {
  Statement st;
  DYAD_RETURN_IF_ERROR(st.Prepare(db.db(), "PRAGMA user_version"));
  auto row = st.Step();
  if (!row.ok()) return row.status();
  return static_cast<int>(st.Int(0));
}

Status MigrateTo(Connection& db, int target) {
  auto version = SchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*version > kStoreSchemaVersion) {
    return Status::Unsupported(db.path() + ": schema version " + std::to_string(*version) +
                               " is newer than this dyad knows (" +
                               std::to_string(kStoreSchemaVersion) + ")");
  }
  for (int v = *version + 1; v <= target; ++v) {
    DYAD_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    // Another process may have migrated while we waited for the lock.
    auto now = SchemaVersion(db);
    Status s = now.ok() ? Status::OK() : now.status();
    if (s.ok() && *now < v) {
      s = db.Exec(kSteps[v - 1]);
      if (s.ok()) s = db.Exec("PRAGMA user_version = " + std::to_string(v));
    }
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      return Status::IOError(db.path() + ": migrating to schema version " + std::to_string(v) +
                                ": " + s.message());
    }
    DYAD_RETURN_IF_ERROR(db.Exec("COMMIT"));
  }
  return Status::OK();
}

}  // namespace dyad::store_internal
