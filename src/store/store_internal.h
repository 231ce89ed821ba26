// The inside of dyad::Store, shared by store.cc (open, ingest) and
// queries.cc. Internal to the store stage.
#ifndef DYAD_STORE_STORE_INTERNAL_H_
#define DYAD_STORE_STORE_INTERNAL_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dyad/store.h"
#include "store/sqlite_internal.h"

namespace dyad {

struct Store::Impl {
  ~Impl();

  std::string path;
  StoreOptions options;

  // The writer: one connection, its prepared statements, and a lock that
  // serialises Ingest calls. Absent when read-only.
  std::mutex write_mu;
  bool has_writer = false;
  store_internal::Connection writer;
  store_internal::Statement find_id, find_hash, insert_article, insert_article_fts, insert_removed,
      insert_sentence, insert_entity, insert_mention, insert_quote, insert_quote_fts, insert_event,
      insert_issue, insert_event_key;

  // Read-only connections, opened on demand up to options.max_readers; a
  // query borrows one for its duration.
  std::mutex pool_mu;
  std::condition_variable pool_cv;
  std::vector<std::unique_ptr<store_internal::Connection>> free_readers;
  int open_readers = 0;

  class Lease {
   public:
    Lease(Impl* impl, std::unique_ptr<store_internal::Connection> c) : impl_(impl), conn_(std::move(c)) {}
    Lease(Lease&& o) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    store_internal::Connection& conn() { return *conn_; }

   private:
    Impl* impl_;
    std::unique_ptr<store_internal::Connection> conn_;
  };
  // Waits for a free reader (or opens one). Thread-safe.
  Result<Lease> Borrow();
  void Return(std::unique_ptr<store_internal::Connection> c);

  Status PrepareWriter();
  Result<bool> Exists(store_internal::Statement& st, std::string_view key);
  Status InsertDocument(const Document& doc, const std::string& hash, IngestStats* stats);
};

}  // namespace dyad

#endif  // DYAD_STORE_STORE_INTERNAL_H_
