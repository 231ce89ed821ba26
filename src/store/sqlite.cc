#include "store/sqlite_internal.h"

namespace dyad::store_internal {

Status SqliteError(sqlite3* db, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : "out of memory";
  int code = db ? sqlite3_extended_errcode(db) & 0xff : SQLITE_NOMEM;
  switch (code) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(msg);
    case SQLITE_CANTOPEN:
      return Status::NotFound(msg);
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
    case SQLITE_ERROR:
      return Status::InvalidArgument(msg);
    default:
      return Status::IOError(msg);
  }
}

Connection::~Connection() {
  cache_.clear();  // finalised before the connection closes
  if (db_) sqlite3_close_v2(db_);
}

Result<Statement*> Connection::Cached(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return it->second.get();
  if (cache_.size() >= kMaxCachedStatements) cache_.clear();
  auto st = std::make_unique<Statement>();
  DYAD_RETURN_IF_ERROR(st->Prepare(db_, sql));
  Statement* raw = st.get();
  cache_.emplace(sql, std::move(st));
  return raw;
}

Status Connection::Open(const std::string& path, int flags, int busy_timeout_ms) {
  cache_.clear();
  if (db_) sqlite3_close_v2(db_);
  db_ = nullptr;
  path_ = path;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteError(db_, path);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return s;
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  return Status::OK();
}

Status Connection::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    Status st = SqliteError(db_, path_);
    sqlite3_free(err);
    return st;
  }
  return Status::OK();
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    if (stmt_) sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Status Statement::Prepare(sqlite3* db, std::string_view sql) {
  db_ = db;
  if (stmt_) sqlite3_finalize(stmt_);
  stmt_ = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt_, nullptr) != SQLITE_OK) {
    return SqliteError(db, "preparing a statement");
  }
  return Status::OK();
}

void Statement::Bind(int i, const SqlValue& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) BindNull(i);
  else if (auto* n = std::get_if<int64_t>(&v)) Bind(i, *n);
  else if (auto* d = std::get_if<double>(&v)) Bind(i, *d);
  else Bind(i, std::string_view(std::get<std::string>(v)));
}

void Statement::BindAll(const std::vector<SqlValue>& values) {
  for (size_t i = 0; i < values.size(); ++i) Bind(static_cast<int>(i + 1), values[i]);
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, "running a statement");
}

Status Statement::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::OK();
  }
}

}  // namespace dyad::store_internal
