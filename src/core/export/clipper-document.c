/* clipper-document.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stored clipping as blocks of inline runs, with each run knowing the
 * highlights over it: the one model the Markdown and PDF writers read.
 * Highlights are placed by their offsets in the canonical text, walked
 * here by the rule of clipper-text.c.
 */

#define G_LOG_DOMAIN "clipper-document"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "clipper-document.h"
#include "clipper-html.h"
#include "clipper-text.h"


typedef struct
{
  ClipperDocument *document;
  xmlNode         *root;
  gint64           offset;
  ClipperBlock    *current;
  ClipperRunFlags  flags;
  const char      *href;
  int              quote_depth;
  GArray          *lists;        /* int: the next number, negative for bullets */
  GPtrArray       *ranges;       /* ClipperHighlight drawn in the text */
} Walker;

static void walk (Walker *walker, xmlNode *node);

static void
run_free (ClipperRun *run)
{
  g_free (run->text);
  g_free (run->href);
  g_clear_pointer (&run->highlights, g_array_unref);
  g_free (run);
}

static void
block_free (ClipperBlock *block)
{
  g_free (block->src);
  g_free (block->original_src);
  g_free (block->alt);
  g_clear_pointer (&block->runs, g_ptr_array_unref);
  g_free (block);
}

static ClipperBlock *
block_new (Walker           *walker,
           ClipperBlockType  type)
{
  ClipperBlock *block = g_new0 (ClipperBlock, 1);

  block->type = type;
  block->quote_depth = walker->quote_depth;
  block->runs = g_ptr_array_new_with_free_func ((GDestroyNotify)run_free);
  return block;
}

/* HTML's white space rules: runs of it are one space, none at the edges. */
static void
normalize_block (ClipperBlock *block)
{
  gboolean space = TRUE;
  ClipperRun *last_text = NULL;

  if (block->type == CLIPPER_BLOCK_CODE)
    return;

  for (guint i = 0; i < block->runs->len; i++)
    {
      ClipperRun *run = g_ptr_array_index (block->runs, i);
      GString *out;

      if (run->flags & (CLIPPER_RUN_BREAK | CLIPPER_RUN_CELL))
        {
          if (last_text != NULL && g_str_has_suffix (last_text->text, " "))
            last_text->text[strlen (last_text->text) - 1] = '\0';
          space = TRUE;
          continue;
        }

      out = g_string_new (NULL);
      for (const char *p = run->text; *p; p++)
        {
          if (clipper_text_is_space (*p))
            {
              if (!space)
                g_string_append_c (out, ' ');
              space = TRUE;
            }
          else
            {
              g_string_append_c (out, *p);
              space = FALSE;
            }
        }
      g_free (run->text);
      run->text = g_string_free (out, FALSE);
      if (run->text[0] != '\0')
        last_text = run;
    }

  if (last_text != NULL && g_str_has_suffix (last_text->text, " "))
    last_text->text[strlen (last_text->text) - 1] = '\0';

  /* Drop what is empty now, and breaks at the edges. */
  for (guint i = block->runs->len; i > 0; i--)
    {
      ClipperRun *run = g_ptr_array_index (block->runs, i - 1);

      if (run->text[0] == '\0' && !(run->flags & CLIPPER_RUN_CELL))
        g_ptr_array_remove_index (block->runs, i - 1);
    }
  while (block->runs->len > 0 &&
         (((ClipperRun *)g_ptr_array_index (block->runs, block->runs->len - 1))->flags & CLIPPER_RUN_BREAK))
    g_ptr_array_remove_index (block->runs, block->runs->len - 1);
  while (block->runs->len > 0 &&
         (((ClipperRun *)g_ptr_array_index (block->runs, 0))->flags & CLIPPER_RUN_BREAK))
    g_ptr_array_remove_index (block->runs, 0);
}

