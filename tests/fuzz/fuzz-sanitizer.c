/* fuzz-sanitizer.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTML through the allow-list sanitizer. What comes out, read again,
 * holds no script, no frame, no event handler and no address outside
 * http(s), data images, mailto, fragments and the library's own.
 */

#include <string.h>

#include "clipper-html.h"
#include "clipper-sanitizer.h"
#include "fuzz-common.h"

static void
check_url (const char *name,
           const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);
  const char *p = lower;

  while (*p == ' ' || *p == '\t' || *p == '\n')
    p++;
  if (strchr (p, ':') == NULL || p[0] == '#')
    return;
  if (g_str_has_prefix (p, "http:") || g_str_has_prefix (p, "https:") ||
      g_str_has_prefix (p, "mailto:"))
    return;
  if (g_str_has_prefix (p, "clipper://resource/"))
    {
      const char *hash = p + strlen ("clipper://resource/");

      /* Only a stored resource's digest, never a path. */
      g_assert (strlen (hash) == 64);
      for (guint i = 0; i < 64; i++)
        g_assert (g_ascii_isxdigit (hash[i]));
      return;
    }
  if (g_str_has_prefix (p, "data:image/") && g_strcmp0 (name, "src") == 0 &&
      !g_str_has_prefix (p, "data:image/svg"))
    return;
  /* A colon later in a relative path ("a/b:c") was resolved against the
   * base, so what is left here is a scheme the sanitizer let through. */
  g_error ("%s=\"%s\" let through", name, value);
}

static void
check_tree (xmlNode *node)
{
  for (; node; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      g_assert (g_ascii_strcasecmp ((const char *) node->name, "script") != 0);
      g_assert (g_ascii_strcasecmp ((const char *) node->name, "iframe") != 0);
      g_assert (g_ascii_strcasecmp ((const char *) node->name, "object") != 0);
      g_assert (g_ascii_strcasecmp ((const char *) node->name, "embed") != 0);
      g_assert (g_ascii_strcasecmp ((const char *) node->name, "style") != 0);

      for (xmlAttr *attr = node->properties; attr; attr = attr->next)
        {
          const char *name = (const char *) attr->name;
          g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) attr);

          g_assert (g_ascii_strncasecmp (name, "on", 2) != 0);
          g_assert (g_ascii_strcasecmp (name, "style") != 0);
          if (value && (g_str_equal (name, "href") || g_str_equal (name, "src")))
            check_url (name, value);
        }
      check_tree (node->children);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *clean = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  fuzz_quiet_logs ();
  clean = clipper_sanitizer_sanitize ((const char *) data, size, "https://example.org/a/b.html");
  if (clean == NULL)
    return 0;

  g_assert (g_utf8_validate (clean, -1, NULL));
  doc = clipper_html_parse (clean, strlen (clean), "utf-8");
  if (doc != NULL)
    check_tree (xmlDocGetRootElement (doc));
  return 0;
}
