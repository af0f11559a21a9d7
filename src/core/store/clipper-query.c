/* clipper-query.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forgiving search syntax. Every word a user types becomes a quoted FTS5
 * string, so no input can be an FTS5 syntax error: operators, brackets and
 * stray quotes are just text. The last bare word matches as a prefix, for
 * results as you type.
 */

#define G_LOG_DOMAIN "clipper-query"

#include "config.h"

#include <string.h>

#include "clipper-highlight.h"
#include "clipper-query.h"
#include "clipper-tokenizer.h"

#define MAX_TERMS 32

void
clipper_query_free (ClipperQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->match);
  g_free (query->exclude);
  g_clear_pointer (&query->tags, g_ptr_array_unref);
  g_clear_pointer (&query->sites, g_ptr_array_unref);
  g_clear_pointer (&query->colors, g_ptr_array_unref);
  g_clear_pointer (&query->words, g_ptr_array_unref);
  g_free (query);
}

gboolean
clipper_query_is_empty (const ClipperQuery *query)
{
  return query->match == NULL && query->exclude == NULL && query->tags->len == 0 &&
         query->sites->len == 0 && query->colors->len == 0 &&
         !query->has_highlights && !query->has_notes &&
         !query->unfetched && !query->archived && !query->unread;
}

/* "text" with inner quotes doubled: an FTS5 string, nothing else. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Whether the tokenizer would find a word in @text at all. */
static gboolean
has_word (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

typedef struct
{
  char     *text;
  gboolean  phrase;
  gboolean  negated;
} Term;

static void
term_clear (Term *term)
{
  g_free (term->text);
}

static gboolean
has_unspaced (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (_clipper_is_unspaced (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

/* Several words that must follow each other: FTS5 checks their positions
 * in every match, and ranking them costs about twice as much. */
static gboolean
is_phrase (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;

  /* Words of unspaced scripts are phrases of their characters. */
  return has_unspaced (trimmed) && g_utf8_strlen (trimmed, -1) > 1;
}

ClipperQuery *
clipper_query_parse (const char *text)
{
  ClipperQuery *query = g_new0 (ClipperQuery, 1);
  g_autoptr(GArray) terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  const char *p = valid;
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) exclude = g_string_new (NULL);
  int last_bare = -1;
  gboolean trailing_space;

  g_array_set_clear_func (terms, (GDestroyNotify)term_clear);
  query->tags = g_ptr_array_new_with_free_func (g_free);
  query->sites = g_ptr_array_new_with_free_func (g_free);
  query->colors = g_ptr_array_new_with_free_func (g_free);
  query->words = g_ptr_array_new_with_free_func (g_free);

  while (*p && terms->len < MAX_TERMS)
    {
      Term term = { 0 };
      const char *start;

      while (*p && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      if (*p == '-' && p[1] && !g_ascii_isspace (p[1]))
        {
          term.negated = TRUE;
          p++;
        }

      if (*p == '"')
        {
          /* A phrase, to the closing quote or the end. */
          const char *end = strchr (p + 1, '"');

          term.text = end ? g_strndup (p + 1, end - p - 1) : g_strdup (p + 1);
          term.phrase = TRUE;
          p = end ? end + 1 : p + strlen (p);
        }
      else
        {
          start = p;
          while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
            {
              /* site:"Alpine Times": a filter value may be quoted */
              if (*p == '"' && p > start && p[-1] == ':')
                {
                  const char *end = strchr (p + 1, '"');

                  p = end ? end + 1 : p + strlen (p);
                  continue;
                }
              p = g_utf8_next_char (p);
            }
          term.text = g_strndup (start, p - start);
        }

      if (!term.phrase && !term.negated)
        {
          const char *colon = strchr (term.text, ':');

          if (colon && colon[1] != '\0')
            {
              g_autofree char *key = g_ascii_strdown (term.text, colon - term.text);
              g_autofree char *unquoted = NULL;
              const char *value = colon + 1;

              if (*value == '"')
                {
                  gsize len = strlen (value + 1);

                  unquoted = g_strndup (value + 1, len > 0 && value[len] == '"' ? len - 1 : len);
                  value = unquoted;
                }

              if (g_str_equal (key, "tag"))
                {
                  g_ptr_array_add (query->tags, g_strdup (value));
                  g_free (term.text);
                  continue;
                }
              if (g_str_equal (key, "site"))
                {
                  g_ptr_array_add (query->sites, g_strdup (value));
                  g_free (term.text);
                  continue;
                }
              if (g_str_equal (key, "has"))
                {
                  g_autofree char *what = g_ascii_strdown (value, -1);
                  gboolean known = TRUE;

                  if (g_str_equal (what, "highlights") || g_str_equal (what, "highlight"))
                    query->has_highlights = TRUE;
                  else if (g_str_equal (what, "notes") || g_str_equal (what, "note"))
                    query->has_notes = TRUE;
                  else
                    known = FALSE;
                  if (known)
                    {
                      g_free (term.text);
                      continue;
                    }
                }
              if (g_str_equal (key, "is") && g_ascii_strcasecmp (value, "unfetched") == 0)
                {
                  query->unfetched = TRUE;
                  g_free (term.text);
                  continue;
                }
              if (g_str_equal (key, "is") && g_ascii_strcasecmp (value, "archived") == 0)
                {
                  query->archived = TRUE;
                  g_free (term.text);
                  continue;
                }
              if (g_str_equal (key, "is") && g_ascii_strcasecmp (value, "unread") == 0)
                {
                  query->unread = TRUE;
                  g_free (term.text);
                  continue;
                }
              if (g_str_equal (key, "color") || g_str_equal (key, "colour"))
                {
                  g_autofree char *color = g_ascii_strdown (value, -1);

                  if (clipper_highlight_is_color (color))
                    {
                      g_ptr_array_add (query->colors, g_steal_pointer (&color));
                      g_free (term.text);
                      continue;
                    }
                }
            }
        }

      if (!has_word (term.text))
        {
          g_free (term.text);
          continue;
        }

      g_array_append_val (terms, term);
      if (!term.phrase && !term.negated)
        last_bare = terms->len - 1;
    }

  trailing_space = valid[0] != '\0' && g_ascii_isspace (valid[strlen (valid) - 1]);

  for (guint i = 0; i < terms->len; i++)
    {
      Term *term = &g_array_index (terms, Term, i);
      GString *out = term->negated ? exclude : match;

      if (out->len > 0)
        g_string_append (out, term->negated ? " OR " : " ");
      append_quoted (out, term->text);
      if (!term->negated)
        {
          g_ptr_array_add (query->words, g_strdup (term->text));
          query->has_phrase |= is_phrase (term->text);
        }

      /* As you type: the last word may be the start of one. */
      if ((int)i == last_bare && !trailing_space)
        g_string_append_c (out, '*');
    }

  /* With words to match, FTS5 drops the excluded ones itself, without
   * listing every clipping that has them. */
  if (match->len > 0 && exclude->len > 0)
    query->match = g_strdup_printf ("(%s) NOT (%s)", match->str, exclude->str);
  else if (match->len > 0)
    query->match = g_strdup (match->str);
  else if (exclude->len > 0)
    query->exclude = g_strdup (exclude->str);

  return query;
}

/**
 * clipper_query_matches:
 *
 * Whether @text holds one of the query's words or phrases, each word
 * matching the start of a word, without regard to case or accents: how a
 * highlight or note that made a clipping match is found again.
 */
gboolean
clipper_query_matches (const ClipperQuery *query,
                       const char         *text)
{
  g_return_val_if_fail (query != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < query->words->len; i++)
    {
      const char *word = g_ptr_array_index (query->words, i);

      if (g_str_match_string (word, text, TRUE))
        return TRUE;

      /* Chinese, Japanese… have no spaces between words: anywhere counts,
       * as in the index. */
      if (has_unspaced (word))
        {
          g_autofree char *folded_word = g_utf8_casefold (word, -1);
          g_autofree char *folded_text = g_utf8_casefold (text, -1);

          if (strstr (folded_text, folded_word) != NULL)
            return TRUE;
        }
    }

  return FALSE;
}
