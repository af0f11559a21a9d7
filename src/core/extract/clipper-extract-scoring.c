/* clipper-extract-scoring.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finding the article in a page, in the spirit of Mozilla's Readability:
 * paragraph and comma counts credited to ancestors, class and id hints,
 * link density, then the best candidate joined with its siblings.
 */

#define G_LOG_DOMAIN "clipper-extractor"

#include "config.h"

#include <math.h>
#include <string.h>

#include "clipper-extract-dom.h"
#include "clipper-text.h"

#define N_TOP_CANDIDATES     5
#define CHAR_THRESHOLD       500

static const char * const unlikely_candidates[] = {
  "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
  "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark",
  "replies", "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
  "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
  /* Dialogs over the page: "make us your homepage", newsletters, consent */
  "dialog", "modal", NULL
};

static const char * const maybe_candidate[] = {
  "and", "article", "body", "column", "content", "main", "mathjax", "shadow", NULL
};

static const char * const byline_hints[] = {
  "byline", "author", "dateline", "writtenby", "p-author", NULL
};

static const char * const unlikely_roles[] = {
  "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", NULL
};

static const char * const div_to_p_elements[] = {
  "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", NULL
};

/* Text and link text lengths of every scored node in one pass; white
 * space is counted per text node, close enough for densities. */
static void
measure (xmlNode  *node,
         gboolean  in_link,
         int      *text_out,
         double   *link_out)
{
  int length = 0;
  double link = 0;

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          length += clipper_dom_text_length (child, TRUE);
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          gboolean is_link = strcmp ((const char *)child->name, "a") == 0;
          int child_length;
          double child_link;

          measure (child, in_link || is_link, &child_length, &child_link);
          length += child_length;
          if (is_link && !in_link)
            {
              const char *href = clipper_dom_get_attr (child, "href");

              link += child_length * (href && href[0] == '#' ? 0.3 : 1);
            }
          else
            link += child_link;
        }
    }

  if (node->_private)
    {
      ClipperNodeInfo *info = node->_private;

      info->text_length = length;
      info->link_length = link;
      info->measured = TRUE;
    }

  *text_out = length;
  *link_out = link;
}

static void
initialize_node (ClipperGrabber *grabber,
                 xmlNode        *node)
{
  ClipperNodeInfo *info = clipper_grabber_get_info (grabber, node);
  const char *name = (const char *)node->name;

  info->scored = TRUE;
  info->score = 0;

  if (g_str_equal (name, "div"))
    info->score += 5;
  else if (g_str_equal (name, "pre") || g_str_equal (name, "td") || g_str_equal (name, "blockquote"))
    info->score += 3;
  else if (g_str_equal (name, "address") || g_str_equal (name, "ol") || g_str_equal (name, "ul") ||
           g_str_equal (name, "dl") || g_str_equal (name, "dd") || g_str_equal (name, "dt") ||
           g_str_equal (name, "li") || g_str_equal (name, "form"))
    info->score -= 3;
  else if (clipper_dom_is_heading (node) || g_str_equal (name, "th"))
    info->score -= 5;

  info->score += clipper_grabber_class_weight (grabber, node);
}

static gboolean
is_scored (xmlNode *node)
{
  return node->_private != NULL && ((ClipperNodeInfo *)node->_private)->scored;
}

static double
score_of (xmlNode *node)
{
  return ((ClipperNodeInfo *)node->_private)->score;
}

static gboolean
has_child_block (xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE &&
        (clipper_dom_is_one_of (child, div_to_p_elements) || has_child_block (child)))
      return TRUE;
  return FALSE;
}

static gboolean
has_single_p (xmlNode *node)
{
  xmlNode *only = NULL;

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        {
          if (only != NULL || !clipper_dom_is (child, "p"))
            return FALSE;
          only = child;
        }
      else if (child->type == XML_TEXT_NODE && !clipper_dom_is_whitespace (child))
        return FALSE;
    }

  return only != NULL;
}

