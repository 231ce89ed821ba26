// The store: opening and migrating the database, the connection pool, and
// Ingest. The queries are in queries.cc.
#include "dyad/store.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "dyad/utf8.h"
#include "store/schema_internal.h"
#include "store/store_internal.h"

namespace dyad {

using store_internal::Connection;
using store_internal::Statement;

namespace {

// MurmurHash3 x64 128 (public domain, Austin Appleby): fast, and 128 bits
// make an accidental collision between different articles negligible.
inline uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
inline uint64_t Fmix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  k ^= k >> 33;
  return k;
}

void Murmur3x64_128(std::string_view data, uint64_t out[2]) {
  const size_t n = data.size(), blocks = n / 16;
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  uint64_t h1 = 0x9368e53c2f6af274ull, h2 = 0x586dcd208f7cd3fdull;  // fixed seeds
  const uint64_t c1 = 0x87c37b91114253d5ull, c2 = 0x4cf5ad432745937full;
  for (size_t i = 0; i < blocks; ++i) {
    uint64_t k1, k2;
    std::memcpy(&k1, p + i * 16, 8);
    std::memcpy(&k2, p + i * 16 + 8, 8);
    k1 *= c1, k1 = Rotl(k1, 31), k1 *= c2, h1 ^= k1;
    h1 = Rotl(h1, 27), h1 += h2, h1 = h1 * 5 + 0x52dce729;
    k2 *= c2, k2 = Rotl(k2, 33), k2 *= c1, h2 ^= k2;
    h2 = Rotl(h2, 31), h2 += h1, h2 = h2 * 5 + 0x38495ab5;
  }
  const unsigned char* tail = p + blocks * 16;
  uint64_t k1 = 0, k2 = 0;
  size_t rest = n & 15;
  for (size_t i = rest; i > 8; --i) k2 ^= uint64_t{tail[i - 1]} << ((i - 9) * 8);
  if (rest > 8) k2 *= c2, k2 = Rotl(k2, 33), k2 *= c1, h2 ^= k2;
  for (size_t i = std::min<size_t>(rest, 8); i > 0; --i) k1 ^= uint64_t{tail[i - 1]} << ((i - 1) * 8);
  if (rest > 0) k1 *= c1, k1 = Rotl(k1, 31), k1 *= c2, h1 ^= k1;
  h1 ^= n, h2 ^= n;
  h1 += h2, h2 += h1;
  h1 = Fmix(h1), h2 = Fmix(h2);
  h1 += h2, h2 += h1;
  out[0] = h1, out[1] = h2;
}

// Byte span -> code points, tolerating spans past the text (a stage's bug
// must not crash the store).
struct CpMap {
  explicit CpMap(const std::string& text) : cp(text), size(static_cast<uint32_t>(text.size())) {}
  uint32_t operator()(uint32_t byte) const { return cp(std::min(byte, size)); }
  utf8::CodePointIndex cp;
  uint32_t size;
};

}  // namespace

std::string ArticleContentHash(const Article& article) {
  std::string data = article.title.value_or("");
  data += '\0';
  data += article.text;
  uint64_t h[2];
  Murmur3x64_128(data, h);
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h[0]),
                static_cast<unsigned long long>(h[1]));
  return buf;
}

std::vector<uint32_t> Utf16Offsets(std::string_view text) {
  std::vector<uint32_t> out;
  out.reserve(text.size() + 1);
  uint32_t u16 = 0;
  out.push_back(0);
  for (size_t i = 0; i < text.size();) {
    char32_t c = utf8::Next(text, i);
    u16 += c > 0xFFFF ? 2 : 1;
    out.push_back(u16);
  }
  return out;
}

// ---------------------------------------------------------------- Impl

Store::Impl::~Impl() = default;

Result<Store::Impl::Lease> Store::Impl::Borrow() {
  std::unique_lock<std::mutex> lock(pool_mu);
  pool_cv.wait(lock, [&] { return !free_readers.empty() || open_readers < options.max_readers; });
  if (!free_readers.empty()) {
    std::unique_ptr<Connection> c = std::move(free_readers.back());
    free_readers.pop_back();
    return Lease(this, std::move(c));
  }
  ++open_readers;
  lock.unlock();
  auto c = std::make_unique<Connection>();
  Status s = c->Open(path, SQLITE_OPEN_READONLY, options.busy_timeout_ms);
  // Readers map the file (no copy of each page into the connection's cache)
  // and keep a larger cache of their own.
  if (s.ok()) s = c->Exec("PRAGMA mmap_size=268435456; PRAGMA cache_size=-16384");
  if (!s.ok()) {
    std::lock_guard<std::mutex> l(pool_mu);
    --open_readers;
    pool_cv.notify_one();
    return s;
  }
  return Lease(this, std::move(c));
}

