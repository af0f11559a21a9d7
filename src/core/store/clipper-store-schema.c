/* clipper-store-schema.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema and its migrations, one version at a time, each in a transaction.
 */

#define G_LOG_DOMAIN "clipper-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sqlite3.h>

#include "clipper-error.h"
#include "clipper-highlight.h"
#include "clipper-store.h"
#include "clipper-store-private.h"
#include "clipper-tokenizer.h"

/* As it was before bodies had their own table; for migration 3 only. */
#define INDEX_SELECT_V3 \
  "SELECT c.id, c.title, coalesce (c.byline, ''), coalesce (c.site_name, '') || ' ' || c.url, c.text, " \
  "  coalesce (c.note, '') || ' ' || coalesce ((SELECT group_concat (h.exact || ' ' || coalesce (n.body, ''), ' ') " \
  "    FROM highlights h LEFT JOIN notes n ON n.highlight_id = h.id WHERE h.clipping_id = c.id), ''), " \
  "  coalesce ((SELECT group_concat (t.name, ' ') FROM tags t WHERE t.id IN " \
  "    (SELECT tag_id FROM clipping_tags WHERE clipping_id = c.id UNION " \
  "     SELECT ht.tag_id FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id " \
  "     WHERE h.clipping_id = c.id)), '') " \
  "FROM clippings c"

/* Migration N brings user_version from N to N + 1. Never edit a shipped one. */
static const char * const migrations[] = {
  /* 0 → 1: the first schema */
  "CREATE TABLE clippings ("
  "  id          INTEGER PRIMARY KEY,"
  "  url         TEXT NOT NULL DEFAULT '',"
  "  title       TEXT NOT NULL DEFAULT '',"
  "  byline      TEXT,"
  "  site_name   TEXT,"
  "  published   TEXT,"
  "  excerpt     TEXT,"
  "  lang        TEXT,"
  "  dir         TEXT,"
  "  content     TEXT NOT NULL DEFAULT '',"
  "  text        TEXT NOT NULL DEFAULT '',"
  "  note        TEXT,"
  "  clipped_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX clippings_by_clipped_at ON clippings (clipped_at DESC, id DESC);"
  "CREATE INDEX clippings_by_url ON clippings (url);"
  "CREATE TABLE highlights ("
  "  id           INTEGER PRIMARY KEY,"
  "  clipping_id  INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE,"
  "  color        TEXT NOT NULL DEFAULT 'yellow'"
  "               CHECK (color IN ('yellow', 'green', 'blue', 'pink', 'purple')),"
  "  exact        TEXT NOT NULL,"
  "  prefix       TEXT NOT NULL DEFAULT '',"
  "  suffix       TEXT NOT NULL DEFAULT '',"
  "  start_offset INTEGER,"
  "  end_offset   INTEGER,"
  "  orphaned     INTEGER NOT NULL DEFAULT 0,"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX highlights_by_clipping ON highlights (clipping_id, start_offset);"
  "CREATE TABLE notes ("
  "  id           INTEGER PRIMARY KEY,"
  "  clipping_id  INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE,"
  "  highlight_id INTEGER UNIQUE REFERENCES highlights (id) ON DELETE CASCADE,"
  "  body         TEXT NOT NULL,"
  "  created_at   INTEGER NOT NULL,"
  "  updated_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX notes_by_clipping ON notes (clipping_id);"
  "CREATE TABLE tags ("
  "  id   INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0)"
  ");"
  "CREATE TABLE clipping_tags ("
  "  clipping_id INTEGER NOT NULL REFERENCES clippings (id) ON DELETE CASCADE,"
  "  tag_id      INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (clipping_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX clipping_tags_by_tag ON clipping_tags (tag_id);"
  "CREATE TABLE highlight_tags ("
  "  highlight_id INTEGER NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,"
  "  tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (highlight_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX highlight_tags_by_tag ON highlight_tags (tag_id);"
  "CREATE TABLE resources ("
  "  hash       TEXT PRIMARY KEY,"
  "  mime_type  TEXT NOT NULL,"
  "  data       BLOB NOT NULL"
  ");",

  /* 1 → 2: clippings that are whole pages, not extracted articles */
  "ALTER TABLE clippings ADD COLUMN is_article INTEGER NOT NULL DEFAULT 1;",

  /* 2 → 3: full-text search, kept in step by the store in each write */
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  title, byline, site, body, annotations, tags,"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "INSERT INTO search_index (rowid, title, byline, site, body, annotations, tags) " INDEX_SELECT_V3 ";",

  /* 3 → 4: bodies in their own table, so that lists never read them;
   * prefix indexes for words as they are typed; indexes for the library's
   * sort orders */
  "CREATE TABLE clipping_bodies ("
  "  clipping_id INTEGER PRIMARY KEY REFERENCES clippings (id) ON DELETE CASCADE,"
  "  content     TEXT NOT NULL DEFAULT '',"
  "  text        TEXT NOT NULL DEFAULT ''"
  ");"
  "INSERT INTO clipping_bodies (clipping_id, content, text) SELECT id, content, text FROM clippings;"
  "DROP TABLE search_index;"
  "ALTER TABLE clippings DROP COLUMN content;"
  "ALTER TABLE clippings DROP COLUMN text;"
  /* unicode61, with text in scripts written without spaces as one token
   * per character: see clipper-tokenizer.c */
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  title, byline, site, body, annotations, tags,"
  "  tokenize = '" CLIPPER_TOKENIZER "', prefix = '2 3');"
  "INSERT INTO search_index (rowid, title, byline, site, body, annotations, tags) " INDEX_SELECT ";"
  "CREATE INDEX clippings_by_title ON clippings (title COLLATE NOCASE, id);"
  "CREATE INDEX clippings_by_site ON clippings (coalesce (site_name, url) COLLATE NOCASE, clipped_at DESC);"
  "CREATE INDEX clippings_by_published ON clippings (published IS NULL, published DESC, id DESC);"
  "CREATE INDEX highlights_by_color ON highlights (color, clipping_id);",

  /* 4 → 5: ids never given twice. SQLite gives a new row the largest id
   * plus one, so deleting the newest clipping let the next one take its
   * id, and a script or an exported link could then name the wrong one. */
  "CREATE TABLE id_marks ("
  "  name TEXT PRIMARY KEY,"
  "  last INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO id_marks (name, last) VALUES"
  "  ('clippings', coalesce ((SELECT max (id) FROM clippings), 0)),"
  "  ('highlights', coalesce ((SELECT max (id) FROM highlights), 0));"
  "CREATE TRIGGER clippings_mark_id AFTER INSERT ON clippings BEGIN"
  "  UPDATE id_marks SET last = max (last, NEW.id) WHERE name = 'clippings';"
  "END;"
  "CREATE TRIGGER highlights_mark_id AFTER INSERT ON highlights BEGIN"
  "  UPDATE id_marks SET last = max (last, NEW.id) WHERE name = 'highlights';"
  "END;",

  /* 5 → 6: what each clipping is cited as. Rows for the clippings there
   * are already are made when the library opens (names are split in C). */
  "CREATE TABLE citations ("
  "  clipping_id  INTEGER PRIMARY KEY REFERENCES clippings (id) ON DELETE CASCADE,"
  "  citation_key TEXT NOT NULL UNIQUE,"
  "  item_type    TEXT NOT NULL DEFAULT 'webpage',"
  "  authors      TEXT NOT NULL DEFAULT '[]',"  /* CSL name objects */
  "  title        TEXT NOT NULL DEFAULT '',"
  "  container    TEXT,"
  "  publisher    TEXT,"
  "  issued       TEXT,"                        /* YYYY, YYYY-MM or YYYY-MM-DD */
  "  accessed     INTEGER NOT NULL DEFAULT 0,"
  "  url          TEXT NOT NULL DEFAULT '',"
  "  language     TEXT,"
  "  text_sha256  TEXT NOT NULL DEFAULT '',"    /* of the canonical text as captured */
  "  captured_at  INTEGER NOT NULL DEFAULT 0,"
  "  edited       INTEGER NOT NULL DEFAULT 0"   /* the fields a person set */
  ");",

  /* 6 → 7: the pages imported as addresses, whose text is still to be
   * fetched, found without reading any page's text */
  "CREATE INDEX clipping_bodies_empty ON clipping_bodies (clipping_id) WHERE content = '';",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CLIPPER_STORE_SCHEMA_VERSION);

