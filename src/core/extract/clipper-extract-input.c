/* clipper-extract-input.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page's bytes before parsing: which character set they are in, their
 * decoding to UTF-8, and the script and style bodies dropped unread.
 */

#define G_LOG_DOMAIN "clipper-extractor"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "clipper-extract-input.h"

/* Pages are mostly ASCII: skip it a word at a time and validate only
 * around the other bytes. */
gboolean
clipper_input_is_valid_utf8 (const char *data,
                             gsize       length)
{
  const guchar *p = (const guchar *)data;
  const guchar *end = p + length;

  while (p < end)
    {
      while (p + 8 <= end)
        {
          guint64 word;

          memcpy (&word, p, 8);
          if (word & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
          /* A NUL byte anywhere in the word. */
          if ((word - G_GUINT64_CONSTANT (0x0101010101010101)) & ~word &
              G_GUINT64_CONSTANT (0x8080808080808080))
            return FALSE;
          p += 8;
        }

      if (p >= end)
        break;

      if (*p == 0)
        return FALSE;

      if (*p < 0x80)
        {
          p++;
          continue;
        }

      {
        const char *bad = NULL;
        /* Validate the non-ASCII run up to the next ASCII byte. */
        const guchar *run_end = p;

        while (run_end < end && *run_end >= 0x80)
          run_end++;
        if (!g_utf8_validate_len ((const char *)p, run_end - p, (const char **)&bad))
          return FALSE;
        p = run_end;
      }
    }

  return TRUE;
}

/* A <meta charset> or http-equiv declaration in the first bytes, else UTF-8
 * when the bytes are valid UTF-8, else the web's usual legacy default. */
char *
clipper_input_sniff_charset (const char *data,
                             gsize       length)
{
  g_autofree char *head = NULL;
  const char *p;

  head = g_ascii_strdown (data, MIN (length, 4096));

  for (p = strstr (head, "charset"); p != NULL; p = strstr (p + 1, "charset"))
    {
      const char *start = p + strlen ("charset");
      const char *end;

      while (*start == ' ' || *start == '=' || *start == '"' || *start == '\'')
        start++;
      end = start;
      while (g_ascii_isalnum (*end) || *end == '-' || *end == '_' || *end == ':' || *end == '.')
        end++;
      if (end > start && p > head && (p[-1] == ' ' || p[-1] == ';' || p[-1] == '"' || p[-1] == '<'))
        return g_strndup (start, end - start);
    }

  if (g_utf8_validate_len (data, length, NULL))
    return g_strdup ("UTF-8");

  return g_strdup ("windows-1252");
}

/**
 * clipper_input_decode:
 * @data: bytes in @charset
 * @length: their length
 * @charset: an encoding label; one iconv does not know is read as
 *   windows-1252, as browsers read unknown labels
 * @n_replaced: (out) (optional): how many bad sequences became U+FFFD
 *
 * Decodes @data to UTF-8, every byte of it: a sequence that is not valid
 * in @charset becomes U+FFFD and decoding goes on, where libxml2's own
 * conversion would stop and drop the rest of the page. NULs become
 * spaces, as a parser would otherwise end the text there.
 */
char *
clipper_input_decode (const char *data,
                      gsize       length,
                      const char *charset,
                      gsize      *n_replaced)
{
  GString *out = g_string_sized_new (length + length / 2 + 16);
  GIConv converter = (GIConv) -1;
  gchar *in = (gchar *) data;
  gsize in_left = length;
  gsize replaced = 0;

  if (charset != NULL)
    converter = g_iconv_open ("UTF-8", charset);
  if (converter == (GIConv) -1)
    converter = g_iconv_open ("UTF-8", "WINDOWS-1252");
  if (converter == (GIConv) -1)
    {
      g_string_free (out, TRUE);
      return g_utf8_make_valid (data, length);
    }

  while (in_left > 0)
    {
      char chunk[4096];
      gchar *chunk_out = chunk;
      gsize out_left = sizeof chunk;
      gsize result = g_iconv (converter, &in, &in_left, &chunk_out, &out_left);
      int saved_errno = errno;

      g_string_append_len (out, chunk, chunk_out - chunk);
      if (result != (gsize) -1)
        break;
      if (saved_errno == E2BIG)
        continue;

      /* EILSEQ, or EINVAL for a sequence cut off at the end. */
      g_string_append (out, "\xEF\xBF\xBD");
      replaced++;
      in++;
      in_left--;
      g_iconv (converter, NULL, NULL, NULL, NULL);
    }

  {
    char chunk[64];
    gchar *chunk_out = chunk;
    gsize out_left = sizeof chunk;

    g_iconv (converter, NULL, NULL, &chunk_out, &out_left);
    g_string_append_len (out, chunk, chunk_out - chunk);
  }
  g_iconv_close (converter);

  for (gsize i = 0; i < out->len; i++)
    if (out->str[i] == '\0')
      out->str[i] = ' ';

  if (n_replaced != NULL)
    *n_replaced = replaced;
  return g_string_free (out, FALSE);
}

static const char *
find_ci (const char *p,
         const char *end,
         const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    {
      p = memchr (p, needle[0], end - p);
      if (p == NULL || p + n > end)
        return NULL;
      if (g_ascii_strncasecmp (p, needle, n) == 0)
        return p;
    }

  return NULL;
}

/* No real element has this many attributes; libxml2 checks each new one
 * against all before it, so a hostile page with a million would take
 * hours. */
#define MAX_ATTRIBUTES 256

/* Where the attribute past the cap starts in the start tag at @p, or
 * NULL when the tag has no more than the cap; @tag_end is set to its '>'
 * (or @end). Only long tags are read closely: an attribute takes at least
 * two bytes. */
static const char *
find_attribute_cut (const char  *p,
                    const char  *end,
                    const char **tag_end)
{
  const char *q = memchr (p, '>', MIN (end - p, MAX_ATTRIBUTES * 2 + 64));
  guint count = 0;

  *tag_end = q;
  if (q != NULL)
    return NULL;

  /* The name */
  for (q = p + 1; q < end && !g_ascii_isspace (*q) && *q != '>' && *q != '/'; q++)
    ;

  while (q < end)
    {
      while (q < end && (g_ascii_isspace (*q) || *q == '/'))
        q++;
      if (q >= end || *q == '>')
        break;

      if (++count > MAX_ATTRIBUTES)
        {
          const char *cut = q;
          char quote = 0;

          for (; q < end && (quote || *q != '>'); q++)
            if (quote && *q == quote)
              quote = 0;
            else if (!quote && (*q == '"' || *q == '\''))
              quote = *q;
          *tag_end = q;
          return cut;
        }

      while (q < end && !g_ascii_isspace (*q) && *q != '=' && *q != '>' && *q != '/')
        q++;
      while (q < end && g_ascii_isspace (*q))
        q++;
      if (q < end && *q == '=')
        {
          q++;
          while (q < end && g_ascii_isspace (*q))
            q++;
          if (q < end && (*q == '"' || *q == '\''))
            {
              const char *close = memchr (q + 1, *q, end - q - 1);

              q = close ? close + 1 : end;
            }
          else
            while (q < end && !g_ascii_isspace (*q) && *q != '>')
              q++;
        }
    }

  *tag_end = q;
  return NULL;
}

/* Script and style bodies are most of many pages' bytes and none of their
 * article; dropping them before the parse saves most of its time. JSON-LD
 * stays: it holds metadata. Comments are skipped whole, as a parser would.
 * Start tags lose their attributes past MAX_ATTRIBUTES. */
char *
clipper_input_strip_scripts (const char *data,
                             gsize       length,
                             gsize      *out_length)
{
  const char *p = data;
  const char *end = data + length;
  GString *out = NULL;
  const char *copied = data;

  while (p < end && (p = memchr (p, '<', end - p)))
    {
      const char *close_tag;
      const char *body;
      const char *tag_end;
      gboolean script;

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *comment_end = find_ci (p + 4, end, "-->");

          if (comment_end == NULL)
            break;
          p = comment_end + 3;
          continue;
        }

      if (end - p > 1 && g_ascii_isalpha (p[1]))
        {
          const char *cut = find_attribute_cut (p, end, &tag_end);

          if (cut != NULL)
            {
              if (out == NULL)
                out = g_string_sized_new (length);
              g_string_append_len (out, copied, cut - copied);
              copied = tag_end;
              /* What was cut is not looked at again. */
              p = tag_end;
              continue;
            }
        }

      script = end - p > 7 && g_ascii_strncasecmp (p + 1, "script", 6) == 0 &&
               (p[7] == '>' || g_ascii_isspace (p[7]));
      if (!script && !(end - p > 6 && g_ascii_strncasecmp (p + 1, "style", 5) == 0 &&
                       (p[6] == '>' || g_ascii_isspace (p[6]))))
        {
          p++;
          continue;
        }

      tag_end = memchr (p, '>', end - p);
      if (tag_end == NULL)
        break;
      body = tag_end + 1;

      if (script)
        {
          g_autofree char *tag = g_ascii_strdown (p, tag_end - p);

          if (strstr (tag, "ld+json") != NULL)
            {
              p = body;
              continue;
            }
        }

      close_tag = find_ci (body, end, script ? "</script" : "</style");
      if (close_tag == NULL)
        break;

      if (out == NULL)
        out = g_string_sized_new (length);
      g_string_append_len (out, copied, body - copied);
      copied = close_tag;
      p = close_tag + 2;
    }

  if (out == NULL)
    return NULL;

  g_string_append_len (out, copied, end - copied);
  *out_length = out->len;
  return g_string_free (out, FALSE);
}

