/* clipper-extract-cleaning.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cleaning: the page before scoring (scripts, styles, comments, <br>
 * runs, hidden parts) and the article after it (forms, tables, lists
 * and blocks that look like chrome rather than content).
 */

#define G_LOG_DOMAIN "clipper-extractor"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "clipper-extract-dom.h"
#include "clipper-extract-links.h"
#include "clipper-text.h"

#define SHARE_TEXT_THRESHOLD 500

static const char * const video_hosts[] = {
  "youtube.com", "youtube-nocookie.com", "player.vimeo.com", "v.qq.com", "archive.org",
  "upload.wikimedia.org", "player.twitch.tv", "dailymotion.com", NULL
};

static gboolean
has_data_table_ancestor (xmlNode *node)
{
  for (node = node->parent; node && node->type == XML_ELEMENT_NODE; node = node->parent)
    if (clipper_dom_is (node, "table") && node->_private && ((ClipperNodeInfo *)node->_private)->data_table)
      return TRUE;
  return FALSE;
}

/* Marks a table that holds data rather than layout. */
static void
mark_data_table (ClipperGrabber *grabber,
                 xmlNode        *node)
{
  const char *role;
  const char *datatable;
  gboolean data = FALSE;
  guint rows = 0;
  guint columns = 0;

    role = clipper_dom_get_attr (node, "role");
    datatable = clipper_dom_get_attr (node, "datatable");

    if (role && g_str_equal (role, "presentation"))
      data = FALSE;
    else if (datatable && g_str_equal (datatable, "0"))
      data = FALSE;
    else if (clipper_dom_get_attr (node, "summary"))
      data = TRUE;
    else
      {
        gboolean nested = FALSE;
        gboolean header = FALSE;

        for (xmlNode *child = clipper_dom_next (node, node, FALSE); child;
             child = clipper_dom_next (child, node, FALSE))
          {
            if (clipper_dom_is (child, "caption") && clipper_dom_first_element (child))
              header = TRUE;
            else if (clipper_dom_is (child, "col") || clipper_dom_is (child, "colgroup") || clipper_dom_is (child, "tfoot") ||
                     clipper_dom_is (child, "thead") || clipper_dom_is (child, "th"))
              header = TRUE;
            else if (clipper_dom_is (child, "table"))
              nested = TRUE;
            else if (clipper_dom_is (child, "tr"))
              {
                guint cells = 0;

                rows++;
                for (xmlNode *cell = child->children; cell; cell = cell->next)
                  if (clipper_dom_is (cell, "td") || clipper_dom_is (cell, "th"))
                    {
                      const char *span = clipper_dom_get_attr (cell, "colspan");

                      cells += span ? MAX (1, atoi (span)) : 1;
                    }
                columns = MAX (columns, cells);
              }
          }

        if (header)
          data = TRUE;
        else if (nested)
          data = FALSE;
        else
          data = rows >= 10 || columns > 4 || rows * columns > 10;
      }

  clipper_grabber_get_info (grabber, node)->data_table = data;
}

static gboolean
is_video_embed (xmlNode *node)
{
  if (!(clipper_dom_is (node, "object") || clipper_dom_is (node, "embed") || clipper_dom_is (node, "iframe")))
    return FALSE;

  for (xmlAttr *attr = node->properties; attr; attr = attr->next)
    if (attr->children && clipper_dom_contains_any ((const char *)attr->children->content, video_hosts))
      return TRUE;

  return FALSE;
}

typedef struct
{
  ClipperTextCount text;
  int       list_length;
  int       heading_length;
  double    link_length;
  int       textish_length;
  guint     p, img, li, input, embeds;
  gboolean  video;
} Stats;

/* Elements whose text counts as running text rather than stray words. */
static gboolean
is_textish (xmlNode *node)
{
  static const char * const names[] = { "span", "li", "td", "blockquote", "dl", "div",
                                        "img", "ol", "p", "pre", "table", "ul", NULL };

  return clipper_dom_is_one_of (node, names);
}

