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

/* The statements kept prepared, one key per SQL text. The text stays
 * beside its one use; each use checks that its key meets the same text. */
typedef enum
{
  CLIPPER_SQL_CITATION_FIND,
  CLIPPER_SQL_CITATION_KEY_OWNER,
  CLIPPER_SQL_CITATION_WRITE,
  CLIPPER_SQL_CLIPPING_COUNT,
  CLIPPER_SQL_CLIPPING_DELETE,
  CLIPPER_SQL_CLIPPING_EXISTS,
  CLIPPER_SQL_ARCHIVE,
  CLIPPER_SQL_SET_PROGRESS,
  CLIPPER_SQL_UNARCHIVE,
  CLIPPER_SQL_CLIPPING_FIND,
  CLIPPER_SQL_CLIPPING_FIND_META,
  CLIPPER_SQL_CLIPPING_FIND_BY_URL,
  CLIPPER_SQL_CLIPPING_GET_NOTE,
  CLIPPER_SQL_CLIPPING_INSERT,
  CLIPPER_SQL_CLIPPING_LIST,
  CLIPPER_SQL_CLIPPING_SET_NOTE,
  CLIPPER_SQL_CLIPPING_SITES,
  CLIPPER_SQL_CLIPPING_TAGS_CLEAR,
  CLIPPER_SQL_CLIPPING_TAGS_LIST,
  CLIPPER_SQL_CLIPPING_TAGS_MOVE,
  CLIPPER_SQL_CLIPPING_TAG_ADD,
  CLIPPER_SQL_CLIPPING_UPDATE,
  CLIPPER_SQL_BODY_INSERT,
  CLIPPER_SQL_BODY_REPLACE,
  CLIPPER_SQL_HIGHLIGHT_DELETE,
  CLIPPER_SQL_HIGHLIGHT_INSERT,
  CLIPPER_SQL_HIGHLIGHT_LIST,
  CLIPPER_SQL_HIGHLIGHT_REANCHOR,
  CLIPPER_SQL_HIGHLIGHT_TAGS_CLEAR,
  CLIPPER_SQL_HIGHLIGHT_TAGS_MOVE,
  CLIPPER_SQL_HIGHLIGHT_TAG_ADD,
  CLIPPER_SQL_HIGHLIGHT_UPDATE,
  CLIPPER_SQL_NOTE_DELETE,
  CLIPPER_SQL_NOTE_SET,
  CLIPPER_SQL_TAG_COUNTS,
  CLIPPER_SQL_TAG_DELETE,
  CLIPPER_SQL_TAG_FIND,
  CLIPPER_SQL_TAG_INSERT,
  CLIPPER_SQL_TAG_LIST,
  CLIPPER_SQL_TAG_RENAME,
  CLIPPER_SQL_RESOURCE_FIND,
  CLIPPER_SQL_RESOURCE_INSERT,
  CLIPPER_SQL_INDEX_DELETE,
  CLIPPER_SQL_INDEX_INSERT,
  CLIPPER_SQL_INDEX_SNIPPETS,
  CLIPPER_SQL_INDEX_SNIPPETS_RANGE,
  CLIPPER_SQL_REINDEX_LATER_ADD_HIGHLIGHT,
  CLIPPER_SQL_REINDEX_LATER_ADD_TAG,
  CLIPPER_SQL_REINDEX_LATER_CREATE,
  CLIPPER_SQL_REINDEX_LATER_LIST,
  CLIPPER_SQL_SUMMARIES,
  CLIPPER_SQL_UNFETCHED_LIST,
  CLIPPER_SQL_DATA_VERSION,
  CLIPPER_N_SQL
} ClipperSql;

typedef struct
{
  sqlite3_stmt *stmts[CLIPPER_N_SQL];
  GHashTable   *by_sql;  /* SQL text → statement, for queries without a key of their own */
} ClipperStatements;

struct _ClipperStore
{
  GObject      parent_instance;

  GMutex       mutex;      /* guards db, statements and the read-only state */
  sqlite3     *db;
  char        *path;
  ClipperStatements statements;
  GThreadPool *worker;     /* one thread: background work runs in order */

  GMutex       drain_mutex;
  GCond        drain_cond;
  gboolean     drained;

  /* The main loop's own read-only connection (WAL lets it read while the
   * worker writes), so listing rows never waits behind a long job. */
  GMutex       rows_mutex; /* guards rows_db and rows_statements */
  sqlite3     *rows_db;
  ClipperStatements rows_statements;

