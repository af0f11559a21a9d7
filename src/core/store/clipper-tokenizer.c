/* clipper-tokenizer.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-tokenizer"

#include "config.h"

#include <string.h>

#include "clipper-tokenizer.h"

/*
 * FTS5's unicode61 tokenizer (with diacritics folded), except that text in
 * scripts written without spaces between words (Chinese, Japanese, Thai…)
 * becomes one token per character instead of one per run. The search
 * box's words are always quoted phrases, so "中文" is looked for as 中
 * followed by 文: found anywhere in a run, as readers of those scripts
 * expect.
 */

typedef struct
{
  fts5_tokenizer  base;
  Fts5Tokenizer  *unicode61;
} Tokenizer;

typedef struct
{
  void        *context;
  const char  *text;
  int        (*token) (void *, int, const char *, int, int, int);
} Call;

/* Whether @c belongs to a script written without spaces between words. */
gboolean
_clipper_is_unspaced (gunichar c)
{
  switch ((int)g_unichar_get_script (c))
    {
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
    case G_UNICODE_SCRIPT_BOPOMOFO:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_THAI:
    case G_UNICODE_SCRIPT_LAO:
    case G_UNICODE_SCRIPT_KHMER:
    case G_UNICODE_SCRIPT_MYANMAR:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The character at @p, never reading at or past @limit; an invalid byte
 * (a damaged library) counts as one character that is not in those
 * scripts. */
static gunichar
next_char (const char  *p,
           const char  *limit,
           const char **next)
{
  gunichar c = g_utf8_get_char_validated (p, limit - p);

  if (c == (gunichar)-1 || c == (gunichar)-2)
    {
      *next = p + 1;
      return 0xFFFD;
    }

  *next = g_utf8_next_char (p);
  return c;
}

static gboolean
has_unspaced (const char *text,
              int         length)
{
  const char *limit = text + length;
  const char *next;

  /* Those scripts all lie at U+0E00 and above, written in three or four
   * bytes whose first is 0xE0 or more: other bytes need no decoding, and
   * ASCII is passed over eight bytes at a time. */
  for (const char *p = text; p < limit; p = next)
    {
      guint64 word;

      if (limit - p >= 8 && (memcpy (&word, p, 8), (word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0))
        {
          next = p + 8;
          continue;
        }

      next = p + 1;
      if ((guchar)*p >= 0xE0 && _clipper_is_unspaced (next_char (p, limit, &next)))
        return TRUE;
    }

  return FALSE;
}

static int
on_token_cb (void       *data,
             int         flags,
             const char *token,
             int         token_length,
             int         start,
             int         end)
{
  Call *call = data;
  const char *p = call->text + start;
  const char *limit = call->text + end;

  if (!has_unspaced (token, token_length))
    return call->token (call->context, flags, token, token_length, start, end);

  /* Each such character alone; the other runs of the token folded. */
  while (p < limit)
    {
      const char *run = p;
      const char *next;
      int rc;

      if (_clipper_is_unspaced (next_char (p, limit, &next)))
        {
          p = next;
          rc = call->token (call->context, flags, run, p - run, run - call->text, p - call->text);
        }
      else
        {
          g_autofree char *valid = NULL;
          g_autofree char *folded = NULL;

          while (p < limit && !_clipper_is_unspaced (next_char (p, limit, &next)))
            p = next;
          valid = g_utf8_make_valid (run, p - run);
          folded = g_utf8_casefold (valid, -1);
          rc = call->token (call->context, flags, folded, strlen (folded), run - call->text, p - call->text);
        }
      if (rc != SQLITE_OK)
        return rc;
      flags = 0;
    }

  return SQLITE_OK;
}

static int
tokenize (Fts5Tokenizer  *tokenizer,
          void           *context,
          int             flags,
          const char     *text,
          int             length,
          int           (*token) (void *, int, const char *, int, int, int))
{
  Tokenizer *self = (Tokenizer *)tokenizer;
  Call call = { context, text, token };

  /* Most text has none of those scripts: unicode61 alone, without a look
   * at each token (snippets tokenize whole articles). */
  if (!has_unspaced (text, length))
    return self->base.xTokenize (self->unicode61, context, flags, text, length, token);

  return self->base.xTokenize (self->unicode61, &call, flags, text, length, on_token_cb);
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  Tokenizer *self = (Tokenizer *)tokenizer;

  if (self->unicode61 != NULL)
    self->base.xDelete (self->unicode61);
  g_free (self);
}

static int
tokenizer_create (void            *api,
                  const char     **args,
                  int              n_args,
                  Fts5Tokenizer  **out)
{
  static const char *unicode61_args[] = { "remove_diacritics", "2" };
  Tokenizer *self = g_new0 (Tokenizer, 1);
  void *unicode61_context = NULL;
  int rc;

  rc = ((fts5_api *)api)->xFindTokenizer (api, "unicode61", &unicode61_context, &self->base);
  if (rc == SQLITE_OK)
    rc = self->base.xCreate (unicode61_context, unicode61_args, G_N_ELEMENTS (unicode61_args),
                             &self->unicode61);
  if (rc != SQLITE_OK)
    {
      g_free (self);
      return rc;
    }

  *out = (Fts5Tokenizer *)self;
  return SQLITE_OK;
}

/* Makes the "clipper" tokenizer available to FTS5 tables on @db. */
gboolean
_clipper_tokenizer_register (sqlite3 *db)
{
  static fts5_tokenizer tokenizer = { tokenizer_create, tokenizer_delete, tokenize };
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  return api != NULL &&
         api->xCreateTokenizer (api, CLIPPER_TOKENIZER, api, &tokenizer, NULL) == SQLITE_OK;
}