int
_clipper_store_read_user_version (ClipperStore  *self,
                                  GError       **error)
{
  sqlite3_stmt *stmt;
  int version = -1;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  /* The schema is parsed lazily; reading it now makes a damaged file fail
   * here rather than in the middle of the first write. */
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode (self->db);
      sqlite3_finalize (stmt);
    }

  if (rc != SQLITE_OK)
    {
      int primary = rc & 0xff;

      if (primary == SQLITE_NOTADB)
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_A_DATABASE,
                     _("“%s” is not a Clipper library (it is not an SQLite database). "
                       "It was left untouched."),
                     self->path);
      else if (primary == SQLITE_CORRUPT)
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_CORRUPT_DATABASE,
                     _("The library “%s” is damaged and cannot be read. It was left untouched."),
                     self->path);
      else
        _clipper_store_set_sqlite_error (error, self->db, rc, _("Could not open the library"));
      return -1;
    }

  return version;
}

gboolean
_clipper_store_migrate (ClipperStore  *self,
                        GError       **error)
{
  int version;

  version = _clipper_store_read_user_version (self, error);
  if (version < 0)
    return FALSE;

  if (version > CLIPPER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NEWER_DATABASE,
                   _("The library “%s” was written by a newer version of Clipper "
                     "(schema %d, this version reads up to %d). It was left untouched."),
                   self->path, version, CLIPPER_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  if (!_clipper_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_clipper_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_clipper_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  for (; version < CLIPPER_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!_clipper_store_begin (self, error))
        return FALSE;

      if (!_clipper_store_exec (self, migrations[version], error) ||
          !_clipper_store_exec (self, bump, error) ||
          !_clipper_store_commit (self, error))
        {
          _clipper_store_rollback (self);
          g_prefix_error (error, _("Could not upgrade the library to schema %d: "), version + 1);
          return FALSE;
        }
    }

  return TRUE;
}
