/* clipper-html.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-html"

#include "config.h"

#include <string.h>

#include "clipper-html.h"
#include "clipper-extract-input.h"
#include "clipper-text.h"

#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                       HTML_PARSE_NONET)

static const char * const block_elements[] = {
  "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
  "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
  "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
  "tfoot", "th", "thead", "tr", "ul", "caption", "html",
};

static const char * const hidden_elements[] = {
  "head", "script", "style", "noscript", "template", "title", "meta", "link",
};

/* libxml2's HTML parser lower-cases element names. */
static gboolean
name_in (const xmlChar      *name,
         const char * const *names,
         gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (name[0] == names[i][0] && strcmp ((const char *)name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
clipper_html_is_element (xmlNode    *node,
                         const char *name)
{
  return node != NULL &&
         node->type == XML_ELEMENT_NODE &&
         node->name[0] == (xmlChar)name[0] &&
         strcmp ((const char *)node->name, name) == 0;
}

/* libxml2's xmlAddChild() and xmlAdd*Sibling() merge a text node into a
 * neighbouring one and free it, which a caller walking the tree cannot
 * see coming; these only relink. Adjacent text nodes are fine in a tree. */
static void
link_between (xmlNode *node,
              xmlNode *parent,
              xmlNode *prev,
              xmlNode *next)
{
  node->parent = parent;
  node->prev = prev;
  node->next = next;
  if (prev != NULL)
    prev->next = node;
  else if (parent != NULL)
    parent->children = node;
  if (next != NULL)
    next->prev = node;
  else if (parent != NULL)
    parent->last = node;
}

/**
 * clipper_html_move_before:
 *
 * Moves @node (from wherever it is) to just before @sibling. Unlike
 * xmlAddPrevSibling(), never merges and frees text nodes.
 */
void
clipper_html_move_before (xmlNode *node,
                          xmlNode *sibling)
{
  g_return_if_fail (node != sibling);

  xmlUnlinkNode (node);
  link_between (node, sibling->parent, sibling->prev, sibling);
}

/**
 * clipper_html_move_after:
 *
 * Moves @node to just after @sibling, never merging text nodes.
 */
void
clipper_html_move_after (xmlNode *node,
                         xmlNode *sibling)
{
  g_return_if_fail (node != sibling);

  xmlUnlinkNode (node);
  link_between (node, sibling->parent, sibling, sibling->next);
}

/**
 * clipper_html_append:
 *
 * Moves @node to the end of @parent's children, never merging text nodes.
 */
void
clipper_html_append (xmlNode *parent,
                     xmlNode *node)
{
  xmlUnlinkNode (node);
  link_between (node, parent, parent->last, NULL);
}

/**
 * clipper_html_strip_controls:
 * @text: (nullable) (inout): valid UTF-8, changed in place
 *
 * Removes C0 controls but tab and newline, DEL and the C1 controls
 * (U+0080–U+009F): in a title or byline they only ever come from a page
 * trying to drive the terminal that prints it. Returns @text.
 */
char *
clipper_html_strip_controls (char *text)
{
  char *out = text;

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p;)
    {
      guchar c = (guchar)*p;

      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
        p++;
      else if (c == 0xc2 && (guchar)p[1] >= 0x80 && (guchar)p[1] <= 0x9f)
        p += 2;
      else
        *out++ = *p++;
    }
  *out = '\0';
  return text;
}

htmlDocPtr
clipper_html_parse (const char *data,
                    gsize       length,
                    const char *encoding)
{
  g_autofree char *guessed = NULL;
  g_autofree char *repaired = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return htmlReadMemory ("<html><body></body></html>", 26, NULL, "UTF-8", PARSE_OPTIONS);

  if (encoding == NULL)
    encoding = guessed = clipper_input_sniff_charset (data, length);

  /* libxml2 gives up on the rest of a document at the first bad UTF-8
   * sequence; repairing first keeps every readable character. */
  if (g_ascii_strcasecmp (encoding, "utf-8") == 0 || g_ascii_strcasecmp (encoding, "utf8") == 0)
    {
      if (!clipper_input_is_valid_utf8 (data, length))
        {
          g_autofree char *copy = g_memdup2 (data, length);

          for (gsize i = 0; i < length; i++)
            if (copy[i] == '\0')
              copy[i] = ' ';
          repaired = g_utf8_make_valid (copy, length);
          data = repaired;
          length = strlen (repaired);
        }
      encoding = "UTF-8";
    }
  else
    {
      /* Decoded here, so a bad sequence costs one character, not the
       * rest of the page. */
      repaired = clipper_input_decode (data, length, encoding, NULL);
      data = repaired;
      length = strlen (repaired);
      encoding = "UTF-8";
    }

  if (length > G_MAXINT)
    length = G_MAXINT;

  return htmlReadMemory (data, (int)length, NULL, encoding, PARSE_OPTIONS);
}

/* Parses bytes known to be valid in @encoding, without repairs. */
htmlDocPtr
clipper_html_read (const char *data,
                   gsize       length,
                   const char *encoding)
{
  if (length == 0)
    return clipper_html_parse (data, 0, encoding);

  return htmlReadMemory (data, (int)MIN (length, G_MAXINT), NULL, encoding, PARSE_OPTIONS);
}

xmlNode *
clipper_html_get_body (htmlDocPtr doc)
{
  xmlNode *root;

  g_return_val_if_fail (doc != NULL, NULL);

  root = xmlDocGetRootElement (doc);
  if (root == NULL)
    return NULL;

  if (clipper_html_is_element (root, "body"))
    return root;

  for (xmlNode *child = root->children; child; child = child->next)
    if (clipper_html_is_element (child, "body"))
      return child;

  return root;
}

static xmlNode *
find_element (xmlNode    *node,
              const char *name)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (clipper_html_is_element (node, name))
        return node;
      if (node->children && (found = find_element (node->children, name)))
        return found;
    }

  return NULL;
}

