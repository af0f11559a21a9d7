/* clipper-extract-links.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Addresses in a page: its <base>, and the real source of images that
 * load lazily (data-* attributes, srcset).
 */

#define G_LOG_DOMAIN "clipper-extractor"

#include "config.h"

#include <string.h>

#include "clipper-extract-dom.h"
#include "clipper-extract-links.h"
#include "clipper-uri.h"

gboolean
clipper_links_is_web_address (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                            g_ascii_strcasecmp (scheme, "https") == 0);
}

char *
clipper_links_document_base (htmlDocPtr  doc,
                             const char *url)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *node = root; node; node = clipper_dom_next_any (node, root))
    if (clipper_dom_is (node, "base"))
      {
        g_autofree xmlChar *href = xmlGetProp (node, (const xmlChar *)"href");

        if (href && href[0])
          return clipper_uri_resolve (url, (const char *)href);
        break;
      }
    else if (clipper_dom_is (node, "body"))
      break;

  return g_strdup (url);
}

static gboolean
is_image_url (const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);

  return strstr (lower, ".jpg") || strstr (lower, ".jpeg") || strstr (lower, ".png") ||
         strstr (lower, ".webp") || strstr (lower, ".gif") || strstr (lower, ".avif");
}

/* The widest candidate of a srcset ("a.jpg 480w, b.jpg 800w"). */
static char *
best_from_srcset (const char *srcset)
{
  g_auto(GStrv) parts = g_strsplit (srcset, ",", -1);
  char *best = NULL;
  double best_width = -1;

  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) fields = NULL;
      double width = 1;

      g_strstrip (parts[i]);
      fields = g_strsplit_set (parts[i], " \t\n", -1);
      if (fields[0] == NULL || fields[0][0] == '\0')
        continue;

      for (guint j = 1; fields[j]; j++)
        if (fields[j][0])
          width = g_ascii_strtod (fields[j], NULL) * (g_str_has_suffix (fields[j], "x") ? 1000 : 1);

      if (width > best_width)
        {
          g_free (best);
          best = g_strdup (fields[0]);
          best_width = width;
        }
    }

  return best;
}

/* Lazy-loading pages keep the real address in data-* attributes and put a
 * placeholder (or nothing) in src. */
void
clipper_links_fix_lazy_image (xmlNode *node)
{
  g_autofree xmlChar *src = NULL;
  g_autofree char *found = NULL;
  gboolean placeholder;

  src = xmlGetProp (node, (const xmlChar *)"src");
  placeholder = src == NULL || src[0] == '\0' ||
                (g_str_has_prefix ((const char *)src, "data:") && strlen ((const char *)src) < 200);

  for (xmlAttr *attr = node->properties; attr && !found; attr = attr->next)
    {
      const char *name = (const char *)attr->name;
      g_autofree xmlChar *value = NULL;

      if (g_str_equal (name, "src") || g_str_equal (name, "alt") ||
          (!placeholder && !g_str_equal (name, "srcset")))
        continue;

      value = xmlNodeGetContent ((xmlNode *)attr);
      if (value == NULL || value[0] == '\0' || g_str_has_prefix ((const char *)value, "data:"))
        continue;

      if (strstr (name, "srcset") || strchr ((const char *)value, ','))
        {
          if (is_image_url ((const char *)value) || strstr (name, "srcset"))
            found = best_from_srcset ((const char *)value);
        }
      else if (placeholder && is_image_url ((const char *)value) &&
               strchr ((const char *)value, ' ') == NULL)
        found = g_strdup ((const char *)value);
    }

  if (found != NULL && (placeholder || xmlHasProp (node, (const xmlChar *)"srcset")))
    xmlSetProp (node, (const xmlChar *)"src", (const xmlChar *)found);
}