void Store::Impl::Return(std::unique_ptr<Connection> c) {
  std::lock_guard<std::mutex> l(pool_mu);
  free_readers.push_back(std::move(c));
  pool_cv.notify_one();
}

Store::Impl::Lease::~Lease() {
  if (impl_ && conn_) impl_->Return(std::move(conn_));
}

namespace {

constexpr const char* kInsertArticle =
    "INSERT INTO articles(id, url, source, date, title, text, text_length, body_start, "
    "content_hash, origin, extra_json, ingested_at) "
    "VALUES(?,?,?,?,?,?,?,?,?,?,?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))";
constexpr const char* kInsertQuote =
    "INSERT INTO quotes(article, idx, kind, content, start, \"end\", pieces, cue_start, cue_end, "
    "speaker_start, speaker_end, speaker_text, speaker_entity, speaker_actor, description_start, "
    "description_end, sentence) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
constexpr const char* kInsertEvent =
    "INSERT INTO events(article, idx, code, root, quad_class, goldstein, plover, source_actor, "
    "source_start, source_end, source_entity, target_actor, target_start, target_end, "
    "target_entity, sentence, date, day, negated, trigger_start, trigger_end, rule, "
    "source_text, target_text, trigger_text, sentence_text) "
    "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

}  // namespace

Status Store::Impl::PrepareWriter() {
  sqlite3* db = writer.db();
  DYAD_RETURN_IF_ERROR(find_id.Prepare(db, "SELECT 1 FROM articles WHERE id = ?"));
  DYAD_RETURN_IF_ERROR(find_hash.Prepare(db, "SELECT 1 FROM articles WHERE content_hash = ?"));
  DYAD_RETURN_IF_ERROR(insert_article.Prepare(db, kInsertArticle));
  DYAD_RETURN_IF_ERROR(insert_article_fts.Prepare(
      db, "INSERT INTO article_fts(rowid, title, text) VALUES(?,?,?)"));
  DYAD_RETURN_IF_ERROR(insert_removed.Prepare(
      db, "INSERT INTO removed(article, start, \"end\", reason) VALUES(?,?,?,?)"));
  DYAD_RETURN_IF_ERROR(insert_sentence.Prepare(
      db, "INSERT INTO sentences(article, idx, start, \"end\") VALUES(?,?,?,?)"));
  DYAD_RETURN_IF_ERROR(insert_entity.Prepare(
      db, "INSERT INTO entities(article, idx, canonical, type, actor, actor_rule) VALUES(?,?,?,?,?,?)"));
  DYAD_RETURN_IF_ERROR(insert_mention.Prepare(
      db, "INSERT INTO mentions(entity, start, \"end\", type, sentence) VALUES(?,?,?,?,?)"));
  DYAD_RETURN_IF_ERROR(insert_quote.Prepare(db, kInsertQuote));
  DYAD_RETURN_IF_ERROR(
      insert_quote_fts.Prepare(db, "INSERT INTO quote_fts(rowid, content) VALUES(?,?)"));
  DYAD_RETURN_IF_ERROR(insert_event.Prepare(db, kInsertEvent));
  DYAD_RETURN_IF_ERROR(
      insert_issue.Prepare(db, "INSERT OR IGNORE INTO event_issues(event, issue) VALUES(?,?)"));
  DYAD_RETURN_IF_ERROR(insert_event_key.Prepare(
      db, "INSERT OR IGNORE INTO event_keys(key, day, event) VALUES(?,?,?)"));
  return Status::OK();
}

Result<bool> Store::Impl::Exists(Statement& st, std::string_view key) {
  st.Reset();
  st.Bind(1, key);
  auto row = st.Step();
  st.Reset();
  return row;
}