/* Everything the conditional cleaning weighs, in one walk of the subtree. */
static void
gather_stats (xmlNode  *node,
              Stats    *stats,
              double    link_coefficient,
              gboolean  in_list,
              gboolean  in_heading,
              gboolean  in_textish)
{
  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          int before = stats->text.length;
          int added;

          clipper_dom_count_text_node (&stats->text, child, TRUE);
          added = stats->text.length - before;
          stats->link_length += added * link_coefficient;
          if (in_list)
            stats->list_length += added;
          if (in_heading)
            stats->heading_length += added;
          if (in_textish)
            stats->textish_length += added;
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          double coefficient = link_coefficient;
          const char *name = (const char *)child->name;

          switch (name[0])
            {
            case 'p':
              stats->p += name[1] == '\0';
              break;
            case 'i':
              stats->img += g_str_equal (name, "img");
              stats->input += g_str_equal (name, "input");
              break;
            case 'l':
              stats->li += g_str_equal (name, "li");
              break;
            case 'a':
              if (name[1] == '\0' && link_coefficient == 0)
                {
                  const char *href = clipper_dom_get_attr (child, "href");

                  coefficient = href && href[0] == '#' ? 0.3 : 1;
                }
              break;
            default:
              break;
            }

          if (is_video_embed (child))
            stats->video = TRUE;
          else if (clipper_dom_is (child, "object") || clipper_dom_is (child, "embed") || clipper_dom_is (child, "iframe"))
            stats->embeds++;

          gather_stats (child, stats, coefficient,
                        in_list || clipper_dom_is (child, "ul") || clipper_dom_is (child, "ol"),
                        in_heading || clipper_dom_is_heading (child),
                        in_textish || is_textish (child));
        }
    }
}

/* The whole text of an advertisement slot or a loading indicator, in the
 * languages pages most often use for them. */
static gboolean
is_placeholder_text (const char *text)
{
  static const char * const ad_words[] = {
    "ad", "advertising", "advertisement", "pub", "publicité", "werb", "werbung", "广告",
    "реклама", "anuncio", NULL
  };
  static const char * const loading_words[] = {
    "loading", "正在加载", "загрузка", "chargement", "cargando", NULL
  };
  g_autofree char *folded = g_utf8_strdown (text, -1);
  gsize length = strlen (folded);

  if (g_strv_contains (ad_words, folded))
    return TRUE;

  if (g_str_has_suffix (folded, "…"))
    folded[length - strlen ("…")] = '\0';
  else if (g_str_has_suffix (folded, "..."))
    folded[length - 3] = '\0';
  return g_strv_contains (loading_words, folded);
}

static gboolean
should_remove_conditionally (ClipperGrabber *grabber,
                             xmlNode        *node,
                             const char     *tag)
{
  gboolean is_list = g_str_equal (tag, "ul") || g_str_equal (tag, "ol");
  Stats stats = { { 0 } };
  int weight;

  if (g_str_equal (tag, "table") && node->_private && ((ClipperNodeInfo *)node->_private)->data_table)
    return FALSE;
  if (has_data_table_ancestor (node) || clipper_dom_has_ancestor (node, "code", 0))
    return FALSE;

  weight = clipper_grabber_class_weight (grabber, node);
  if (weight < 0)
    return TRUE;

  gather_stats (node, &stats, 0, FALSE, FALSE, FALSE);

  if (!is_list)
    is_list = stats.text.length > 0 && (double)stats.list_length / stats.text.length > 0.9;

  if (stats.text.commas < 10)
    {
      int length = stats.text.length;
      double heading_density = length > 0 ? (double)stats.heading_length / length : 0;
      double density = length > 0 ? stats.link_length / length : 0;
      gboolean in_figure = clipper_dom_has_ancestor (node, "figure", 0);
      gboolean remove;

      if (stats.video)
        return FALSE;

      /* A block saying only "Advertisement" or "Loading…". */
      if (length > 0 && length < 32)
        {
          g_autofree char *text = clipper_dom_inner_text (node);

          if (is_placeholder_text (text))
            return TRUE;
        }

      /* A short block is dropped only when it is a link or holds one: a
       * short caption under an image is content. A block with no running
       * text (a heading whose list of links went, say) goes: a section
       * heading alone in a <div> became a paragraph while grabbing. */
      remove = (stats.img > 1 && (double)stats.p / stats.img < 0.5 && !in_figure) ||
               (!is_list && (int)stats.li - 100 > (int)stats.p) ||
               (stats.input > stats.p / 3) ||
               (!is_list && heading_density < 0.9 && length < 25 &&
                (stats.img == 0 || stats.img > 2) && !in_figure && density > 0) ||
               (!is_list && weight < 25 && density > 0.2) ||
               (weight >= 25 && density > 0.5) ||
               (stats.embeds == 1 && length < 75) || stats.embeds > 1 ||
               (stats.img == 0 && stats.textish_length == 0);

      /* Image galleries made of lists stay. */
      if (is_list && remove)
        {
          for (xmlNode *child = node->children; child; child = child->next)
            if (child->type == XML_ELEMENT_NODE && clipper_dom_count_elements (child) > 1)
              return remove;
          if (stats.img == stats.li)
            return FALSE;
        }

      return remove;
    }

  return FALSE;
}

/* Whether @node is still in @root's tree, not in a subtree taken out. */
static gboolean
is_under (xmlNode *node,
          xmlNode *root)
{
  for (node = node->parent; node != NULL; node = node->parent)
    if (node == root)
      return TRUE;
  return FALSE;
}