static void
tokenize_words (const char *text,
                GPtrArray  *tokens)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  const char *p = lower;

  while (*p)
    {
      const char *start;

      while (*p && !(g_unichar_isalnum (g_utf8_get_char (p)) || *p == '_'))
        p = g_utf8_next_char (p);
      start = p;
      while (*p && (g_unichar_isalnum (g_utf8_get_char (p)) || *p == '_'))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (tokens, g_strndup (start, p - start));
    }
}

static double
text_similarity (const char *a,
                 const char *b)
{
  g_autoptr(GPtrArray) tokens_a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tokens_b = g_ptr_array_new_with_free_func (g_free);
  gsize length_b = 0;
  gsize length_unique = 0;

  tokenize_words (a, tokens_a);
  tokenize_words (b, tokens_b);
  if (tokens_a->len == 0 || tokens_b->len == 0)
    return 0;

  for (guint i = 0; i < tokens_b->len; i++)
    {
      const char *token = g_ptr_array_index (tokens_b, i);
      gboolean found = FALSE;

      length_b += strlen (token) + (i > 0);
      for (guint j = 0; j < tokens_a->len && !found; j++)
        found = g_str_equal (token, g_ptr_array_index (tokens_a, j));
      if (!found)
        length_unique += strlen (token) + (length_unique > 0);
    }

  return 1.0 - (double)length_unique / length_b;
}

static gboolean
check_byline (ClipperGrabber     *grabber,
              xmlNode            *node,
              const ClipperAttrs *attrs,
              const char         *match)
{
  const char *rel;
  const char *itemprop;
  g_autofree char *text = NULL;
  g_autofree xmlChar *raw = NULL;
  glong length;

  if (grabber->grab->byline != NULL)
    return FALSE;

  rel = attrs->rel;
  itemprop = attrs->itemprop;

  if (!((rel && g_str_equal (rel, "author")) ||
        (itemprop && strstr (itemprop, "author")) ||
        clipper_dom_contains_any (match, byline_hints)))
    return FALSE;

  /* Measured before collapsing white space, as other readers do: an
   * element whose text is spread over many lines is a block, not a byline. */
  raw = xmlNodeGetContent (node);
  length = g_utf8_strlen (g_strstrip ((char *)raw), -1);
  if (length == 0 || length >= 100)
    return FALSE;

  text = clipper_dom_inner_text (node);
  grabber->grab->byline = g_steal_pointer (&text);
  return TRUE;
}

/* Runs of phrasing content directly in a <div> become paragraphs. */
static void
wrap_phrasing (xmlNode *div)
{
  xmlNode *p = NULL;
  xmlNode *child = div->children;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (clipper_dom_is_phrasing (child))
        {
          if (p != NULL)
            clipper_html_append (p, child);
          else if (!clipper_dom_is_whitespace (child))
            {
              p = xmlNewDocNode (div->doc, NULL, (const xmlChar *)"p", NULL);
              xmlAddPrevSibling (child, p);
              clipper_html_append (p, child);
            }
        }
      else if (p != NULL)
        {
          while (p->last && clipper_dom_is_whitespace (p->last))
            {
              xmlNode *last = p->last;

              xmlUnlinkNode (last);
              xmlFreeNode (last);
            }
          p = NULL;
        }

      child = next;
    }
}

static void
get_ancestors (xmlNode   *node,
               int        max_depth,
               GPtrArray *out)
{
  int depth = 0;

  for (node = node->parent; node && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      g_ptr_array_add (out, node);
      if (max_depth > 0 && ++depth == max_depth)
        break;
    }
}