// One article and all its layers. REQUIRES: inside the writer's transaction.
Status Store::Impl::InsertDocument(const Document& doc, const std::string& hash, IngestStats* stats) {
  const Article& a = doc.article;
  const CpMap cp(a.text);
  sqlite3* db = writer.db();

  Statement& art = insert_article;
  art.Reset();
  art.Bind(1, a.id);
  art.Bind(2, a.url);
  art.Bind(3, a.source);
  art.Bind(4, a.date);
  art.Bind(5, a.title);
  art.Bind(6, a.text);
  art.Bind(7, cp(cp.size));
  art.Bind(8, cp(a.body_start));
  art.Bind(9, hash);
  art.Bind(10, a.origin);
  if (a.extra_json.empty()) art.BindNull(11);
  else art.Bind(11, a.extra_json);
  DYAD_RETURN_IF_ERROR(art.Run());
  const int64_t pk = sqlite3_last_insert_rowid(db);

  insert_article_fts.Reset();
  insert_article_fts.Bind(1, pk);
  insert_article_fts.Bind(2, a.title);
  insert_article_fts.Bind(3, a.text);
  DYAD_RETURN_IF_ERROR(insert_article_fts.Run());

  for (const Removed& r : doc.removed) {
    insert_removed.Reset();
    insert_removed.Bind(1, pk);
    insert_removed.Bind(2, cp(r.span.start));
    insert_removed.Bind(3, cp(r.span.end));
    insert_removed.Bind(4, r.reason);
    DYAD_RETURN_IF_ERROR(insert_removed.Run());
  }
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    insert_sentence.Reset();
    insert_sentence.Bind(1, pk);
    insert_sentence.Bind(2, static_cast<int64_t>(i));
    insert_sentence.Bind(3, cp(doc.sentences[i].span.start));
    insert_sentence.Bind(4, cp(doc.sentences[i].span.end));
    DYAD_RETURN_IF_ERROR(insert_sentence.Run());
  }

  std::vector<int64_t> entity_pk(doc.entities.size());
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    insert_entity.Reset();
    insert_entity.Bind(1, pk);
    insert_entity.Bind(2, static_cast<int64_t>(i));
    insert_entity.Bind(3, e.canonical);
    insert_entity.Bind(4, e.type);
    insert_entity.Bind(5, e.actor);
    insert_entity.Bind(6, e.actor_rule);
    DYAD_RETURN_IF_ERROR(insert_entity.Run());
    entity_pk[i] = sqlite3_last_insert_rowid(db);
    for (const Mention& m : e.mentions) {
      insert_mention.Reset();
      insert_mention.Bind(1, entity_pk[i]);
      insert_mention.Bind(2, cp(m.span.start));
      insert_mention.Bind(3, cp(m.span.end));
      insert_mention.Bind(4, m.type);
      insert_mention.Bind(5, m.sentence);
      DYAD_RETURN_IF_ERROR(insert_mention.Run());
    }
    ++stats->entities_added;
  }
  auto entity = [&](int32_t index) -> const Entity* {
    return index >= 0 && static_cast<size_t>(index) < doc.entities.size() ? &doc.entities[index]
                                                                          : nullptr;
  };
  auto bind_span = [&](Statement& st, int col, const std::optional<Span>& s) {
    if (s) {
      st.Bind(col, cp(s->start));
      st.Bind(col + 1, cp(s->end));
    } else {
      st.BindNull(col);
      st.BindNull(col + 1);
    }
  };

  int64_t quote_index = 0;
  for (const Quote& q : doc.quotes) {
    if (q.content.empty()) continue;
    // As in dyad/1: the pieces joined by a space; start and end of the whole.
    std::string content, pieces;
    for (const Span& piece : q.content) {
      if (!content.empty()) content += ' ';
      content += doc.Text(Span{std::min(piece.start, cp.size), std::min(piece.end, cp.size)});
      if (!pieces.empty()) pieces += ',';
      pieces += std::to_string(cp(piece.start)) + "-" + std::to_string(cp(piece.end));
    }
    const Entity* speaker = entity(q.speaker_entity);
    std::optional<std::string> actor = q.speaker_actor ? q.speaker_actor
                                       : speaker       ? speaker->actor
                                                       : std::nullopt;
    Statement& st = insert_quote;
    st.Reset();
    st.Bind(1, pk);
    st.Bind(2, quote_index++);
    st.Bind(3, q.kind);
    st.Bind(4, content);
    st.Bind(5, cp(q.content.front().start));
    st.Bind(6, cp(q.content.back().end));
    st.Bind(7, pieces);
    bind_span(st, 8, q.cue);
    bind_span(st, 10, q.speaker);
    if (q.speaker) {
      st.Bind(12, doc.Text(Span{std::min(q.speaker->start, cp.size), std::min(q.speaker->end, cp.size)}));
    } else {
      st.BindNull(12);
    }
    if (speaker) st.Bind(13, entity_pk[q.speaker_entity]);
    else st.BindNull(13);
    st.Bind(14, actor);
    bind_span(st, 15, q.description);
    st.Bind(17, q.sentence);
    DYAD_RETURN_IF_ERROR(st.Run());
    insert_quote_fts.Reset();
    insert_quote_fts.Bind(1, sqlite3_last_insert_rowid(db));
    insert_quote_fts.Bind(2, content);
    DYAD_RETURN_IF_ERROR(insert_quote_fts.Run());
    ++stats->quotes_added;
  }

  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& e = doc.events[i];
    Statement& st = insert_event;
    st.Reset();
    st.Bind(1, pk);
    st.Bind(2, static_cast<int64_t>(i));
    st.Bind(3, e.code);
    st.Bind(4, e.root);
    st.Bind(5, e.quad_class);
    st.Bind(6, e.goldstein);
    st.Bind(7, e.plover);
    auto side = [&](int col, const std::optional<EventActor>& s) {
      if (!s) {
        for (int c = 0; c < 4; ++c) st.BindNull(col + c);
        return;
      }
      st.Bind(col, s->actor);
      st.Bind(col + 1, cp(s->span.start));
      st.Bind(col + 2, cp(s->span.end));
      if (entity(s->entity)) st.Bind(col + 3, entity_pk[s->entity]);
      else st.BindNull(col + 3);
    };
    side(8, e.source);
    side(12, e.target);
    st.Bind(16, e.sentence);
    st.Bind(17, e.date);
    // The day it is filed under: the event's own full date, else the
    // article's, else whatever part of a date the event has.
    std::optional<std::string> day = e.date && e.date->size() == 10 ? e.date
                                     : a.date                         ? a.date
                                                                      : e.date;
    if (day && day->empty()) day.reset();  // an empty date is no date
    st.Bind(18, day);
    st.Bind(19, e.negated ? 1 : 0);
    st.Bind(20, cp(e.trigger.start));
    st.Bind(21, cp(e.trigger.end));
    st.Bind(22, e.rule);
    if (e.source) st.Bind(23, doc.Text(e.source->span));
    else st.BindNull(23);
    if (e.target) st.Bind(24, doc.Text(e.target->span));
    else st.BindNull(24);
    st.Bind(25, doc.Text(e.trigger));
    if (e.sentence < doc.sentences.size()) st.Bind(26, doc.Text(doc.sentences[e.sentence].span));
    else st.BindNull(26);
    DYAD_RETURN_IF_ERROR(st.Run());
    const int64_t event_pk = sqlite3_last_insert_rowid(db);
    // The event under each prefix of its codes (schema version 4).
    const std::string key_day = day.value_or("");
    auto add_keys = [&](char kind, const std::string* code) -> Status {
      if (code == nullptr) return Status::OK();
      std::string key(1, kind);
      size_t chars = 0;
      const bool valid = utf8::FindInvalid(*code) == utf8::npos;  // else byte by byte
      for (size_t i = 0; i < code->size() && chars < store_internal::kEventKeyPrefixMax;) {
        if (valid) utf8::Append(utf8::Next(*code, i), &key);
        else key += (*code)[i++];
        ++chars;
        insert_event_key.Reset();
        insert_event_key.Bind(1, key);
        insert_event_key.Bind(2, key_day);
        insert_event_key.Bind(3, event_pk);
        DYAD_RETURN_IF_ERROR(insert_event_key.Run());
      }
      return Status::OK();
    };
    const std::string* source_code = e.source && e.source->actor ? &*e.source->actor : nullptr;
    const std::string* target_code = e.target && e.target->actor ? &*e.target->actor : nullptr;
    DYAD_RETURN_IF_ERROR(add_keys('c', &e.code));
    DYAD_RETURN_IF_ERROR(add_keys('s', source_code));
    DYAD_RETURN_IF_ERROR(add_keys('t', target_code));
    DYAD_RETURN_IF_ERROR(add_keys('a', source_code));
    DYAD_RETURN_IF_ERROR(add_keys('a', target_code));
    for (const std::string& issue : e.issues) {
      insert_issue.Reset();
      insert_issue.Bind(1, event_pk);
      insert_issue.Bind(2, issue);
      DYAD_RETURN_IF_ERROR(insert_issue.Run());
    }
    ++stats->events_added;
  }
  ++stats->articles_added;
  return Status::OK();
}