char *
clipper_html_dup_title (htmlDocPtr doc)
{
  xmlNode *title;
  g_autofree xmlChar *content = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  title = find_element (xmlDocGetRootElement (doc), "title");
  if (title == NULL)
    return NULL;

  content = xmlNodeGetContent (title);
  if (content == NULL)
    return NULL;

  return clipper_text_collapse ((const char *)content);
}

char *
clipper_html_dup_lang (htmlDocPtr doc)
{
  xmlNode *root;
  g_autofree xmlChar *lang = NULL;

  g_return_val_if_fail (doc != NULL, NULL);

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !(lang = xmlGetProp (root, (const xmlChar *)"lang")))
    return NULL;

  return g_strstrip (g_strdup ((const char *)lang));
}

typedef struct
{
  GString  *out;
  int       pending_breaks;
  gboolean  pending_space;
} TextState;

static void
text_break (TextState *state,
            int        breaks)
{
  state->pending_breaks = MAX (state->pending_breaks, breaks);
  state->pending_space = FALSE;
}

static void
text_append (TextState  *state,
             const char *text,
             gboolean    preformatted)
{
  gsize length = strlen (text);
  gsize start = state->out->len;
  char *w;

  /* Written in place: the text, plus the separators before its first
   * character; every later space stands for white space in @text. */
  g_string_set_size (state->out, start + length + MAX (state->pending_breaks, 1));
  w = state->out->str + start;

  for (const char *p = text; *p; p++)
    {
      if (!preformatted && clipper_text_is_space (*p))
        {
          state->pending_space = TRUE;
          continue;
        }

      if (state->pending_breaks > 0 || state->pending_space)
        {
          if (w != state->out->str)
            {
              if (state->pending_breaks > 0)
                {
                  memset (w, '\n', state->pending_breaks);
                  w += state->pending_breaks;
                }
              else
                *w++ = ' ';
            }
          state->pending_breaks = 0;
          state->pending_space = FALSE;
        }
      *w++ = *p;
    }

  g_string_truncate (state->out, w - state->out->str);
}

static void
collect_text (TextState *state,
              xmlNode   *node,
              gboolean   preformatted)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          text_append (state, (const char *)node->content, preformatted);
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          gboolean block;

          if (name_in (node->name, hidden_elements, G_N_ELEMENTS (hidden_elements)))
            continue;

          if (clipper_html_is_element (node, "br"))
            {
              text_break (state, 1);
              continue;
            }

          block = name_in (node->name, block_elements, G_N_ELEMENTS (block_elements));
          if (block)
            text_break (state, clipper_html_is_element (node, "li") ||
                               clipper_html_is_element (node, "tr") ||
                               clipper_html_is_element (node, "td") ||
                               clipper_html_is_element (node, "th") ? 1 : 2);

          collect_text (state, node->children,
                        preformatted || clipper_html_is_element (node, "pre"));

          if (block)
            text_break (state, clipper_html_is_element (node, "li") ||
                               clipper_html_is_element (node, "td") ||
                               clipper_html_is_element (node, "th") ? 1 : 2);
        }
    }
}

/* Readable plain text: blocks become paragraphs, runs of white space one. */
char *
clipper_html_dup_text (xmlNode *node)
{
  TextState state = { g_string_new (NULL), 0, FALSE };

  if (node != NULL)
    collect_text (&state, node->children, FALSE);

  return g_string_free (state.out, FALSE);
}

char *
clipper_html_serialize_children (htmlDocPtr  doc,
                                 xmlNode    *node)
{
  xmlOutputBufferPtr out;
  GString *result;

  g_return_val_if_fail (doc != NULL, NULL);

  if (node == NULL)
    return g_strdup ("");

  out = xmlAllocOutputBuffer (NULL);
  for (xmlNode *child = node->children; child; child = child->next)
    htmlNodeDumpFormatOutput (out, doc, child, "UTF-8", 0);
  xmlOutputBufferFlush (out);

  result = g_string_new_len ((const char *)xmlOutputBufferGetContent (out),
                             xmlOutputBufferGetSize (out));
  xmlOutputBufferClose (out);

  return g_string_free (result, FALSE);
}

char *
clipper_html_escape (const char *text)
{
  return g_markup_escape_text (text ? text : "", -1);
}
