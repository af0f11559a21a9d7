/* clipper-anchor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Highlights are stored as W3C Web Annotation selectors over a clipping's
 * canonical text: a text quote (exact, with 32 units of prefix and suffix)
 * and a text position (start and end). Re-anchoring tries the position
 * (checked against the quote), then the exact quote (prefix and suffix
 * choose between repeats), then an approximate match of the quote with a
 * bounded number of edits, near the old position first.
 *
 * The canonical text is the text nodes of the article in document order,
 * as the page's script reads them under #clipper-content; offsets are
 * UTF-16 code units, as DOM ranges count.
 */

#define G_LOG_DOMAIN "clipper-anchor"

#include "config.h"

#include <string.h>

#include "clipper-anchor.h"
#include "clipper-html.h"
#include "clipper-text.h"

struct _ClipperAnchorText
{
  char      *utf8;
  gunichar2 *units;
  glong      length;
};

typedef struct
{
  gint64 start;
  gint64 end;
  int    errors;
  int    context;
} Candidate;

ClipperAnchorText *
clipper_anchor_text_new_from_html (const char *html)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  xmlNode *body;

  g_return_val_if_fail (html != NULL, NULL);

  doc = clipper_html_parse (html, strlen (html), "UTF-8");
  body = doc ? clipper_html_get_body (doc) : NULL;
  clipper_text_append_canonical (body, text);

  return clipper_anchor_text_new (text->str);
}

ClipperAnchorText *
clipper_anchor_text_new (const char *utf8)
{
  ClipperAnchorText *text = g_new0 (ClipperAnchorText, 1);

  g_return_val_if_fail (utf8 != NULL, NULL);

  text->utf8 = g_utf8_make_valid (utf8, -1);
  text->units = g_utf8_to_utf16 (text->utf8, -1, NULL, &text->length, NULL);
  if (text->units == NULL)
    {
      text->units = g_new0 (gunichar2, 1);
      text->length = 0;
    }

  return text;
}

void
clipper_anchor_text_free (ClipperAnchorText *text)
{
  if (text == NULL)
    return;

  g_free (text->utf8);
  g_free (text->units);
  g_free (text);
}

const char *
clipper_anchor_text_get_utf8 (ClipperAnchorText *text)
{
  return text->utf8;
}

gint64
clipper_anchor_text_get_length (ClipperAnchorText *text)
{
  return text->length;
}

static gboolean
is_low_surrogate (gunichar2 unit)
{
  return unit >= 0xdc00 && unit < 0xe000;
}

/* The text between two offsets, never splitting a surrogate pair. */
/* Offsets are UTF-16 units: an end inside a surrogate pair moves out to
 * take the whole character. */
static void
snap_to_characters (ClipperAnchorText *text,
                    gint64            *start,
                    gint64            *end)
{
  *start = CLAMP (*start, 0, text->length);
  *end = CLAMP (*end, *start, text->length);
  if (*start < text->length && is_low_surrogate (text->units[*start]) && *start > 0)
    (*start)--;
  if (*end < text->length && *end > *start && is_low_surrogate (text->units[*end]))
    (*end)++;
}

char *
clipper_anchor_text_slice (ClipperAnchorText *text,
                           gint64             start,
                           gint64             end)
{
  char *utf8;

  snap_to_characters (text, &start, &end);
  utf8 = g_utf16_to_utf8 (text->units + start, end - start, NULL, NULL, NULL);
  return utf8 ? utf8 : g_strdup ("");
}

ClipperSelector *
clipper_selector_new (ClipperAnchorText *text,
                      gint64             start,
                      gint64             end)
{
  ClipperSelector *selector;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (start >= 0 && start <= end && end <= text->length, NULL);

  snap_to_characters (text, &start, &end);
  selector = g_new0 (ClipperSelector, 1);
  selector->start = start;
  selector->end = end;
  selector->exact = clipper_anchor_text_slice (text, start, end);
  selector->prefix = clipper_anchor_text_slice (text, MAX (0, start - CLIPPER_ANCHOR_CONTEXT), start);
  selector->suffix = clipper_anchor_text_slice (text, end, MIN (text->length, end + CLIPPER_ANCHOR_CONTEXT));

  return selector;
}

ClipperSelector *
clipper_selector_copy (const ClipperSelector *selector)
{
  ClipperSelector *copy = g_new0 (ClipperSelector, 1);

  copy->exact = g_strdup (selector->exact);
  copy->prefix = g_strdup (selector->prefix);
  copy->suffix = g_strdup (selector->suffix);
  copy->start = selector->start;
  copy->end = selector->end;

  return copy;
}

void
clipper_selector_free (ClipperSelector *selector)
{
  if (selector == NULL)
    return;

  g_free (selector->exact);
  g_free (selector->prefix);
  g_free (selector->suffix);
  g_free (selector);
}

static gunichar2 *
to_units (const char *utf8,
          glong      *length)
{
  gunichar2 *units = utf8 ? g_utf8_to_utf16 (utf8, -1, NULL, length, NULL) : NULL;

  if (units == NULL)
    {
      *length = 0;
      return g_new0 (gunichar2, 1);
    }

  return units;
}