// ---------------------------------------------------------------- Store

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->options.max_readers = std::max(1, options.max_readers);
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) {
    return Status::InvalidArgument("store: a database file path is needed, not '" + path + "'");
  }
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (!exists && (options.read_only || !options.create_if_missing)) {
    return Status::NotFound(path + ": no such database");
  }
  if (options.read_only) {
    // Check once, with a connection of the pool.
    auto lease = impl->Borrow();
    if (!lease.ok()) return lease.status();
    auto version = store_internal::SchemaVersion(lease->conn());
    if (!version.ok()) return Status::Corruption(path + ": not a dyad database (" + version.status().message() + ")");
    if (*version == 0) return Status::InvalidArgument(path + ": not a dyad database (schema version 0)");
    if (*version < kStoreSchemaVersion) {
      return Status::Unsupported(path + ": schema version " + std::to_string(*version) +
                                 " needs migrating to " + std::to_string(kStoreSchemaVersion) +
                                 ": open it once for writing (dyad ingest)");
    }
    if (*version > kStoreSchemaVersion) {
      return Status::Unsupported(path + ": schema version " + std::to_string(*version) +
                                 " is newer than this dyad knows (" +
                                 std::to_string(kStoreSchemaVersion) + ")");
    }
  } else {
    Connection& w = impl->writer;
    DYAD_RETURN_IF_ERROR(w.Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, options.busy_timeout_ms));
    // A file that SQLite cannot read, or another program's database, is
    // refused before anything is written to it.
    auto version = store_internal::SchemaVersion(w);
    if (!version.ok()) return Status::Corruption(path + ": not a database (" + version.status().message() + ")");
    if (*version == 0) {
      Statement st;
      DYAD_RETURN_IF_ERROR(st.Prepare(w.db(), "SELECT COUNT(*) FROM sqlite_schema"));
      auto row = st.Step();
      if (!row.ok()) return row.status();
      if (st.Int(0) != 0) return Status::InvalidArgument(path + ": not a dyad database (it has other tables)");
    }
    // WAL: readers never wait for the writer. synchronous=NORMAL: a commit
    // survives the process being killed; only a power loss may drop the last
    // commits (never corrupt the file).
    DYAD_RETURN_IF_ERROR(w.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                                "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768"));
    DYAD_RETURN_IF_ERROR(store_internal::MigrateTo(w, kStoreSchemaVersion));
    DYAD_RETURN_IF_ERROR(impl->PrepareWriter());
    impl->has_writer = true;
  }
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

