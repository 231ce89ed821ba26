// The store's schema and its forward migrations. Internal to the store stage.
#ifndef DYAD_STORE_SCHEMA_INTERNAL_H_
#define DYAD_STORE_SCHEMA_INTERNAL_H_

#include "dyad/status.h"
#include "store/sqlite_internal.h"

namespace dyad::store_internal {

// event_keys (schema version 4) holds prefixes of codes up to this many
// characters; a longer prefix filter is answered from the events table.
constexpr size_t kEventKeyPrefixMax = 32;

// PRAGMA user_version of the open database.
Result<int> SchemaVersion(Connection& db);

// Brings the database from its version up to `target` (<= kStoreSchemaVersion),
// each step in its own transaction. A version newer than this build knows is
// refused (Unsupported), naming the file.
Status MigrateTo(Connection& db, int target);

}  // namespace dyad::store_internal

#endif  // DYAD_STORE_SCHEMA_INTERNAL_H_
