/*
 * ytree.h - a YAML document as a tree of nodes that remember where they were.
 *
 * The only module that includes yaml.h. It turns the one document of a file
 * into scalars, sequences and mappings, each with its 1-based line and column,
 * so that loaders can report `FILE:LINE:COLUMN` for any value they reject.
 * Syntax errors, aliases, duplicate mapping keys, a second document, NUL bytes
 * and text holding a NUL character (an escape) are reported as diagnostics. The document owns every node; rp_ydoc_free releases them.
 */
#ifndef RP_YTREE_H
#define RP_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"

typedef enum rp_ykind { RP_Y_SCALAR, RP_Y_SEQUENCE, RP_Y_MAPPING } rp_ykind;

typedef struct rp_ynode rp_ynode;
struct rp_ynode {
    rp_ykind kind;
    int line, column;
    char *value;      /* scalar text ("" for an empty/null scalar) */
    bool quoted;      /* scalar was written in quotes: never a number or null */
    rp_ynode **items; /* sequence items, or mapping keys and values interleaved */
    int n_items;      /* items in a sequence; 2 x pairs in a mapping */
};

typedef struct rp_ydoc {
    char *file;     /* the name diagnostics use */
    rp_ynode *root; /* NULL for an empty document */
} rp_ydoc;

/* Parses the file at path. RP_ERR_IO when it cannot be read (diagnostic
 * added), RP_ERR_INVALID on a syntax error (diagnostics added). */
rp_status rp_ydoc_parse_file(const char *path, rp_ydoc **out, rp_diags *diags);
/* Same for text in memory; `name` is the file name diagnostics show. */
rp_status rp_ydoc_parse_string(const char *name, const char *text, size_t len, rp_ydoc **out,
                               rp_diags *diags);
/* Accepts NULL; clears *doc. */
void rp_ydoc_free(rp_ydoc **doc);

rp_loc rp_ynode_loc(const rp_ydoc *doc, const rp_ynode *node);
/* "a mapping", "a list", "a number", "text" ... for messages. */
const char *rp_ynode_describe(const rp_ynode *node);

/* Number of key/value pairs of a mapping. */
int rp_ymap_size(const rp_ynode *map);
const rp_ynode *rp_ymap_key(const rp_ynode *map, int i);
const rp_ynode *rp_ymap_value(const rp_ynode *map, int i);
/* The value for key, or NULL when absent (or map is not a mapping). */
const rp_ynode *rp_ymap_get(const rp_ynode *map, const char *key);
/* Reports every key of map not in the NULL-terminated `allowed` list, with a
 * suggestion when one is close; `what` names the mapping ("a department").
 * Returns the number of unknown keys. */
int rp_ymap_check_keys(const rp_ydoc *doc, const rp_ynode *map, const char *const *allowed,
                       const char *what, rp_diags *diags);

/* True for a plain scalar written as null, ~ or nothing. */
bool rp_yscalar_is_null(const rp_ynode *node);
/* Strict conversions of an unquoted scalar; false when it is not one. */
bool rp_yscalar_int(const rp_ynode *node, long *out);
bool rp_yscalar_number(const rp_ynode *node, double *out);
bool rp_yscalar_bool(const rp_ynode *node, bool *out);

/* The closest of the NULL-terminated candidates to word within a small edit
 * distance, or NULL; for "did you mean" hints. */
const char *rp_closest_word(const char *word, const char *const *candidates);

#endif