Result<IngestStats> Store::Ingest(const std::vector<Document>& docs) {
  Impl& im = *impl_;
  if (!im.has_writer) return Status::InvalidArgument(im.path + ": opened read-only");
  std::lock_guard<std::mutex> lock(im.write_mu);
  IngestStats stats;
  DYAD_RETURN_IF_ERROR(im.writer.Exec("BEGIN IMMEDIATE"));
  auto body = [&]() -> Status {
    for (const Document& doc : docs) {
      std::string hash = ArticleContentHash(doc.article);
      auto by_id = im.Exists(im.find_id, doc.article.id);
      if (!by_id.ok()) return by_id.status();
      auto by_hash = *by_id ? Result<bool>(true) : im.Exists(im.find_hash, hash);
      if (!by_hash.ok()) return by_hash.status();
      if (*by_hash) {
        ++stats.articles_skipped;
        continue;
      }
      Status s = im.InsertDocument(doc, hash, &stats);
      if (!s.ok()) {
        return Status::IOError(im.path + ": storing article " + doc.article.id + " (" +
                               doc.article.origin + "): " + s.message());
      }
    }
    return Status::OK();
  };
  Status s = body();
  if (s.ok()) s = im.writer.Exec("COMMIT");
  if (!s.ok()) {
    (void)im.writer.Exec("ROLLBACK");
    return s;
  }
  return stats;
}

Result<bool> Store::HasArticle(std::string_view id) const {
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  Statement st;
  DYAD_RETURN_IF_ERROR(st.Prepare(lease->conn().db(), "SELECT 1 FROM articles WHERE id = ?"));
  st.Bind(1, id);
  return st.Step();
}

Result<bool> Store::Contains(const Article& article) const {
  auto lease = impl_->Borrow();
  if (!lease.ok()) return lease.status();
  Statement st;
  DYAD_RETURN_IF_ERROR(st.Prepare(lease->conn().db(),
                                  "SELECT 1 FROM articles WHERE id = ? OR content_hash = ?"));
  st.Bind(1, article.id);
  st.Bind(2, ArticleContentHash(article));
  return st.Step();
}

}  // namespace dyad
