#ifndef MOLTRES_CJSON_SHIM_H
#define MOLTRES_CJSON_SHIM_H
#include <json-c/json.h>

/* Swift cannot use the json-c macros (json_object_object_foreach, flag constants built from shifts
   are fine), so these small wrappers expose object iteration in insertion order. */

/* The first entry of an object's hash table, in insertion order; NULL for an empty object. */
static inline struct lh_entry *moltres_json_object_first_entry(struct json_object *object) {
    return lh_table_head(json_object_get_object(object));
}

/* The entry after `entry` in insertion order, or NULL. */
static inline struct lh_entry *moltres_json_entry_next(struct lh_entry *entry) {
    return lh_entry_next(entry);
}

/* The key of an object entry (a NUL-terminated C string owned by the object). */
static inline const char *moltres_json_entry_key(struct lh_entry *entry) {
    return (const char *)lh_entry_k(entry);
}

/* The value of an object entry (NULL for JSON null); borrowed, not retained. */
static inline struct json_object *moltres_json_entry_value(struct lh_entry *entry) {
    return (struct json_object *)lh_entry_v(entry);
}

#endif