/* Judges @nodes (all named @tag, in document order). Those removed are
 * only unlinked, into @removed, so that later lists collected in the same
 * walk can tell the nodes inside them from live ones. */
static void
clean_conditionally (ClipperGrabber *grabber,
                     xmlNode        *root,
                     GPtrArray      *nodes,
                     const char     *tag,
                     GPtrArray      *removed)
{
  if (!(grabber->grab->flags & CLIPPER_GRAB_CLEAN_CONDITIONS))
    return;

  /* Backwards, so descendants are judged before their ancestors. */
  for (guint i = nodes->len; i > 0; i--)
    {
      xmlNode *node = g_ptr_array_index (nodes, i - 1);

      if (!is_under (node, root))
        continue;

      if (should_remove_conditionally (grabber, node, tag))
        {
          xmlUnlinkNode (node);
          g_ptr_array_add (removed, node);
        }
    }
}

/* An element named for sharing ("share", "share_bar", "sharedaddy")
 * with little text: share buttons, not part of the article. */
static gboolean
is_share_element (xmlNode *node)
{
  char buffer[256];
  const char *match = clipper_dom_match_string (node, buffer, sizeof buffer);
  const char *p = strstr (match, "share");

  /* "share" must stand as a word (or with underscores) */
  return p != NULL &&
         (p == match || !g_ascii_isalnum (p[-1]) || p[-1] == '_') &&
         (!g_ascii_isalnum (p[5]) || strncmp (p + 5, "daddy", 5) == 0) &&
         clipper_dom_text_length (node, TRUE) < SHARE_TEXT_THRESHOLD;
}

/* A link to nothing ("#") standing between blocks, with a word or two:
 * a control for the page's scripts ("Feedback", "Back to top"), which
 * does nothing in a clipping. */
static gboolean
is_dead_link_control (xmlNode *node)
{
  static const char * const containers[] = {
    "div", "section", "article", "main", "header", "footer", "aside", "nav", "body", NULL
  };
  const char *href;

  if (!clipper_dom_is (node, "a") || !clipper_dom_is_one_of (node->parent, containers))
    return FALSE;

  href = clipper_dom_get_attr (node, "href");
  return href != NULL && g_str_equal (href, "#") && clipper_dom_text_length (node, TRUE) < 25;
}

void
_clipper_extractor_clean_article (ClipperGrabber *grabber,
                                  xmlNode        *article)
{
  static const char * const junk[] = {
    "object", "embed", "footer", "link", "aside",
    "iframe", "input", "textarea", "select", "button", NULL
  };
  g_autoptr(GPtrArray) forms = g_ptr_array_new ();
  g_autoptr(GPtrArray) fieldsets = g_ptr_array_new ();
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GPtrArray) divs = g_ptr_array_new ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func ((GDestroyNotify)xmlFreeNode);
  xmlNode *node;

  /* Each walk of a large article costs as much as its text: the steps
   * that can share one walk do. First data tables, lazy images, and the
   * forms to judge. */
  for (node = clipper_dom_next (article, article, FALSE); node;
       node = clipper_dom_next (node, article, FALSE))
    {
      if (clipper_dom_is (node, "table"))
        mark_data_table (grabber, node);
      else if (clipper_dom_is (node, "img"))
        clipper_links_fix_lazy_image (node);
      else if (clipper_dom_is (node, "form"))
        g_ptr_array_add (forms, node);
      else if (clipper_dom_is (node, "fieldset"))
        g_ptr_array_add (fieldsets, node);
    }

  clean_conditionally (grabber, article, forms, "form", removed);
  clean_conditionally (grabber, article, fieldsets, "fieldset", removed);

  /* Then embeds, footers, asides and form controls, share buttons inside
   * the article's blocks, and headings that look like chrome, noting the
   * blocks to judge on the way. A node is collected only once it stays. */
  node = clipper_dom_next (article, article, FALSE);
  while (node != NULL)
    {
      if ((clipper_dom_is_one_of (node, junk) && !is_video_embed (node)) ||
          ((clipper_dom_is (node, "h1") || clipper_dom_is (node, "h2")) && clipper_grabber_class_weight (grabber, node) < 0) ||
          (node->parent != article && is_share_element (node)) || is_dead_link_control (node))
        {
          node = clipper_dom_remove_and_next (node, article);
          continue;
        }

      if (clipper_dom_is (node, "table"))
        g_ptr_array_add (tables, node);
      else if (clipper_dom_is (node, "ul"))
        g_ptr_array_add (lists, node);
      else if (clipper_dom_is (node, "div"))
        g_ptr_array_add (divs, node);
      node = clipper_dom_next (node, article, FALSE);
    }

  clean_conditionally (grabber, article, tables, "table", removed);
  clean_conditionally (grabber, article, lists, "ul", removed);
  clean_conditionally (grabber, article, divs, "div", removed);
  g_ptr_array_set_size (removed, 0);

  node = clipper_dom_next (article, article, FALSE);
  while (node != NULL)
    {
      if (clipper_dom_is (node, "h1"))
        clipper_dom_set_tag (node, "h2");

      /* Empty paragraphs go. */
      if (clipper_dom_is (node, "p") && !clipper_dom_has_text (node))
        {
          gboolean media = FALSE;

          for (xmlNode *child = clipper_dom_next (node, node, FALSE); child && !media;
               child = clipper_dom_next (child, node, FALSE))
            media = clipper_dom_is (child, "img") || clipper_dom_is (child, "embed") || clipper_dom_is (child, "object") ||
                    clipper_dom_is (child, "iframe");

          if (!media)
            {
              node = clipper_dom_remove_and_next (node, article);
              continue;
            }
        }

      /* A <br> right before a paragraph adds nothing. */
      if (clipper_dom_is (node, "br"))
        {
          xmlNode *next = node->next;

          while (next && next->type == XML_TEXT_NODE && clipper_dom_is_whitespace (next))
            next = next->next;
          if (clipper_dom_is (next, "p"))
            {
              node = clipper_dom_remove_and_next (node, article);
              continue;
            }
        }

      node = clipper_dom_next (node, article, FALSE);
    }
}