static gboolean
block_has_text (ClipperBlock *block)
{
  for (guint i = 0; i < block->runs->len; i++)
    {
      ClipperRun *run = g_ptr_array_index (block->runs, i);

      for (const char *p = run->text; *p; p++)
        if (!clipper_text_is_space (*p))
          return TRUE;
    }
  return FALSE;
}

static void
flush (Walker *walker)
{
  ClipperBlock *block = g_steal_pointer (&walker->current);

  if (block == NULL)
    return;

  if (block->type == CLIPPER_BLOCK_IMAGE || block->type == CLIPPER_BLOCK_RULE || block_has_text (block))
    {
      normalize_block (block);
      g_ptr_array_add (walker->document->blocks, block);
    }
  else
    block_free (block);
}

static void
start_block (Walker           *walker,
             ClipperBlockType  type)
{
  flush (walker);
  walker->current = block_new (walker, type);
}

static void
add_run (Walker     *walker,
         const char *text,
         guint       flags,
         GArray     *highlights)
{
  ClipperRun *run;

  if (walker->current == NULL)
    walker->current = block_new (walker, CLIPPER_BLOCK_PARAGRAPH);

  run = g_new0 (ClipperRun, 1);
  run->text = g_strdup (text);
  run->flags = walker->flags | flags;
  run->href = g_strdup (walker->href);
  run->highlights = highlights ? g_array_ref (highlights) : g_array_new (FALSE, FALSE, sizeof (gint64));
  g_ptr_array_add (walker->current->runs, run);
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* A text node, cut where highlights start and end. */
static void
add_text (Walker  *walker,
          xmlNode *node)
{
  const char *content = (const char *)node->content;
  g_autofree gunichar2 *units = NULL;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gint64));
  glong length = 0;
  gint64 start = walker->offset;
  gint64 end;

  if (!clipper_text_node_counts (node, walker->root))
    return;

  units = g_utf8_to_utf16 (content, -1, NULL, &length, NULL);
  if (units == NULL)
    return;
  end = start + length;
  walker->offset = end;

  g_array_append_val (cuts, start);
  g_array_append_val (cuts, end);
  for (guint i = 0; i < walker->ranges->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (walker->ranges, i);
      gint64 h_start = clipper_highlight_get_start (highlight);
      gint64 h_end = clipper_highlight_get_end (highlight);

      if (h_start > start && h_start < end)
        g_array_append_val (cuts, h_start);
      if (h_end > start && h_end < end)
        g_array_append_val (cuts, h_end);
    }
  g_array_sort (cuts, compare_offsets);

  for (guint i = 0; i + 1 < cuts->len; i++)
    {
      gint64 from = g_array_index (cuts, gint64, i);
      gint64 to = g_array_index (cuts, gint64, i + 1);
      g_autoptr(GArray) over = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *piece = NULL;

      if (to <= from)
        continue;

      for (guint j = 0; j < walker->ranges->len; j++)
        {
          ClipperHighlight *highlight = g_ptr_array_index (walker->ranges, j);

          if (clipper_highlight_get_start (highlight) <= from && clipper_highlight_get_end (highlight) >= to)
            {
              gint64 id = clipper_highlight_get_id (highlight);

              g_array_append_val (over, id);
            }
        }

      piece = g_utf16_to_utf8 (units + (from - start), to - from, NULL, NULL, NULL);
      if (piece != NULL)
        add_run (walker, piece, 0, over);
    }
}

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return g_str_equal ((const char *)node->name, name);
}

static void
walk_children (Walker  *walker,
               xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    walk (walker, child);
}