static void
score_element (ClipperGrabber *grabber,
               xmlNode        *element)
{
  g_autoptr(GPtrArray) ancestors = NULL;
  ClipperTextCount count = { 0 };
  double content_score;

  if (element->parent == NULL || element->parent->type != XML_ELEMENT_NODE)
    return;

  clipper_dom_count_text (element, &count, TRUE);
  if (count.length < 25)
    return;

  ancestors = g_ptr_array_sized_new (5);
  get_ancestors (element, 5, ancestors);
  if (ancestors->len == 0)
    return;

  content_score = 1 + (count.commas + 1) + MIN (count.length / 100, 3);

  for (guint level = 0; level < ancestors->len; level++)
    {
      xmlNode *ancestor = g_ptr_array_index (ancestors, level);
      double divider;

      if (ancestor->parent == NULL || ancestor->parent->type != XML_ELEMENT_NODE)
        continue;

      if (!is_scored (ancestor))
        {
          initialize_node (grabber, ancestor);
          g_ptr_array_add (grabber->candidates, ancestor);
        }

      divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
      clipper_grabber_get_info (grabber, ancestor)->score += content_score / divider;
    }
}

static void
grabber_clear (ClipperGrabber *grabber)
{
  for (guint i = 0; i < grabber->infos->len; i++)
    {
      /* The nodes may be gone; only the infos are ours. */
      g_free (g_ptr_array_index (grabber->infos, i));
    }
  g_ptr_array_unref (grabber->infos);
  g_ptr_array_unref (grabber->candidates);
}

static void
clear_private (xmlNode *node)
{
  for (; node; node = node->next)
    {
      node->_private = NULL;
      if (node->type == XML_ELEMENT_NODE && node->children)
        clear_private (node->children);
    }
}

/**
 * _clipper_extractor_grab:
 *
 * Finds the article in @doc's body. Returns a new <div> (not in the
 * document) holding the article's nodes, moved out of @doc, or %NULL when
 * the page has no body.
 */