/* How much of the context agrees: units of @prefix matching backwards from
 * @start, plus units of @suffix matching forwards from @end. */
static int
context_score (ClipperAnchorText *text,
               const gunichar2   *prefix,
               glong              prefix_length,
               const gunichar2   *suffix,
               glong              suffix_length,
               gint64             start,
               gint64             end)
{
  int score = 0;

  for (glong i = 1; i <= prefix_length && start - i >= 0; i++)
    {
      if (text->units[start - i] != prefix[prefix_length - i])
        break;
      score++;
    }

  for (glong i = 0; i < suffix_length && end + i < text->length; i++)
    {
      if (text->units[end + i] != suffix[i])
        break;
      score++;
    }

  return score;
}

static gboolean
better (const Candidate *a,
        const Candidate *b,
        gint64           expected)
{
  gint64 distance_a, distance_b;

  if (a->errors != b->errors)
    return a->errors < b->errors;
  if (a->context != b->context)
    return a->context > b->context;

  distance_a = ABS (a->start - expected);
  distance_b = ABS (b->start - expected);
  return distance_a < distance_b;
}

static int
find_exact (ClipperAnchorText *text,
            const gunichar2   *quote,
            glong              quote_length,
            const gunichar2   *prefix,
            glong              prefix_length,
            const gunichar2   *suffix,
            glong              suffix_length,
            gint64             expected,
            Candidate         *best)
{
  int found = 0;

  if (quote_length == 0 || quote_length > text->length)
    return 0;

  for (glong i = 0; i + quote_length <= text->length; i++)
    {
      Candidate candidate;

      if (text->units[i] != quote[0] ||
          memcmp (text->units + i, quote, quote_length * sizeof (gunichar2)) != 0)
        continue;

      candidate.start = i;
      candidate.end = i + quote_length;
      candidate.errors = 0;
      candidate.context = context_score (text, prefix, prefix_length, suffix, suffix_length,
                                         candidate.start, candidate.end);
      if (found == 0 || better (&candidate, best, expected))
        *best = candidate;
      found++;
    }

  return found;
}

/* Where an approximate match ending at @end starts: the alignment of the
 * reversed quote against the text before it, with at most @max_errors. */
static gint64
match_start (ClipperAnchorText *text,
             const gunichar2   *quote,
             glong              m,
             gint64             end,
             int                max_errors,
             int               *errors)
{
  glong window = m + max_errors;
  g_autofree int *row = g_new (int, m + 1);
  gint64 best_start = MAX (0, end - m);
  int best = G_MAXINT;

  /* Rows: units of the reversed quote; columns: text going backwards. */
  for (glong i = 0; i <= m; i++)
    row[i] = i;

  for (glong j = 1; j <= window && end - j >= 0; j++)
    {
      gunichar2 unit = text->units[end - j];
      int diagonal = row[0];

      row[0] = j;
      for (glong i = 1; i <= m; i++)
        {
          int old = row[i];
          int cost = quote[m - i] == unit ? diagonal : 1 + MIN (diagonal, MIN (old, row[i - 1]));

          diagonal = old;
          row[i] = cost;
        }

      if (row[m] < best || (row[m] == best && end - j > best_start))
        {
          best = row[m];
          best_start = end - j;
        }
    }

  *errors = best;
  return best_start;
}

/* Sellers' approximate search with Ukkonen's cut-off: every end of a
 * substring of [from, to) within @max_errors edits of the quote. */
static gboolean
find_fuzzy (ClipperAnchorText *text,
            const gunichar2   *quote,
            glong              m,
            const gunichar2   *prefix,
            glong              prefix_length,
            const gunichar2   *suffix,
            glong              suffix_length,
            gint64             from,
            gint64             to,
            int                max_errors,
            gint64             expected,
            Candidate         *best)
{
  g_autofree int *column = g_new (int, m + 2);
  gboolean found = FALSE;
  glong active = MIN (max_errors, m);
  /* The best end of the current run of ends within the bound: a good
   * match ends within the bound at up to 2k + 1 neighbouring places, and
   * only the best of them is worth the backward pass. */
  gint64 run_end = -1;
  int run_errors = G_MAXINT;

  for (glong i = 0; i <= m; i++)
    column[i] = i;

  for (gint64 j = from; j <= to; j++)
    {
      glong top;
      int diagonal = 0;

      if (j < to)
        {
          gunichar2 unit = text->units[j];

          top = MIN (active + 1, m);
          if (top > active)
            column[top] = max_errors + 1;

          for (glong i = 1; i <= top; i++)
            {
              int old = column[i];
              int cost = quote[i - 1] == unit ? diagonal : 1 + MIN (diagonal, MIN (old, column[i - 1]));

              diagonal = old;
              column[i] = cost;
            }

          active = top;
          while (active > 0 && column[active] > max_errors)
            active--;
        }

      if (j < to && active == m)
        {
          if (column[m] < run_errors)
            {
              run_errors = column[m];
              run_end = j + 1;
            }
          continue;
        }

      if (run_end >= 0)
        {
          Candidate candidate;
          int errors;

          candidate.end = run_end;
          candidate.start = match_start (text, quote, m, candidate.end, max_errors, &errors);
          candidate.errors = MIN (run_errors, errors);
          candidate.context = context_score (text, prefix, prefix_length, suffix, suffix_length,
                                             candidate.start, candidate.end);
          if (!found || better (&candidate, best, expected))
            *best = candidate;
          found = TRUE;
          run_end = -1;
          run_errors = G_MAXINT;
        }
    }

  return found;
}

