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

/* For migration 8 and the sync triggers: a random (version 4) UUID, the
 * wall time in milliseconds, and whether a change is one arriving from
 * another machine (which must not be sent back). */
#define SQL_UUID \
  "(lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4' || " \
  "substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + (abs (random ()) % 4), 1) || " \
  "substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))))"
#define SQL_NOW_MS "CAST ((julianday ('now') - 2440587.5) * 86400000 AS INTEGER)"
#define SQL_LOCAL "NOT EXISTS (SELECT 1 FROM sync_meta WHERE key = 'applying')"
/* An upsert: a trigger's INSERT OR REPLACE would take the conflict rule
 * of the statement that fired it, and fail under an upsert. */
#define SQL_DIRTY "INSERT INTO sync_dirty (kind, uuid, field, edited_at) "
#define SQL_DIRTY_END " ON CONFLICT DO UPDATE SET edited_at = excluded.edited_at"
#define SQL_TAG_KEY(name) "'tag:' || lower (" name ")"

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

  /* 7 → 8: sync. Clippings and highlights get ids that are the same on
   * every machine; each change made here marks the field it changed, with
   * when, until a sync sends it (sync_dirty); sync_clock holds the stamp
   * of each field's value, sync_base a note as it was last synced (to
   * merge edits made on two machines), sync_meta the device and the
   * cursors. Triggers mark the changes, so that every writer (the window,
   * the command line, an import) is followed without asking it to. */
  "ALTER TABLE clippings ADD COLUMN uuid TEXT;"
  "ALTER TABLE highlights ADD COLUMN uuid TEXT;"
  "UPDATE clippings SET uuid = " SQL_UUID ";"
  "UPDATE highlights SET uuid = " SQL_UUID ";"
  "CREATE UNIQUE INDEX clippings_by_uuid ON clippings (uuid);"
  "CREATE UNIQUE INDEX highlights_by_uuid ON highlights (uuid);"
  "CREATE TABLE sync_meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_dirty ("
  "  kind      TEXT NOT NULL,"     /* clipping or highlight */
  "  uuid      TEXT NOT NULL,"
  "  field     TEXT NOT NULL,"
  "  edited_at INTEGER NOT NULL," /* ms */
  "  PRIMARY KEY (kind, uuid, field)"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_clock ("
  "  kind  TEXT NOT NULL,"
  "  uuid  TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  stamp TEXT NOT NULL,"
  "  PRIMARY KEY (kind, uuid, field)"
  ") WITHOUT ROWID;"
  /* A batch of changes stamped and waiting to be sent, with the article
   * texts it refers to, kept until the target has them. */
  "CREATE TABLE sync_outbox ("
  "  seq     INTEGER PRIMARY KEY,"
  "  segment TEXT NOT NULL"
  ");"
  "CREATE TABLE sync_blobs ("
  "  hash TEXT PRIMARY KEY,"
  "  seq  INTEGER NOT NULL,"
  "  data BLOB"                   /* null: an image, in resources */
  ");"
  "CREATE TABLE sync_base ("
  "  kind  TEXT NOT NULL,"
  "  uuid  TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  value TEXT,"
  "  stamp TEXT,"
  "  PRIMARY KEY (kind, uuid, field)"
  ") WITHOUT ROWID;"

  /* A new record is one mark, "*": all its fields go out together. */
  "CREATE TRIGGER clippings_sync_insert AFTER INSERT ON clippings BEGIN"
  "  UPDATE clippings SET uuid = " SQL_UUID " WHERE id = NEW.id AND uuid IS NULL;"
  "  " SQL_DIRTY "SELECT 'clipping', uuid, '*', " SQL_NOW_MS " FROM clippings WHERE id = NEW.id AND " SQL_LOCAL
  "" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER clippings_sync_update AFTER UPDATE ON clippings WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', NEW.uuid, f, " SQL_NOW_MS " FROM ("
  "    SELECT 'url' AS f WHERE OLD.url IS NOT NEW.url"
  "    UNION ALL SELECT 'title' WHERE OLD.title IS NOT NEW.title"
  "    UNION ALL SELECT 'byline' WHERE OLD.byline IS NOT NEW.byline"
  "    UNION ALL SELECT 'site_name' WHERE OLD.site_name IS NOT NEW.site_name"
  "    UNION ALL SELECT 'published' WHERE OLD.published IS NOT NEW.published"
  "    UNION ALL SELECT 'excerpt' WHERE OLD.excerpt IS NOT NEW.excerpt"
  "    UNION ALL SELECT 'lang' WHERE OLD.lang IS NOT NEW.lang"
  "    UNION ALL SELECT 'dir' WHERE OLD.dir IS NOT NEW.dir"
  "    UNION ALL SELECT 'is_article' WHERE OLD.is_article IS NOT NEW.is_article"
  "    UNION ALL SELECT 'clipped_at' WHERE OLD.clipped_at IS NOT NEW.clipped_at"
  "    UNION ALL SELECT 'note' WHERE OLD.note IS NOT NEW.note)"
  "  WHERE NEW.uuid IS NOT NULL" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER clippings_sync_delete AFTER DELETE ON clippings WHEN " SQL_LOCAL " BEGIN"
  "  DELETE FROM sync_dirty WHERE kind = 'clipping' AND uuid = OLD.uuid;"
  "  " SQL_DIRTY "VALUES ('clipping', OLD.uuid, 'deleted', " SQL_NOW_MS ")" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER bodies_sync_insert AFTER INSERT ON clipping_bodies WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', uuid, 'content', " SQL_NOW_MS " FROM clippings WHERE id = NEW.clipping_id" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER bodies_sync_update AFTER UPDATE ON clipping_bodies "
  "  WHEN " SQL_LOCAL " AND OLD.content IS NOT NEW.content BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', uuid, 'content', " SQL_NOW_MS " FROM clippings WHERE id = NEW.clipping_id" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER citations_sync_insert AFTER INSERT ON citations WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', uuid, 'citation', " SQL_NOW_MS " FROM clippings WHERE id = NEW.clipping_id" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER citations_sync_update AFTER UPDATE ON citations WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', uuid, 'citation', " SQL_NOW_MS " FROM clippings WHERE id = NEW.clipping_id" SQL_DIRTY_END ";"
  "END;"

  "CREATE TRIGGER highlights_sync_insert AFTER INSERT ON highlights BEGIN"
  "  UPDATE highlights SET uuid = " SQL_UUID " WHERE id = NEW.id AND uuid IS NULL;"
  "  " SQL_DIRTY "SELECT 'highlight', uuid, '*', " SQL_NOW_MS " FROM highlights WHERE id = NEW.id AND " SQL_LOCAL
  "" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER highlights_sync_update AFTER UPDATE ON highlights WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'highlight', NEW.uuid, f, " SQL_NOW_MS " FROM ("
  "    SELECT 'clipping' AS f WHERE OLD.clipping_id IS NOT NEW.clipping_id"
  "    UNION ALL SELECT 'color' WHERE OLD.color IS NOT NEW.color"
  "    UNION ALL SELECT 'anchor' WHERE OLD.exact IS NOT NEW.exact OR OLD.prefix IS NOT NEW.prefix"
  "      OR OLD.suffix IS NOT NEW.suffix OR OLD.start_offset IS NOT NEW.start_offset"
  "      OR OLD.end_offset IS NOT NEW.end_offset OR OLD.orphaned IS NOT NEW.orphaned"
  "    UNION ALL SELECT 'created_at' WHERE OLD.created_at IS NOT NEW.created_at)"
  "  WHERE NEW.uuid IS NOT NULL" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER highlights_sync_delete AFTER DELETE ON highlights WHEN " SQL_LOCAL " BEGIN"
  "  DELETE FROM sync_dirty WHERE kind = 'highlight' AND uuid = OLD.uuid;"
  "  " SQL_DIRTY "VALUES ('highlight', OLD.uuid, 'deleted', " SQL_NOW_MS ")" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER notes_sync_insert AFTER INSERT ON notes WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'highlight', uuid, 'note', " SQL_NOW_MS " FROM highlights WHERE id = NEW.highlight_id" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER notes_sync_update AFTER UPDATE ON notes WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'highlight', uuid, 'note', " SQL_NOW_MS " FROM highlights WHERE id = NEW.highlight_id" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER notes_sync_delete AFTER DELETE ON notes WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'highlight', uuid, 'note', " SQL_NOW_MS " FROM highlights WHERE id = OLD.highlight_id" SQL_DIRTY_END ";"
  "END;"

  /* Tags travel as the records' fields "tag:<name in lower case>", whose
   * value is the name as written, or null once it is taken off. */
  "CREATE TRIGGER clipping_tags_sync_insert AFTER INSERT ON clipping_tags WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', c.uuid, " SQL_TAG_KEY ("t.name") ", " SQL_NOW_MS
  "    FROM clippings c, tags t WHERE c.id = NEW.clipping_id AND t.id = NEW.tag_id" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER clipping_tags_sync_delete AFTER DELETE ON clipping_tags WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', c.uuid, " SQL_TAG_KEY ("t.name") ", " SQL_NOW_MS
  "    FROM clippings c, tags t WHERE c.id = OLD.clipping_id AND t.id = OLD.tag_id" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER highlight_tags_sync_insert AFTER INSERT ON highlight_tags WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'highlight', h.uuid, " SQL_TAG_KEY ("t.name") ", " SQL_NOW_MS
  "    FROM highlights h, tags t WHERE h.id = NEW.highlight_id AND t.id = NEW.tag_id" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER highlight_tags_sync_delete AFTER DELETE ON highlight_tags WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'highlight', h.uuid, " SQL_TAG_KEY ("t.name") ", " SQL_NOW_MS
  "    FROM highlights h, tags t WHERE h.id = OLD.highlight_id AND t.id = OLD.tag_id" SQL_DIRTY_END ";"
  "END;"
  /* A rename changes the field of every record the tag is on; a tag
   * deleted (merged into another) takes its rows with it, whose triggers
   * could no longer read its name. */
  "CREATE TRIGGER tags_sync_rename AFTER UPDATE OF name ON tags WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', c.uuid, k.key, " SQL_NOW_MS " FROM clipping_tags ct"
  "    JOIN clippings c ON c.id = ct.clipping_id,"
  "    (SELECT " SQL_TAG_KEY ("OLD.name") " AS key UNION SELECT " SQL_TAG_KEY ("NEW.name") ") k"
  "    WHERE ct.tag_id = NEW.id" SQL_DIRTY_END ";"
  "  " SQL_DIRTY "SELECT 'highlight', h.uuid, k.key, " SQL_NOW_MS " FROM highlight_tags ht"
  "    JOIN highlights h ON h.id = ht.highlight_id,"
  "    (SELECT " SQL_TAG_KEY ("OLD.name") " AS key UNION SELECT " SQL_TAG_KEY ("NEW.name") ") k"
  "    WHERE ht.tag_id = NEW.id" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER tags_sync_delete BEFORE DELETE ON tags WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', c.uuid, " SQL_TAG_KEY ("OLD.name") ", " SQL_NOW_MS " FROM clipping_tags ct"
  "    JOIN clippings c ON c.id = ct.clipping_id WHERE ct.tag_id = OLD.id" SQL_DIRTY_END ";"
  "  " SQL_DIRTY "SELECT 'highlight', h.uuid, " SQL_TAG_KEY ("OLD.name") ", " SQL_NOW_MS " FROM highlight_tags ht"
  "    JOIN highlights h ON h.id = ht.highlight_id WHERE ht.tag_id = OLD.id" SQL_DIRTY_END ";"
  "END;",

  /* 9: archived clippings, kept and searchable but out of the Library's
   * list; a table of their own, so that leaving them out reads no
   * clipping's row. */
  "CREATE TABLE archived ("
  "  clipping_id INTEGER PRIMARY KEY REFERENCES clippings (id) ON DELETE CASCADE,"
  "  archived_at INTEGER NOT NULL"
  ");"
  /* The state travels as the clipping's field "archived". */
  "CREATE TRIGGER archived_sync_insert AFTER INSERT ON archived WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', uuid, 'archived', " SQL_NOW_MS " FROM clippings "
  "    WHERE id = NEW.clipping_id AND uuid IS NOT NULL" SQL_DIRTY_END ";"
  "END;"
  "CREATE TRIGGER archived_sync_delete AFTER DELETE ON archived WHEN " SQL_LOCAL " BEGIN"
  "  " SQL_DIRTY "SELECT 'clipping', uuid, 'archived', " SQL_NOW_MS " FROM clippings "
  "    WHERE id = OLD.clipping_id AND uuid IS NOT NULL" SQL_DIRTY_END ";"
  "END;",

  /* 10: how far each clipping was read (0 to 1), and when; none is unread. */
  "CREATE TABLE reading ("
  "  clipping_id INTEGER PRIMARY KEY REFERENCES clippings (id) ON DELETE CASCADE,"
  "  progress REAL NOT NULL,"
  "  read_at INTEGER NOT NULL"
  ");",
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