xmlNode *
_clipper_extractor_grab (htmlDocPtr   doc,
                         ClipperGrab *grab)
{
  g_autoptr(GPtrArray) to_score = g_ptr_array_new ();
  g_autoptr(GPtrArray) top = g_ptr_array_new ();
  ClipperGrabber grabber = { grab, g_ptr_array_new (), g_ptr_array_new () };
  xmlNode *body = clipper_html_get_body (doc);
  xmlNode *node;
  xmlNode *top_candidate = NULL;
  xmlNode *parent;
  xmlNode *article;
  gboolean strip_unlikely = (grab->flags & CLIPPER_GRAB_STRIP_UNLIKELY) != 0;
  gboolean should_remove_title_header = TRUE;
  double threshold;

  if (body == NULL)
    {
      grabber_clear (&grabber);
      return NULL;
    }

  node = body;
  while (node != NULL)
    {
      char buffer[256];
      const char *match;
      const char *role;
      ClipperAttrs attrs;

      if (clipper_dom_is (node, "html"))
        {
          node = clipper_dom_next (node, body, FALSE);
          continue;
        }

      clipper_dom_read_attrs (node, &attrs);
      match = clipper_dom_attrs_match_string (&attrs, buffer, sizeof buffer);

      /* The body itself always stays: a page that hides it (to show it
       * from a script) still has its content there. */
      if (node != body && !clipper_dom_is_probably_visible (&attrs))
        {
          node = clipper_dom_remove_and_next (node, body);
          continue;
        }

      if (node != body && attrs.aria_modal && g_str_equal (attrs.aria_modal, "true") &&
          attrs.role && g_str_equal (attrs.role, "dialog"))
        {
          node = clipper_dom_remove_and_next (node, body);
          continue;
        }

      if (node != body && check_byline (&grabber, node, &attrs, match))
        {
          node = clipper_dom_remove_and_next (node, body);
          continue;
        }

      if (should_remove_title_header && grab->title && (clipper_dom_is (node, "h1") || clipper_dom_is (node, "h2")))
        {
          g_autofree char *heading = clipper_dom_inner_text (node);

          if (text_similarity (grab->title, heading) > 0.75)
            {
              should_remove_title_header = FALSE;
              node = clipper_dom_remove_and_next (node, body);
              continue;
            }
        }

      if (strip_unlikely && node != body)
        {
          if (clipper_dom_contains_any (match, unlikely_candidates) &&
              !clipper_dom_contains_any (match, maybe_candidate) &&
              !clipper_dom_has_ancestor (node, "table", 0) && !clipper_dom_has_ancestor (node, "code", 0) &&
              !clipper_dom_is (node, "a"))
            {
              node = clipper_dom_remove_and_next (node, body);
              continue;
            }

          role = attrs.role;
          if (role != NULL)
            {
              gboolean unlikely = FALSE;

              for (guint i = 0; unlikely_roles[i] && !unlikely; i++)
                unlikely = g_str_equal (role, unlikely_roles[i]);
              if (unlikely)
                {
                  node = clipper_dom_remove_and_next (node, body);
                  continue;
                }
            }
        }

      if ((clipper_dom_is (node, "div") || clipper_dom_is (node, "section") || clipper_dom_is (node, "header") || clipper_dom_is_heading (node)) &&
          node != body && clipper_dom_is_without_content (node))
        {
          node = clipper_dom_remove_and_next (node, body);
          continue;
        }

      if (clipper_dom_is (node, "section") || clipper_dom_is (node, "p") || clipper_dom_is (node, "td") || clipper_dom_is (node, "pre") ||
          (clipper_dom_is_heading (node) && !clipper_dom_is (node, "h1")))
        g_ptr_array_add (to_score, node);

      if (clipper_dom_is (node, "div"))
        {
          wrap_phrasing (node);

          if (has_single_p (node) && clipper_dom_link_density (node) < 0.25)
            {
              xmlNode *p = clipper_dom_first_element (node);

              xmlUnlinkNode (p);
              xmlReplaceNode (node, p);
              xmlFreeNode (node);
              node = p;
              g_ptr_array_add (to_score, node);
            }
          else if (!has_child_block (node))
            {
              clipper_dom_set_tag (node, "p");
              g_ptr_array_add (to_score, node);
            }
        }

      node = clipper_dom_next (node, body, FALSE);
    }

  for (guint i = 0; i < to_score->len; i++)
    score_element (&grabber, g_ptr_array_index (to_score, i));

  /* Scale by link density and keep the best few. */
  {
    int length;
    double link;

    measure (body, FALSE, &length, &link);
  }
  for (guint i = 0; i < grabber.candidates->len; i++)
    {
      xmlNode *candidate = g_ptr_array_index (grabber.candidates, i);
      ClipperNodeInfo *info = clipper_grabber_get_info (&grabber, candidate);
      guint position;

      if (info->measured && info->text_length > 0)
        info->score *= 1 - info->link_length / info->text_length;

      for (position = 0; position < top->len; position++)
        if (info->score > score_of (g_ptr_array_index (top, position)))
          break;
      if (position < N_TOP_CANDIDATES)
        {
          g_ptr_array_insert (top, position, candidate);
          if (top->len > N_TOP_CANDIDATES)
            g_ptr_array_set_size (top, N_TOP_CANDIDATES);
        }
    }

  top_candidate = top->len > 0 ? g_ptr_array_index (top, 0) : NULL;

  if (top_candidate == NULL || top_candidate == body || clipper_dom_is (top_candidate, "body"))
    {
      xmlNode *div = xmlNewDocNode (doc, NULL, (const xmlChar *)"div", NULL);

      while (body->children)
        {
          xmlNode *child = body->children;

          clipper_html_append (div, child);
        }
      xmlAddChild (body, div);
      initialize_node (&grabber, div);
      top_candidate = div;
      grab->whole_body = TRUE;
    }
  else
    {
      g_autoptr(GPtrArray) alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
      double last_score;
      double score_threshold;

      for (guint i = 1; i < top->len; i++)
        if (score_of (g_ptr_array_index (top, i)) / score_of (top_candidate) >= 0.75)
          {
            GPtrArray *ancestors = g_ptr_array_new ();

            get_ancestors (g_ptr_array_index (top, i), 0, ancestors);
            g_ptr_array_add (alternatives, ancestors);
          }

      if (alternatives->len >= 3)
        {
          for (parent = top_candidate->parent; parent && parent != body && !clipper_dom_is (parent, "body");
               parent = parent->parent)
            {
              guint lists = 0;

              for (guint i = 0; i < alternatives->len && lists < 3; i++)
                {
                  GPtrArray *ancestors = g_ptr_array_index (alternatives, i);

                  for (guint j = 0; j < ancestors->len; j++)
                    if (g_ptr_array_index (ancestors, j) == parent)
                      {
                        lists++;
                        break;
                      }
                }

              if (lists >= 3)
                {
                  top_candidate = parent;
                  break;
                }
            }
        }

      if (!is_scored (top_candidate))
        initialize_node (&grabber, top_candidate);

      /* Climb while the parents score better: the article may be split
       * into several scored children. */
      last_score = score_of (top_candidate);
      score_threshold = last_score / 3;
      /* Never up to the body itself, whatever it is called (a page
       * without <body> has another element in its place). */
      for (parent = top_candidate->parent;
           parent && parent != body && parent->type == XML_ELEMENT_NODE && !clipper_dom_is (parent, "body");
           parent = parent->parent)
        {
          double parent_score;

          if (!is_scored (parent))
            continue;

          parent_score = score_of (parent);
          if (parent_score < score_threshold)
            break;
          if (parent_score > last_score)
            {
              top_candidate = parent;
              break;
            }
          last_score = parent_score;
        }

      for (parent = top_candidate->parent;
           parent && parent != body && parent->type == XML_ELEMENT_NODE && !clipper_dom_is (parent, "body") &&
           clipper_dom_count_elements (parent) == 1;
           parent = top_candidate->parent)
        top_candidate = parent;

      if (!is_scored (top_candidate))
        initialize_node (&grabber, top_candidate);
    }

  /* The text direction of the article or its ancestors. */
  g_clear_pointer (&grab->dir, g_free);
  for (xmlNode *up = top_candidate; up && up->type == XML_ELEMENT_NODE; up = up->parent)
    {
      const char *dir = clipper_dom_get_attr (up, "dir");

      if (dir && dir[0])
        {
          grab->dir = g_ascii_strdown (dir, -1);
          break;
        }
    }

  /* Siblings that look like part of the article join it. */
  article = xmlNewDocNode (doc, NULL, (const xmlChar *)"div", NULL);
  threshold = MAX (10, score_of (top_candidate) * 0.2);
  parent = top_candidate->parent;

  {
    const char *top_class = clipper_dom_get_attr (top_candidate, "class");
    xmlNode *sibling = clipper_dom_first_element (parent);

    while (sibling != NULL)
      {
        xmlNode *next = clipper_dom_next_element (sibling);
        gboolean append = FALSE;

        if (sibling == top_candidate)
          append = TRUE;
        else
          {
            double bonus = 0;
            const char *klass = clipper_dom_get_attr (sibling, "class");

            if (top_class && top_class[0] && klass && g_str_equal (klass, top_class))
              bonus = score_of (top_candidate) * 0.2;

            if (is_scored (sibling) && score_of (sibling) + bonus >= threshold)
              append = TRUE;
            else if (clipper_dom_is (sibling, "p"))
              {
                double density = clipper_dom_link_density (sibling);
                g_autofree char *text = clipper_dom_inner_text (sibling);
                glong length = g_utf8_strlen (text, -1);

                if (length > 80 && density < 0.25)
                  append = TRUE;
                else if (length < 80 && length > 0 && density == 0 &&
                         (strstr (text, ". ") || g_str_has_suffix (text, ".")))
                  append = TRUE;
              }
          }

        if (append)
          {
            if (!clipper_dom_is (sibling, "div") && !clipper_dom_is (sibling, "article") && !clipper_dom_is (sibling, "section") &&
                !clipper_dom_is (sibling, "p"))
              clipper_dom_set_tag (sibling, "div");
            xmlUnlinkNode (sibling);
            xmlAddChild (article, sibling);
          }

        sibling = next;
      }
  }

  _clipper_extractor_clean_article (&grabber, article);
  grab->text_length = clipper_dom_text_length (article, TRUE);

  clear_private (article);
  clear_private (body);
  grabber_clear (&grabber);

  return article;
}
