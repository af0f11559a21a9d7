/* clipper-reader-style.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader's preferences as a style sheet over the stored pages' own:
 * every rule is scoped to the reader's article, so live web pages keep
 * their looks, and the values are clamped and quoted, so a setting cannot
 * write rules of its own.
 */

#define G_LOG_DOMAIN "clipper-reader-style"

#include "config.h"

#include "clipper-reader-style.h"

#define SERIF "\"Noto Serif\", \"DejaVu Serif\", Georgia, serif"
#define SANS  "\"Cantarell\", \"Noto Sans\", \"DejaVu Sans\", sans-serif"

/* A family name as a CSS string: quotes and backslashes escaped, control
 * characters (a newline ends a string) dropped. */
static void
append_css_string (GString    *css,
                   const char *text)
{
  g_string_append_c (css, '"');
  for (const char *p = text; *p; p++)
    {
      if ((guchar)*p < 0x20 || *p == 0x7f)
        continue;
      if (*p == '"' || *p == '\\')
        g_string_append_c (css, '\\');
      g_string_append_c (css, *p);
    }
  g_string_append_c (css, '"');
}

char *
clipper_reader_style_to_css (const ClipperReaderStyle *style)
{
  GString *css = g_string_new ("article.clipper-reader {\n  font-family: ");
  char spacing[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (style != NULL, NULL);

  if (style->font == NULL || *style->font == '\0' || g_str_equal (style->font, "serif"))
    g_string_append (css, SERIF);
  else if (g_str_equal (style->font, "sans"))
    g_string_append (css, SANS);
  else
    {
      append_css_string (css, style->font);
      g_string_append (css, ", " SERIF);
    }
  g_ascii_formatd (spacing, sizeof spacing, "%.2f",
                   CLAMP (style->line_spacing, CLIPPER_READER_SPACING_MIN, CLIPPER_READER_SPACING_MAX));
  g_string_append_printf (css,
                          " !important;\n"
                          "  font-size: %dpx !important;\n"
                          "  line-height: %s !important;\n"
                          "  max-width: %dch !important;\n"
                          "}\n",
                          CLAMP (style->font_size, CLIPPER_READER_FONT_SIZE_MIN, CLIPPER_READER_FONT_SIZE_MAX),
                          spacing, CLAMP (style->width, CLIPPER_READER_WIDTH_MIN, CLIPPER_READER_WIDTH_MAX));
  if (style->justify)
    g_string_append (css, "article.clipper-reader p, article.clipper-reader li {\n"
                          "  text-align: justify;\n"
                          "  hyphens: auto;\n"
                          "}\n");
  return g_string_free (css, FALSE);
}