  /* Between clipper_store_begin_batch () and _end_batch (): one open
   * transaction, each step inside it a savepoint. */
  gboolean     in_batch;

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

/* Whether a clipping is a page imported as an address, its text still to
 * be fetched: a lookup in a partial index, never a read of the text. The
 * first takes the clipping's id column as %s. */
#define CLIPPER_SQL_IS_UNFETCHED \
  "EXISTS (SELECT 1 FROM clipping_bodies INDEXED BY clipping_bodies_empty WHERE clipping_id = %s AND content = '')"
#define CLIPPER_SQL_IS_UNFETCHED_C \
  "EXISTS (SELECT 1 FROM clipping_bodies b INDEXED BY clipping_bodies_empty " \
  "WHERE b.clipping_id = c.id AND b.content = '')"

/* Whether a clipping is archived; the first takes its id column as %s. */
#define CLIPPER_SQL_IS_ARCHIVED "EXISTS (SELECT 1 FROM archived WHERE clipping_id = %s)"
#define CLIPPER_SQL_IS_ARCHIVED_C "EXISTS (SELECT 1 FROM archived a WHERE a.clipping_id = c.id)"
/* How far a clipping was read, 0 when never opened. */
#define CLIPPER_SQL_PROGRESS "coalesce ((SELECT progress FROM reading WHERE clipping_id = %s), 0)"
#define CLIPPER_SQL_PROGRESS_C "coalesce ((SELECT r.progress FROM reading r WHERE r.clipping_id = c.id), 0)"

/* The search index as the current schema has it, empty, and filled. */
#define SEARCH_INDEX_CREATE \
  "CREATE VIRTUAL TABLE search_index USING fts5 (" \
  "  title, byline, site, body, annotations, tags," \
  "  tokenize = '" CLIPPER_TOKENIZER "', prefix = '2 3');"
#define SEARCH_INDEX_FILL \
  "INSERT INTO search_index (rowid, title, byline, site, body, annotations, tags) " INDEX_SELECT ";"


/* Shared by the store's files (clipper-store.c and its -*.c tables):
 * errors, statements, transactions and the rows of the tables read by
 * more than one of them. The mutex is held by the caller. */
int
_clipper_store_read_user_version (ClipperStore  *self,
                                  GError       **error);

gboolean
_clipper_store_migrate (ClipperStore  *self,
                        GError       **error);

ClipperClipping *
_clipper_store_clipping_from_row (sqlite3_stmt *stmt,
                                  gboolean      with_content);

gboolean
_clipper_store_add_tag (ClipperStore  *self,
                        gint64         clipping_id,
                        const char    *name,
                        GError       **error);

gboolean
_clipper_store_ensure_tag (ClipperStore  *self,
                           const char    *name,
                           GError       **error);

gboolean
_clipper_store_drop_unused_tags (ClipperStore  *self,
                                 GError       **error);

char **
_clipper_store_load_tags (ClipperStore  *self,
                          gint64         clipping_id,
                          GError       **error);

gboolean
_clipper_store_reindex (ClipperStore  *self,
                        gint64         clipping_id,
                        GError       **error);

gboolean
_clipper_store_reindex_pending (ClipperStore  *self,
                                GError       **error);

gboolean
_clipper_store_set_sqlite_error (GError     **error,
                                 sqlite3     *db,
                                 int          rc,
                                 const char  *what);

void
_clipper_store_set_not_found (GError **error,
                              gint64   id);

sqlite3_stmt *
_clipper_store_get_statement_in (sqlite3            *db,
                                 ClipperStatements  *statements,
                                 ClipperSql          key,
                                 const char         *sql,
                                 GError            **error);

sqlite3_stmt *
_clipper_store_get_statement (ClipperStore  *self,
                              ClipperSql     key,
                              const char    *sql,
                              GError       **error);

void
_clipper_store_clear_statements (ClipperStatements *statements);

gboolean
_clipper_store_check_clipping (ClipperStore  *self,
                               gint64         id,
                               GError       **error);

void
_clipper_store_release_statement (sqlite3_stmt *stmt);

gboolean
_clipper_store_exec (ClipperStore  *self,
                     const char    *sql,
                     GError       **error);

gboolean
_clipper_store_begin (ClipperStore  *self,
                      GError       **error);

gboolean
_clipper_store_commit (ClipperStore  *self,
                       GError       **error);

void
_clipper_store_rollback (ClipperStore *self);

void
_clipper_store_bind_text_or_null (sqlite3_stmt *stmt,
                                  int           column,
                                  const char   *text);

const char *
_clipper_store_column_text (sqlite3_stmt *stmt,
                            int           column);

gboolean
_clipper_store_run_id_text (ClipperStore  *self,
                            ClipperSql     key,
                            const char    *sql,
                            gint64         id,
                            const char    *text,
                            GError       **error);

gboolean
_clipper_store_run_two_ids (ClipperStore  *self,
                            ClipperSql     key,
                            const char    *sql,
                            gint64         first,
                            gint64         second,
                            GError       **error);

gboolean
_clipper_store_replace_clipping_tags (ClipperStore        *self,
                                      gint64               clipping_id,
                                      const char * const  *tags,
                                      GError             **error);

gboolean
_clipper_store_capture_citation (ClipperStore     *self,
                                 gint64            id,
                                 ClipperClipping  *clipping,
                                 gint64            accessed,
                                 gboolean          refresh,
                                 GError          **error);

gboolean
_clipper_store_fill_citations (ClipperStore  *self,
                               GError       **error);

G_END_DECLS
