// Thin RAII wrappers over the SQLite C API, returning dyad::Status. Internal
// to the store stage.
#ifndef DYAD_STORE_SQLITE_INTERNAL_H_
#define DYAD_STORE_SQLITE_INTERNAL_H_

#include <sqlite3.h>

#include <any>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "dyad/status.h"

namespace dyad::store_internal {

// An error from `db` as a Status naming `what` (the path or the statement).
Status SqliteError(sqlite3* db, std::string_view what);

class Statement;

// One open connection; closed on destruction.
class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(Connection&& o) noexcept
      : db_(o.db_), path_(std::move(o.path_)), cache_(std::move(o.cache_)), memo_(std::move(o.memo_)) {
    o.db_ = nullptr;
  }
  Connection& operator=(Connection&&) = delete;
  Connection(const Connection&) = delete;

  // flags: SQLITE_OPEN_* (NOMUTEX is added: a connection is used by one
  // thread at a time).
  Status Open(const std::string& path, int flags, int busy_timeout_ms);
  // Runs statements without results (";"-separated).
  Status Exec(std::string_view sql);
  sqlite3* db() const { return db_; }
  const std::string& path() const { return path_; }

  // The statement for `sql`, prepared on the first call and kept by this
  // connection (at most kMaxCachedStatements; past that the cache starts
  // over): SQL text is parsed and planned once per connection, not once per
  // query. The caller binds, steps, and must Reset() it before the next
  // caller (ResetOnExit below), so that no read snapshot stays open. Valid
  // until the connection closes.
  Result<Statement*> Cached(const std::string& sql);
  static constexpr size_t kMaxCachedStatements = 256;

  // Results a caller remembers on this connection, valid while `version`
  // (the caller's PRAGMA data_version) is unchanged.
  // Bounded by an estimate of the memory it holds: past kMaxBytes it starts
  // over.
  struct Memo {
    static constexpr size_t kMaxBytes = 16 << 20;
    int64_t version = -1;
    size_t bytes = 0;
    std::unordered_map<std::string, std::any> values;  // key: SQL and arguments
  };
  Memo& memo() { return memo_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
  Memo memo_;
};

// A value bound to a statement parameter.
using SqlValue = std::variant<std::nullptr_t, int64_t, double, std::string>;

// One prepared statement; finalised on destruction.
class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;

  Status Prepare(sqlite3* db, std::string_view sql);
  bool prepared() const { return stmt_ != nullptr; }

  // Parameters are 1-based.
  void Bind(int i, long v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, long long v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, int v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, uint32_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void Bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void Bind(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Bind(int i, const std::string& v) { Bind(i, std::string_view(v)); }
  void Bind(int i, const char* v) { Bind(i, std::string_view(v)); }
  void Bind(int i, const std::optional<std::string>& v) {
    if (v) Bind(i, std::string_view(*v));
    else BindNull(i);
  }
  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }
  void Bind(int i, const SqlValue& v);
  void BindAll(const std::vector<SqlValue>& values);

  // Advances: true with a row, false when done; an error otherwise.
  Result<bool> Step();
  // Steps to the end, expecting no row.
  Status Run();
  // Ready to run again (bindings cleared).
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a statement (and clears its bindings) at the end of a scope.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement* st) : st_(st) {}
  ~ResetOnExit() { st_->Reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement* st_;
};

}  // namespace dyad::store_internal

#endif  // DYAD_STORE_SQLITE_INTERNAL_H_
