/* test-reader-style.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader's preferences as CSS: each font choice, the bounds of each
 * value (at them and one past), justification on and off, and a family
 * name that tries to write rules of its own.
 */

#include <string.h>

#include "clipper-reader-style.h"

static char *
css_for (const char *font,
         int         size,
         int         width,
         double      spacing,
         gboolean    justify)
{
  ClipperReaderStyle style = { font, size, width, spacing, justify };

  return clipper_reader_style_to_css (&style);
}

static void
test_fonts (void)
{
  g_autofree char *serif = css_for ("serif", 19, 72, 1.6, FALSE);
  g_autofree char *sans = css_for ("sans", 19, 72, 1.6, FALSE);
  g_autofree char *family = css_for ("Source Serif 4", 19, 72, 1.6, FALSE);
  g_autofree char *none = css_for (NULL, 19, 72, 1.6, FALSE);

  g_assert_nonnull (strstr (serif, "font-family: \"Noto Serif\", \"DejaVu Serif\", Georgia, serif !important;"));
  g_assert_nonnull (strstr (sans, "font-family: \"Cantarell\", \"Noto Sans\", \"DejaVu Sans\", sans-serif !important;"));
  g_assert_nonnull (strstr (family, "font-family: \"Source Serif 4\", \"Noto Serif\""));
  g_assert_cmpstr (none, ==, serif);
  /* Scoped to the reader's article: live pages keep their looks. */
  g_assert_true (g_str_has_prefix (serif, "article.clipper-reader {"));
  g_assert_null (strstr (serif, "body"));
}

static void
test_bounds (void)
{
  const struct { int size; int width; double spacing; const char *size_css; const char *width_css; const char *spacing_css; } cases[] = {
    { 12, 40, 1.0, "font-size: 12px", "max-width: 40ch", "line-height: 1.00" },
    { 11, 39, 0.9, "font-size: 12px", "max-width: 40ch", "line-height: 1.00" },
    { 36, 120, 2.4, "font-size: 36px", "max-width: 120ch", "line-height: 2.40" },
    { 37, 121, 2.5, "font-size: 36px", "max-width: 120ch", "line-height: 2.40" },
    { 19, 72, 1.65, "font-size: 19px", "max-width: 72ch", "line-height: 1.65" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *css = css_for ("serif", cases[i].size, cases[i].width, cases[i].spacing, FALSE);

      g_assert_nonnull (strstr (css, cases[i].size_css));
      g_assert_nonnull (strstr (css, cases[i].width_css));
      g_assert_nonnull (strstr (css, cases[i].spacing_css));
    }
}

static void
test_justify (void)
{
  g_autofree char *ragged = css_for ("serif", 19, 72, 1.6, FALSE);
  g_autofree char *justified = css_for ("serif", 19, 72, 1.6, TRUE);

  g_assert_null (strstr (ragged, "justify"));
  g_assert_nonnull (strstr (justified, "text-align: justify;"));
  g_assert_nonnull (strstr (justified, "hyphens: auto;"));
}

/* A name with a quote, a backslash, a newline and a closing brace stays
 * one string: nothing after it is a rule. */
static void
test_hostile_family (void)
{
  g_autofree char *css = css_for ("Evil\" } body { display: none } x {\n\\", 19, 72, 1.6, FALSE);
  const char *start = strstr (css, "font-family: \"");
  const char *p;
  gboolean escaped = FALSE;

  g_assert_nonnull (start);
  /* The newline in the name is gone: the line ends after the value. */
  g_assert_true (strchr (start, '\n') > strstr (start, "!important"));
  /* Walk the string to its real end. */
  for (p = start + strlen ("font-family: \"");; p++)
    {
      g_assert_cmpint (*p, !=, '\0');
      if (escaped)
        escaped = FALSE;
      else if (*p == '\\')
        escaped = TRUE;
      else if (*p == '"')
        break;
    }
  g_assert_true (g_str_has_prefix (p, "\", \"Noto Serif\""));
  g_assert_nonnull (strstr (start, "Evil\\\" } body { display: none } x {\\\\\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reader-style/fonts", test_fonts);
  g_test_add_func ("/reader-style/bounds", test_bounds);
  g_test_add_func ("/reader-style/justify", test_justify);
  g_test_add_func ("/reader-style/hostile-family", test_hostile_family);

  return g_test_run ();
}