/* Drops what a browser would not show (hidden, display: none,
 * visibility: hidden, aria-hidden), below @root: for a page kept whole. */
void
_clipper_extractor_remove_hidden (xmlNode *root)
{
  xmlNode *node = clipper_dom_next (root, root, FALSE);

  while (node != NULL)
    {
      ClipperAttrs attrs;

      clipper_dom_read_attrs (node, &attrs);
      if (!clipper_dom_is_probably_visible (&attrs))
        node = clipper_dom_remove_and_next (node, root);
      else
        node = clipper_dom_next (node, root, FALSE);
    }
}

/* Removes scripts, styles and comments; turns <br><br> runs into
 * paragraphs and <font> into <span>. */
void
_clipper_extractor_prepare_doc (htmlDocPtr doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *node;

  if (root == NULL)
    return;

  node = root;
  while (node != NULL)
    {
      xmlNode *child = node->children;

      /* Comments in place, one level at a time below. */
      while (child != NULL)
        {
          xmlNode *next = child->next;

          if (child->type == XML_COMMENT_NODE)
            {
              xmlUnlinkNode (child);
              xmlFreeNode (child);
            }
          child = next;
        }

      if (clipper_dom_is (node, "script") || clipper_dom_is (node, "noscript") || clipper_dom_is (node, "style") ||
          clipper_dom_is (node, "template"))
        {
          node = clipper_dom_remove_and_next (node, root);
          continue;
        }

      if (clipper_dom_is (node, "font"))
        clipper_dom_set_tag (node, "span");

      if (clipper_dom_is (node, "br"))
        {
          xmlNode *next = node->next;
          gboolean replaced = FALSE;

          /* Skip white space to the next element; drop further <br>s. */
          while (next != NULL)
            {
              xmlNode *after;

              while (next && next->type != XML_ELEMENT_NODE && clipper_dom_is_whitespace (next))
                next = next->next;
              if (!clipper_dom_is (next, "br"))
                break;
              replaced = TRUE;
              after = next->next;
              xmlUnlinkNode (next);
              xmlFreeNode (next);
              next = after;
            }

          if (replaced)
            {
              xmlNode *p = xmlNewDocNode (doc, NULL, (const xmlChar *)"p", NULL);
              xmlNode *sibling;

              xmlAddPrevSibling (node, p);
              xmlUnlinkNode (node);
              xmlFreeNode (node);

              sibling = p->next;
              while (sibling != NULL)
                {
                  xmlNode *after;

                  if (clipper_dom_is (sibling, "br"))
                    {
                      xmlNode *look = sibling->next;

                      while (look && look->type != XML_ELEMENT_NODE && clipper_dom_is_whitespace (look))
                        look = look->next;
                      if (clipper_dom_is (look, "br"))
                        break;
                    }
                  if (!clipper_dom_is_phrasing (sibling))
                    break;

                  after = sibling->next;
                  clipper_html_append (p, sibling);
                  sibling = after;
                }

              while (p->last && clipper_dom_is_whitespace (p->last))
                {
                  xmlNode *last = p->last;

                  xmlUnlinkNode (last);
                  xmlFreeNode (last);
                }

              if (clipper_dom_is (p->parent, "p"))
                clipper_dom_set_tag (p->parent, "div");

              node = p;
            }
        }

      node = clipper_dom_next (node, root, FALSE);
    }
}
