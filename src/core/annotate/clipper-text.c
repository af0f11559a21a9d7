/* clipper-text.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canonical text of a clipping: what highlight offsets count in, in
 * UTF-16 units. Anchoring, the document model the exports read and the
 * page script (resources/reader/reader.js, textNodes()) must all walk
 * the same text nodes, so the rule lives here once, with HTML's white
 * space beside it.
 */

#define G_LOG_DOMAIN "clipper-text"

#include "config.h"

#include <string.h>

#include "clipper-text.h"

static gboolean
is_table_structure (xmlNode *node)
{
  static const char * const names[] = { "table", "thead", "tbody", "tfoot", "tr", "colgroup", NULL };

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  for (guint i = 0; names[i]; i++)
    if (strcmp ((const char *)node->name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Whether @text is empty or only HTML white space. */
gboolean
clipper_text_is_blank (const char *text)
{
  for (const char *p = text; p && *p; p++)
    if (!clipper_text_is_space (*p))
      return FALSE;
  return TRUE;
}

/* Whether the text node @node, below @root, is part of the canonical
 * text. Parsers disagree on blank text between blocks at the top level and
 * inside table structure (libxml2 drops some that browsers keep), so that
 * is left out on every side. */
gboolean
clipper_text_node_counts (xmlNode *node,
                          xmlNode *root)
{
  g_return_val_if_fail (node != NULL, FALSE);

  if (node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE)
    return FALSE;

  return !((node->parent == root || is_table_structure (node->parent)) &&
           clipper_text_is_blank ((const char *)node->content));
}

static void
append_children (xmlNode *node,
                 xmlNode *root,
                 GString *out)
{
  for (; node; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (clipper_text_node_counts (node, root))
            g_string_append (out, (const char *)node->content);
        }
      else if (node->type == XML_ELEMENT_NODE && node->children)
        append_children (node->children, root, out);
    }
}

/* Appends the canonical text of what is below @root to @out. */
void
clipper_text_append_canonical (xmlNode *root,
                               GString *out)
{
  g_return_if_fail (out != NULL);

  if (root != NULL)
    append_children (root->children, root, out);
}

/* @text with each run of white space made one space, and none at the
 * edges. */
char *
clipper_text_collapse (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; p && *p; p++)
    {
      if (clipper_text_is_space (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}