static void
walk_element (Walker  *walker,
              xmlNode *node)
{
  static const char * const blocks[] = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "figure",
    "figcaption", "details", "summary", "address", "dd", "dt", "dl", "caption", "table",
    "thead", "tbody", "tfoot", NULL
  };
  const char *name = (const char *)node->name;
  ClipperRunFlags saved_flags = walker->flags;
  const char *saved_href = walker->href;

  if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    {
      start_block (walker, CLIPPER_BLOCK_HEADING);
      walker->current->level = name[1] - '0';
      walk_children (walker, node);
      flush (walker);
    }
  else if (is_named (node, "blockquote"))
    {
      flush (walker);
      walker->quote_depth++;
      walk_children (walker, node);
      flush (walker);
      walker->quote_depth--;
    }
  else if (is_named (node, "ul") || is_named (node, "ol"))
    {
      g_autofree xmlChar *start = xmlGetProp (node, (const xmlChar *)"start");
      int next = is_named (node, "ol") ? (start ? MAX (1, atoi ((const char *)start)) : 1) : -1;

      flush (walker);
      g_array_append_val (walker->lists, next);
      walk_children (walker, node);
      flush (walker);
      g_array_set_size (walker->lists, walker->lists->len - 1);
    }
  else if (is_named (node, "li"))
    {
      int *next = walker->lists->len ? &g_array_index (walker->lists, int, walker->lists->len - 1) : NULL;

      start_block (walker, CLIPPER_BLOCK_LIST_ITEM);
      walker->current->level = MAX (1, (int)walker->lists->len);
      walker->current->ordered = next != NULL && *next > 0;
      walker->current->number = next && *next > 0 ? (*next)++ : 0;
      walk_children (walker, node);
      flush (walker);
    }
  else if (is_named (node, "pre"))
    {
      start_block (walker, CLIPPER_BLOCK_CODE);
      walk_children (walker, node);
      flush (walker);
    }
  else if (is_named (node, "img"))
    {
      g_autofree xmlChar *src = xmlGetProp (node, (const xmlChar *)"src");
      g_autofree xmlChar *original = xmlGetProp (node, (const xmlChar *)"data-original-src");
      g_autofree xmlChar *alt = xmlGetProp (node, (const xmlChar *)"alt");
      ClipperBlock *keep = NULL;

      if (src == NULL)
        return;

      /* An image inside a paragraph goes between its halves. */
      if (walker->current != NULL && walker->current->type != CLIPPER_BLOCK_IMAGE)
        {
          ClipperBlock *before = walker->current;

          keep = block_new (walker, before->type);
          /* What follows is still the same heading or list item. */
          keep->level = before->level;
          keep->ordered = before->ordered;
          keep->number = before->number;
          keep->continued = before->type == CLIPPER_BLOCK_LIST_ITEM &&
                            (before->continued || block_has_text (before));
          flush (walker);
        }
      start_block (walker, CLIPPER_BLOCK_IMAGE);
      walker->current->src = g_strdup ((const char *)src);
      walker->current->original_src = g_strdup ((const char *)original);
      walker->current->alt = g_strdup (alt ? (const char *)alt : "");
      flush (walker);
      walker->current = keep;
    }
  else if (is_named (node, "hr"))
    {
      start_block (walker, CLIPPER_BLOCK_RULE);
      flush (walker);
    }
  else if (is_named (node, "br"))
    {
      add_run (walker, "\n", CLIPPER_RUN_BREAK, NULL);
    }
  else if (is_named (node, "tr"))
    {
      start_block (walker, CLIPPER_BLOCK_TABLE_ROW);
      walk_children (walker, node);
      flush (walker);
    }
  else if (is_named (node, "td") || is_named (node, "th"))
    {
      if (walker->current == NULL)
        walker->current = block_new (walker, CLIPPER_BLOCK_TABLE_ROW);
      if (walker->current->runs->len > 0)
        add_run (walker, "", CLIPPER_RUN_CELL, NULL);
      walk_children (walker, node);
    }
  else if (g_strv_contains (blocks, name))
    {
      /* The first paragraph of a list item continues the item. */
      if (!(walker->current && walker->current->type == CLIPPER_BLOCK_LIST_ITEM &&
            !block_has_text (walker->current)))
        flush (walker);
      walk_children (walker, node);
      if (!(walker->current && walker->current->type == CLIPPER_BLOCK_LIST_ITEM))
        flush (walker);
    }
  else
    {
      if (is_named (node, "em") || is_named (node, "i") || is_named (node, "cite") ||
          is_named (node, "dfn") || is_named (node, "var"))
        walker->flags |= CLIPPER_RUN_EMPHASIS;
      else if (is_named (node, "strong") || is_named (node, "b"))
        walker->flags |= CLIPPER_RUN_STRONG;
      else if (is_named (node, "code") || is_named (node, "kbd") || is_named (node, "samp"))
        walker->flags |= CLIPPER_RUN_CODE;
      else if (is_named (node, "a"))
        {
          xmlAttr *href = xmlHasProp (node, (const xmlChar *)"href");

          if (href && href->children && href->children->content &&
              (g_str_has_prefix ((const char *)href->children->content, "http") ||
               g_str_has_prefix ((const char *)href->children->content, "mailto:")))
            walker->href = (const char *)href->children->content;
        }

      walk_children (walker, node);
      walker->flags = saved_flags;
      walker->href = saved_href;
    }
}

