#ifndef MOLTRES_CSQLITE_SHIM_H
#define MOLTRES_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro that casts -1 to a function pointer; Swift cannot import it.
static inline sqlite3_destructor_type moltres_sqlite_transient(void) { return SQLITE_TRANSIENT; }
/// SQLITE_STATIC is a macro too.
static inline sqlite3_destructor_type moltres_sqlite_static(void) { return SQLITE_STATIC; }

/// sqlite3_db_config is variadic; Swift cannot call it directly.
static inline int moltres_sqlite_db_config_int(sqlite3 *db, int op, int value, int *result) {
    return sqlite3_db_config(db, op, value, result);
}
#endif