/* Declared charset vs. bytes: a page may declare one encoding and be in
 * another. Valid multi-byte UTF-8 is UTF-8 whatever was declared (legacy
 * text, single- or multi-byte, is practically never valid UTF-8); invalid
 * UTF-8 under a UTF-8 declaration is the legacy default. */
char *
clipper_input_decide_charset (const char *data,
                              gsize       length,
                              const char *declared,
                              gboolean   *valid)
{
  g_autofree char *sniffed = NULL;
  const char *charset = declared;
  gboolean valid_utf8;
  gboolean has_multibyte = FALSE;
  gsize check = length;

  if (charset == NULL || charset[0] == '\0')
    {
      sniffed = clipper_input_sniff_charset (data, length);
      charset = sniffed;
    }

  valid_utf8 = clipper_input_is_valid_utf8 (data, check);
  *valid = valid_utf8;

  /* Only needed when a single-byte charset is declared. */
  if (valid_utf8)
    for (gsize i = 0; i < check && !has_multibyte; i++)
      has_multibyte = (guchar)data[i] >= 0x80;

  /* As the HTML standard reads a <meta> that says UTF-16: text with no
   * NUL among its first bytes is not UTF-16 or UTF-32, whatever it says. */
  if ((g_ascii_strncasecmp (charset, "utf-16", 6) == 0 ||
       g_ascii_strncasecmp (charset, "utf-32", 6) == 0) &&
      memchr (data, '\0', MIN (length, 512)) == NULL)
    charset = "utf-8";

  if (g_ascii_strcasecmp (charset, "utf-8") == 0 || g_ascii_strcasecmp (charset, "utf8") == 0)
    return g_strdup (valid_utf8 ? "UTF-8" : "windows-1252");

  /* UTF-16 and UTF-32 are told by their BOM and NULs, never valid here. */
  if (valid_utf8 && has_multibyte)
    return g_strdup ("UTF-8");

  /* The HTML standard reads these labels as windows-1252. */
  if (g_ascii_strcasecmp (charset, "iso-8859-1") == 0 ||
      g_ascii_strcasecmp (charset, "latin1") == 0 ||
      g_ascii_strcasecmp (charset, "us-ascii") == 0 ||
      g_ascii_strcasecmp (charset, "ascii") == 0)
    return g_strdup ("windows-1252");

  return g_strdup (charset);
}
