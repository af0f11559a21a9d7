/* fuzz-tokenizer.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clipper's FTS5 tokenizer over any bytes: indexed, searched for its own
 * first word, snippeted, and deleted again.
 */

#include <sqlite3.h>

#include "clipper-tokenizer.h"
#include "fuzz-common.h"

static sqlite3 *
get_db (void)
{
  static sqlite3 *db;

  if (db == NULL)
    {
      g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
      g_assert (_clipper_tokenizer_register (db));
      g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='"
                                     CLIPPER_TOKENIZER "', prefix='2 3')", NULL, NULL, NULL), ==, SQLITE_OK);
    }
  return db;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  sqlite3 *db = get_db ();
  sqlite3_stmt *stmt = NULL;
  g_autofree char *term = NULL;
  size_t n = 0;

  fuzz_quiet_logs ();

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t(rowid, body) VALUES (1, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, (const char *) data, size, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The first run of letters, as a quoted phrase. */
  while (n < size && n < 32 && data[n] > 0x20 && data[n] != '"')
    n++;
  term = g_strdup_printf ("\"%.*s\"", (int) n, (const char *) data);
  if (sqlite3_prepare_v2 (db, "SELECT snippet(t, 0, '[', ']', '…', 8) FROM t WHERE t MATCH ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, term, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      sqlite3_finalize (stmt);
    }

  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM t", NULL, NULL, NULL), ==, SQLITE_OK);
  return 0;
}