static void
walk (Walker  *walker,
      xmlNode *node)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    add_text (walker, node);
  else if (node->type == XML_ELEMENT_NODE)
    walk_element (walker, node);
}

/**
 * clipper_document_new:
 * @clipping: a clipping with its content
 * @highlights: (element-type ClipperHighlight): its highlights
 * @note: (nullable): the note on the clipping
 */
ClipperDocument *
clipper_document_new (ClipperClipping *clipping,
                      GPtrArray       *highlights,
                      const char      *note)
{
  ClipperDocument *document = g_new0 (ClipperDocument, 1);
  g_autoptr(xmlDoc) doc = NULL;
  const char *content = clipper_clipping_get_content (clipping);
  Walker walker = { 0 };
  xmlNode *body;

  document->clipping = g_object_ref (clipping);
  document->note = g_strdup (note && note[0] ? note : NULL);
  document->highlights = g_ptr_array_new_with_free_func (g_object_unref);
  document->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);

  for (guint i = 0; highlights && i < highlights->len; i++)
    g_ptr_array_add (document->highlights, g_object_ref (g_ptr_array_index (highlights, i)));

  walker.document = document;
  walker.lists = g_array_new (FALSE, FALSE, sizeof (int));
  walker.ranges = g_ptr_array_new ();
  for (guint i = 0; i < document->highlights->len; i++)
    if (!clipper_highlight_get_orphaned (g_ptr_array_index (document->highlights, i)))
      g_ptr_array_add (walker.ranges, g_ptr_array_index (document->highlights, i));

  doc = clipper_html_parse (content ? content : "", content ? strlen (content) : 0, "UTF-8");
  body = doc ? clipper_html_get_body (doc) : NULL;
  if (body != NULL)
    {
      walker.root = body;
      walk_children (&walker, body);
      flush (&walker);
    }

  g_array_unref (walker.lists);
  g_ptr_array_unref (walker.ranges);

  return document;
}

void
clipper_document_free (ClipperDocument *document)
{
  if (document == NULL)
    return;

  g_clear_object (&document->clipping);
  g_free (document->note);
  g_clear_pointer (&document->highlights, g_ptr_array_unref);
  g_clear_pointer (&document->blocks, g_ptr_array_unref);
  g_free (document);
}

ClipperHighlight *
clipper_document_find_highlight (ClipperDocument *document,
                                 gint64           id)
{
  for (guint i = 0; i < document->highlights->len; i++)
    if (clipper_highlight_get_id (g_ptr_array_index (document->highlights, i)) == id)
      return g_ptr_array_index (document->highlights, i);
  return NULL;
}

/* A block's plain text (cells split by tabs, breaks as new lines). */
char *
clipper_document_dup_block_text (ClipperBlock *block)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < block->runs->len; i++)
    {
      ClipperRun *run = g_ptr_array_index (block->runs, i);

      if (run->flags & CLIPPER_RUN_CELL)
        g_string_append_c (out, '\t');
      else
        g_string_append (out, run->text);
    }

  return g_string_free (out, FALSE);
}
