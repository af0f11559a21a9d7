/* clipper-store-private.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's insides, for the files of the store alone.
 */

#pragma once

#include <sqlite3.h>

#include "clipper-store.h"
#include "clipper-tokenizer.h"

G_BEGIN_DECLS

struct _ClipperStore
{
  GObject      parent_instance;

  GMutex       mutex;      /* guards db, statements and the read-only state */
  sqlite3     *db;
  char        *path;
  GHashTable  *statements;
  GThreadPool *worker;     /* one thread: background work runs in order */

  GMutex       drain_mutex;
  GCond        drain_cond;
  gboolean     drained;

  /* The main loop's own read-only connection (WAL lets it read while the
   * worker writes), so listing rows never waits behind a long job. */
  GMutex       rows_mutex; /* guards rows_db and rows_statements */
  sqlite3     *rows_db;
  GHashTable  *rows_statements;

  gboolean     was_empty;  /* a 0-byte file was found at path, and made a library */
  gboolean     read_only;
  char        *read_only_reason;
};

/* What full-text search reads of a clipping: its metadata and text, its
 * highlights and notes, and the tags of both. */
#define INDEX_SELECT \
  "SELECT c.id, c.title, coalesce (c.byline, ''), coalesce (c.site_name, '') || ' ' || c.url, " \
  "  (SELECT text FROM clipping_bodies WHERE clipping_id = c.id), " \
  "  coalesce (c.note, '') || ' ' || coalesce ((SELECT group_concat (h.exact || ' ' || coalesce (n.body, ''), ' ') " \
  "    FROM highlights h LEFT JOIN notes n ON n.highlight_id = h.id WHERE h.clipping_id = c.id), ''), " \
  "  coalesce ((SELECT group_concat (t.name, ' ') FROM tags t WHERE t.id IN " \
  "    (SELECT tag_id FROM clipping_tags WHERE clipping_id = c.id UNION " \
  "     SELECT ht.tag_id FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id " \
  "     WHERE h.clipping_id = c.id)), '') " \
  "FROM clippings c"

/* The search index as the current schema has it, empty, and filled. */
#define SEARCH_INDEX_CREATE \
  "CREATE VIRTUAL TABLE search_index USING fts5 (" \
  "  title, byline, site, body, annotations, tags," \
  "  tokenize = '" CLIPPER_TOKENIZER "', prefix = '2 3');"
#define SEARCH_INDEX_FILL \
  "INSERT INTO search_index (rowid, title, byline, site, body, annotations, tags) " INDEX_SELECT ";"

G_END_DECLS