/**
 * clipper_anchor_locate:
 *
 * Finds @selector in @text. Returns how it was found, or
 * %CLIPPER_ANCHOR_ORPHAN when it was not.
 */
ClipperAnchorMatch
clipper_anchor_locate (ClipperAnchorText     *text,
                       const ClipperSelector *selector,
                       gint64                *start,
                       gint64                *end)
{
  g_autofree gunichar2 *quote = NULL;
  g_autofree gunichar2 *prefix = NULL;
  g_autofree gunichar2 *suffix = NULL;
  glong quote_length, prefix_length, suffix_length;
  Candidate best = { 0 };
  int max_errors;

  g_return_val_if_fail (text != NULL, CLIPPER_ANCHOR_ORPHAN);
  g_return_val_if_fail (selector != NULL, CLIPPER_ANCHOR_ORPHAN);

  quote = to_units (selector->exact, &quote_length);
  if (quote_length == 0)
    return CLIPPER_ANCHOR_ORPHAN;

  /* 1. Where it was, if the quote is still there. */
  if (selector->start >= 0 && selector->end == selector->start + quote_length &&
      selector->end <= text->length &&
      memcmp (text->units + selector->start, quote, quote_length * sizeof (gunichar2)) == 0)
    {
      *start = selector->start;
      *end = selector->end;
      return CLIPPER_ANCHOR_POSITION;
    }

  prefix = to_units (selector->prefix, &prefix_length);
  suffix = to_units (selector->suffix, &suffix_length);

  /* 2. The quote elsewhere; the context picks between repeats. */
  if (find_exact (text, quote, quote_length, prefix, prefix_length, suffix, suffix_length,
                  selector->start, &best) > 0)
    {
      *start = best.start;
      *end = best.end;
      return CLIPPER_ANCHOR_EXACT;
    }

  /* 3. A close match: near the old position first, then anywhere. A
   * quarter of the quote may differ, at most 256 units. */
  max_errors = MIN (256, MAX (1, quote_length / 4));
  if (quote_length < 4)
    return CLIPPER_ANCHOR_ORPHAN;

  {
    gint64 margin = quote_length * 2 + 2048;
    gint64 from = CLAMP (selector->start - margin, 0, text->length);
    gint64 to = CLAMP (selector->end + margin, 0, text->length);

    if (find_fuzzy (text, quote, quote_length, prefix, prefix_length, suffix, suffix_length,
                    from, to, max_errors, selector->start, &best) ||
        ((from > 0 || to < text->length) &&
         find_fuzzy (text, quote, quote_length, prefix, prefix_length, suffix, suffix_length,
                     0, text->length, max_errors, selector->start, &best)))
      {
        *start = best.start;
        *end = best.end;
        return CLIPPER_ANCHOR_FUZZY;
      }
  }

  return CLIPPER_ANCHOR_ORPHAN;
}

/**
 * clipper_anchor_find_quote:
 * @prefix: (nullable): text that comes right before the quote
 * @suffix: (nullable): text that comes right after it
 *
 * Finds an exact quote. Returns how many places hold it; when there are
 * several, @prefix and @suffix must single one out (the one returned
 * agrees with them best, and 1 is returned only when none ties it).
 */
int
clipper_anchor_find_quote (ClipperAnchorText *text,
                           const char        *quote,
                           const char        *prefix,
                           const char        *suffix,
                           gint64            *start,
                           gint64            *end)
{
  g_autofree gunichar2 *units = NULL;
  g_autofree gunichar2 *prefix_units = NULL;
  g_autofree gunichar2 *suffix_units = NULL;
  glong length, prefix_length, suffix_length;
  Candidate best = { 0 };
  int found = 0;
  int ties = 0;

  units = to_units (quote, &length);
  prefix_units = to_units (prefix, &prefix_length);
  suffix_units = to_units (suffix, &suffix_length);

  if (length == 0)
    return 0;

  for (glong i = 0; i + length <= text->length; i++)
    {
      Candidate candidate;

      if (text->units[i] != units[0] ||
          memcmp (text->units + i, units, length * sizeof (gunichar2)) != 0)
        continue;

      candidate.start = i;
      candidate.end = i + length;
      candidate.errors = 0;
      candidate.context = context_score (text, prefix_units, prefix_length,
                                         suffix_units, suffix_length, i, i + length);
      if (found == 0 || candidate.context > best.context)
        {
          best = candidate;
          ties = 1;
        }
      else if (candidate.context == best.context)
        ties++;
      found++;
    }

  if (found > 0)
    {
      *start = best.start;
      *end = best.end;
    }

  return found > 1 && ties == 1 ? 1 : found;
}
