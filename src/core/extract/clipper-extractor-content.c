/* clipper-extractor-content.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finding the article in a page: scoring in the spirit of Mozilla's
 * Readability (paragraph and comma counts credited to ancestors, class and
 * id hints, link density, sibling merging), then cleaning what was kept.
 */

#define G_LOG_DOMAIN "clipper-extractor"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-extractor-private.h"
#include "clipper-text.h"

typedef struct
{
  double   score;
  int      text_length;
  double   link_length;
  guint    scored : 1;
  guint    data_table : 1;
  guint    measured : 1;
} NodeInfo;

typedef struct
{
  ClipperGrab *grab;
  GPtrArray   *infos;
  GPtrArray   *candidates;
} Grabber;

#define N_TOP_CANDIDATES     5
#define CHAR_THRESHOLD       500
#define SHARE_TEXT_THRESHOLD 500

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

static const char * const positive_hints[] = {
  "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
  "post", "text", "blog", "story", NULL
};

static const char * const negative_hints[] = {
  "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
  "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
  "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", NULL
};

static const char * const byline_hints[] = {
  "byline", "author", "dateline", "writtenby", "p-author", NULL
};

static const char * const unlikely_roles[] = {
  "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", NULL
};

static const char * const phrasing_elements[] = {
  "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em",
  "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object",
  "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
  "sub", "sup", "textarea", "time", "var", "wbr", NULL
};

static const char * const div_to_p_elements[] = {
  "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", NULL
};

static const char * const video_hosts[] = {
  "youtube.com", "youtube-nocookie.com", "player.vimeo.com", "v.qq.com", "archive.org",
  "upload.wikimedia.org", "player.twitch.tv", "dailymotion.com", NULL
};

/* Comparing the first letter first skips most string comparisons. */
static inline gboolean
is (xmlNode    *node,
    const char *name)
{
  const char *node_name;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  node_name = (const char *)node->name;
  return node_name[0] == name[0] && strcmp (node_name, name) == 0;
}

static gboolean
is_one_of (xmlNode            *node,
           const char * const *names)
{
  const char *node_name;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  node_name = (const char *)node->name;
  for (guint i = 0; names[i]; i++)
    if (node_name[0] == names[i][0] && strcmp (node_name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
is_heading (xmlNode *node)
{
  const char *name;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  name = (const char *)node->name;
  return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0';
}

static const char *
get_attr (xmlNode    *node,
          const char *name)
{
  for (xmlAttr *attr = node->properties; attr; attr = attr->next)
    if (strcmp ((const char *)attr->name, name) == 0)
      return attr->children && attr->children->type == XML_TEXT_NODE
             ? (const char *)attr->children->content : "";
  return NULL;
}

/* Whether any needle occurs in @haystack, in one pass over it. The
 * bitmap of the needles' first letters is built once per list. */
typedef struct
{
  guint64 firsts[4];
  gsize   lengths[40];
} NeedleIndex;

static const NeedleIndex *
needle_index (const char * const *needles)
{
  static GHashTable *indexes;
  static GMutex mutex;
  NeedleIndex *index;

  g_mutex_lock (&mutex);
  if (indexes == NULL)
    indexes = g_hash_table_new (NULL, NULL);

  index = g_hash_table_lookup (indexes, needles);
  if (index == NULL)
    {
      index = g_new0 (NeedleIndex, 1);
      for (guint i = 0; needles[i]; i++)
        {
          guchar c = needles[i][0];

          g_assert (i < G_N_ELEMENTS (index->lengths));
          index->firsts[c >> 6] |= G_GUINT64_CONSTANT (1) << (c & 63);
          index->lengths[i] = strlen (needles[i]);
        }
      g_hash_table_insert (indexes, (gpointer)needles, index);
    }
  g_mutex_unlock (&mutex);

  return index;
}

static gboolean
contains_any (const char         *haystack,
              const char * const *needles)
{
  const NeedleIndex *index;

  if (haystack[0] == '\0' || (haystack[0] == ' ' && haystack[1] == '\0'))
    return FALSE;

  index = needle_index (needles);
  for (const char *p = haystack; *p; p++)
    {
      guchar c = *p;

      if (!(index->firsts[c >> 6] & (G_GUINT64_CONSTANT (1) << (c & 63))))
        continue;

      for (guint i = 0; needles[i]; i++)
        if (needles[i][0] == *p && strncmp (p, needles[i], index->lengths[i]) == 0)
          return TRUE;
    }

  return FALSE;
}

/* class and id, lower-cased, into @buffer (cut at its size). */
static const char *
match_string (xmlNode *node,
              char    *buffer,
              gsize    size)
{
  const char *klass = get_attr (node, "class");
  const char *id = get_attr (node, "id");
  gsize n = 0;

  for (const char *p = klass; p && *p && n < size - 2; p++)
    buffer[n++] = g_ascii_tolower (*p);
  buffer[n++] = ' ';
  for (const char *p = id; p && *p && n < size - 1; p++)
    buffer[n++] = g_ascii_tolower (*p);
  buffer[n] = '\0';

  return buffer;
}

static gboolean
has_word (const char *text,
          const char *word)
{
  gsize length = strlen (word);

  for (const char *p = strstr (text, word); p; p = strstr (p + 1, word))
    if ((p == text || p[-1] == ' ') && (p[length] == ' ' || p[length] == '\0'))
      return TRUE;
  return FALSE;
}

/* The attributes the main walk looks at, found in one pass. */
typedef struct
{
  const char *klass;
  const char *id;
  const char *style;
  const char *aria_hidden;
  const char *aria_modal;
  const char *role;
  const char *rel;
  const char *itemprop;
  gboolean    hidden;
} Attrs;

static void
read_attrs (xmlNode *node,
            Attrs   *attrs)
{
  memset (attrs, 0, sizeof *attrs);

  for (xmlAttr *attr = node->properties; attr; attr = attr->next)
    {
      const char *name = (const char *)attr->name;
      const char *value = attr->children && attr->children->type == XML_TEXT_NODE
                          ? (const char *)attr->children->content : "";

      switch (name[0])
        {
        case 'c':
          if (g_str_equal (name, "class"))
            attrs->klass = value;
          break;
        case 'i':
          if (g_str_equal (name, "id"))
            attrs->id = value;
          else if (g_str_equal (name, "itemprop"))
            attrs->itemprop = value;
          break;
        case 's':
          if (g_str_equal (name, "style"))
            attrs->style = value;
          break;
        case 'a':
          if (g_str_equal (name, "aria-hidden"))
            attrs->aria_hidden = value;
          else if (g_str_equal (name, "aria-modal"))
            attrs->aria_modal = value;
          break;
        case 'r':
          if (g_str_equal (name, "role"))
            attrs->role = value;
          else if (g_str_equal (name, "rel"))
            attrs->rel = value;
          break;
        case 'h':
          if (g_str_equal (name, "hidden"))
            attrs->hidden = TRUE;
          break;
        default:
          break;
        }
    }
}

static const char *
attrs_match_string (const Attrs *attrs,
                    char        *buffer,
                    gsize        size)
{
  gsize n = 0;

  for (const char *p = attrs->klass; p && *p && n < size - 2; p++)
    buffer[n++] = g_ascii_tolower (*p);
  buffer[n++] = ' ';
  for (const char *p = attrs->id; p && *p && n < size - 1; p++)
    buffer[n++] = g_ascii_tolower (*p);
  buffer[n] = '\0';

  return buffer;
}

static NodeInfo *
get_info (Grabber *grabber,
          xmlNode *node)
{
  if (node->_private == NULL)
    {
      NodeInfo *info = g_new0 (NodeInfo, 1);

      g_ptr_array_add (grabber->infos, info);
      node->_private = info;
    }

  return node->_private;
}

static xmlNode *
first_element_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return child;
  return NULL;
}

static xmlNode *
next_element (xmlNode *node)
{
  for (node = node->next; node; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      return node;
  return NULL;
}

static guint
count_element_children (xmlNode *node)
{
  guint n = 0;

  for (xmlNode *child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      n++;
  return n;
}

/* Depth-first order over elements, as Readability walks the page. */
static xmlNode *
get_next_node (xmlNode  *node,
               xmlNode  *root,
               gboolean  skip_children)
{
  xmlNode *next;

  if (!skip_children && (next = first_element_child (node)))
    return next;

  while (node != NULL && node != root)
    {
      if ((next = next_element (node)))
        return next;
      node = node->parent;
    }

  return NULL;
}

/* Like get_next_node(), over every kind of node. */
static xmlNode *
get_next_node_any (xmlNode *node,
                   xmlNode *root)
{
  if (node->children && (node->type == XML_ELEMENT_NODE || node == root))
    return node->children;

  while (node != NULL && node != root)
    {
      if (node->next)
        return node->next;
      node = node->parent;
    }

  return NULL;
}

static xmlNode *
remove_and_get_next (xmlNode *node,
                     xmlNode *root)
{
  xmlNode *next = get_next_node (node, root, TRUE);

  xmlUnlinkNode (node);
  xmlFreeNode (node);
  return next;
}

typedef struct
{
  int      length;
  int      commas;
  gboolean pending_space;
  gboolean started;
} TextCount;

static inline guint
space_bit (guchar c)
{
  return (c == ' ') | (c == '\n') | (c == '\t') | (c == '\r') | (c == '\f');
}

/* ، ﹐ ︐ ︑ ⹁ ⸴ ⸲ ， */
static guint
count_wide_commas (const guchar *p)
{
  guint commas = 0;

  for (; *p; p++)
    if (*p >= 0xd8 &&
        ((p[0] == 0xd8 && p[1] == 0x8c) ||
         (p[0] == 0xef && p[1] == 0xb9 && p[2] == 0x90) ||
         (p[0] == 0xef && p[1] == 0xb8 && (p[2] == 0x90 || p[2] == 0x91)) ||
         (p[0] == 0xe2 && p[1] == 0xb9 && p[2] == 0x81) ||
         (p[0] == 0xe2 && p[1] == 0xb8 && (p[2] == 0xb4 || p[2] == 0xb2)) ||
         (p[0] == 0xef && p[1] == 0xbc && p[2] == 0x8c)))
      commas++;
  return commas;
}

#define BYTES(c) (G_GUINT64_CONSTANT (0x0101010101010101) * (c))

/* 0x80 in each byte of @word equal to @c's byte, 0 elsewhere. */
static inline guint64
bytes_equal (guint64 word,
             guint64 pattern)
{
  guint64 t = word ^ pattern;

  return ~(((t & BYTES (0x7f)) + BYTES (0x7f)) | t | BYTES (0x7f));
}

/* How many bytes of @mask (0x80 or 0 each) are set. */
static inline guint
bytes_set (guint64 mask)
{
  return (guint)(((mask >> 7) * BYTES (1)) >> 56);
}

/* Characters as a browser's innerText would show them: each run of white
 * space one character, none before the first text. This runs over every
 * page's whole text, so it goes eight bytes at a time. */
static void
count_chars (TextCount  *count,
             const char *text)
{
  const guchar *p = (const guchar *)text;
  guint chars = 1, gaps = 0, commas, high;
  guint64 high_bits = 0;
  gsize n, i = 1;

  while (*p && (clipper_text_is_space (*p) || (*p & 0xc0) == 0x80))
    {
      count->pending_space |= clipper_text_is_space (*p);
      p++;
    }
  if (*p == '\0')
    return;

  if (count->pending_space && count->started)
    count->length++;
  count->started = TRUE;

  n = strlen ((const char *)p);
  commas = p[0] == ',';
  high = p[0];

#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  for (; i + 8 <= n; i += 8)
    {
      guint64 word, space, previous, visible;

      memcpy (&word, p + i, 8);
      space = bytes_equal (word, BYTES (' ')) | bytes_equal (word, BYTES ('\n')) |
              bytes_equal (word, BYTES ('\t')) | bytes_equal (word, BYTES ('\r')) |
              bytes_equal (word, BYTES ('\f'));
      /* Neither white space nor a UTF-8 continuation byte. */
      visible = ~(space | bytes_equal (word & BYTES (0xc0), BYTES (0x80))) & BYTES (0x80);
      /* Each byte's predecessor was white space. */
      previous = (space << 8) | (space_bit (p[i - 1]) ? 0x80 : 0);

      chars += bytes_set (visible);
      gaps += bytes_set (visible & previous);
      commas += bytes_set (bytes_equal (word, BYTES (',')));
      high_bits |= word;
    }
#endif

  for (; i < n; i++)
    {
      guint c = p[i];
      guint visible = ((c & 0xc0) != 0x80) & !space_bit (c);

      chars += visible;
      gaps += visible & space_bit (p[i - 1]);
      commas += c == ',';
      high |= c;
    }

  count->length += chars + gaps;
  count->commas += commas;
  count->pending_space = clipper_text_is_space (p[n - 1]);
  if ((high & 0x80) || (high_bits & BYTES (0x80)))
    count->commas += count_wide_commas (p);
}

/* Grabbing counts the same text nodes many times over (scores, link
 * densities, each enclosing block's statistics), and their text does not
 * change meanwhile: each node's count is kept in its _private pointer,
 * packed, so that counting a subtree costs a walk of its nodes rather than
 * of its bytes. Bit 63 marks a count; 0–30 the length; 31–54 the commas;
 * 55 text other than white space; 56 white space at the end; 57 at the
 * start. Larger counts are not kept. */
#define PACKED_VALID    (G_GUINT64_CONSTANT (1) << 63)
#define PACKED_STARTED  (G_GUINT64_CONSTANT (1) << 55)
#define PACKED_TRAILING (G_GUINT64_CONSTANT (1) << 56)
#define PACKED_LEADING  (G_GUINT64_CONSTANT (1) << 57)

static void
count_text_node (TextCount *count,
                 xmlNode   *text,
                 gboolean   cached)
{
  const char *content = (const char *)text->content;
  guint64 packed = 0;
  TextCount own = { 0 };
  gboolean leading;

  if (content == NULL)
    return;

  if (cached && sizeof (gpointer) == sizeof (guint64))
    packed = (guint64)(guintptr)text->_private;

  if (packed & PACKED_VALID)
    {
      own.length = packed & 0x7fffffff;
      own.commas = (packed >> 31) & 0xffffff;
      own.started = (packed & PACKED_STARTED) != 0;
      own.pending_space = (packed & PACKED_TRAILING) != 0;
      leading = (packed & PACKED_LEADING) != 0;
    }
  else
    {
      if (!cached)
        {
          count_chars (count, content);
          return;
        }
      count_chars (&own, content);
      leading = clipper_text_is_space (content[0]);
      if (sizeof (gpointer) == sizeof (guint64) && own.length < 0x7fffffff &&
          own.commas < 0xffffff)
        text->_private = (gpointer)(guintptr)(PACKED_VALID | (guint64)own.length |
                                             ((guint64)own.commas << 31) |
                                             (own.started ? PACKED_STARTED : 0) |
                                             (own.pending_space ? PACKED_TRAILING : 0) |
                                             (leading ? PACKED_LEADING : 0));
    }

  /* The same as counting this node's characters after the others. */
  if (!own.started)
    {
      count->pending_space |= own.pending_space;
      return;
    }
  if ((count->pending_space || leading) && count->started)
    count->length++;
  count->length += own.length;
  count->commas += own.commas;
  count->started = TRUE;
  count->pending_space = own.pending_space;
}

/* Counts the text below @root, stopping once @count reaches @cap (when
 * @cap is above zero). */
static void
count_text_up_to (xmlNode   *root,
                  TextCount *count,
                  gboolean   cached,
                  int        cap)
{
  xmlNode *node = root->children;

  while (node != NULL)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          count_text_node (count, node, cached);
          if (cap > 0 && count->length >= cap)
            return;
        }
      else if (node->type == XML_ELEMENT_NODE && node->children)
        {
          node = node->children;
          continue;
        }

      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          if (node == root)
            return;
        }
      if (node != NULL)
        node = node->next;
    }
}

static void
count_text (xmlNode   *root,
            TextCount *count,
            gboolean   cached)
{
  count_text_up_to (root, count, cached, 0);
}

static int
text_length (xmlNode  *node,
             gboolean  cached)
{
  TextCount count = { 0 };

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    count_text_node (&count, node, cached);
  else
    count_text (node, &count, cached);

  return count.length;
}

int
_clipper_extractor_text_length (xmlNode *node)
{
  return text_length (node, FALSE);
}

/* The text length of @node, or any length of at least @cap once it is
 * that long: to tell long blocks from short ones without counting all of
 * a long one. */
int
_clipper_extractor_text_length_capped (xmlNode *node,
                                       int      cap)
{
  TextCount count = { 0 };

  count_text_up_to (node, &count, FALSE, cap);
  return count.length;
}

/* As grabbing counts: each text node's count is kept in its _private
 * pointer. For tests. */
int
_clipper_extractor_text_length_cached (xmlNode *node)
{
  return text_length (node, TRUE);
}

char *
_clipper_extractor_inner_text (xmlNode *node)
{
  g_autofree xmlChar *content = xmlNodeGetContent (node);

  return clipper_text_collapse ((const char *)content);
}

static gboolean
is_whitespace_node (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    return clipper_text_is_blank ((const char *)node->content);

  return is (node, "br");
}

static gboolean
is_phrasing (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    return TRUE;

  if (node->type != XML_ELEMENT_NODE)
    return node->type == XML_COMMENT_NODE;

  if (is_one_of (node, phrasing_elements))
    return TRUE;

  if (is (node, "a") || is (node, "del") || is (node, "ins"))
    {
      for (xmlNode *child = node->children; child; child = child->next)
        if (!is_phrasing (child))
          return FALSE;
      return TRUE;
    }

  return FALSE;
}

static double
link_density (xmlNode *node)
{
  int text = text_length (node, TRUE);
  double links = 0;
  xmlNode *child;

  if (text == 0)
    return 0;

  for (child = get_next_node (node, node, FALSE); child; )
    {
      if (is (child, "a"))
        {
          const char *href = get_attr (child, "href");

          links += text_length (child, TRUE) * (href && href[0] == '#' ? 0.3 : 1);
          child = get_next_node (child, node, TRUE);
        }
      else
        child = get_next_node (child, node, FALSE);
    }

  return links / text;
}

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
          length += text_length (child, TRUE);
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
              const char *href = get_attr (child, "href");

              link += child_length * (href && href[0] == '#' ? 0.3 : 1);
            }
          else
            link += child_link;
        }
    }

  if (node->_private)
    {
      NodeInfo *info = node->_private;

      info->text_length = length;
      info->link_length = link;
      info->measured = TRUE;
    }

  *text_out = length;
  *link_out = link;
}

static int
class_weight (Grabber *grabber,
              xmlNode *node)
{
  const char *klass;
  const char *id;
  char buffer[256];
  int weight = 0;

  if (!(grabber->grab->flags & CLIPPER_GRAB_WEIGHT_CLASSES))
    return 0;

  klass = get_attr (node, "class");
  if (klass && klass[0])
    {
      gsize n;

      for (n = 0; klass[n] && n < sizeof buffer - 1; n++)
        buffer[n] = g_ascii_tolower (klass[n]);
      buffer[n] = '\0';
      if (contains_any (buffer, negative_hints) || has_word (buffer, "hid"))
        weight -= 25;
      if (contains_any (buffer, positive_hints))
        weight += 25;
    }

  id = get_attr (node, "id");
  if (id && id[0])
    {
      gsize n;

      for (n = 0; id[n] && n < sizeof buffer - 1; n++)
        buffer[n] = g_ascii_tolower (id[n]);
      buffer[n] = '\0';
      if (contains_any (buffer, negative_hints) || has_word (buffer, "hid"))
        weight -= 25;
      if (contains_any (buffer, positive_hints))
        weight += 25;
    }

  return weight;
}

static void
initialize_node (Grabber *grabber,
                 xmlNode *node)
{
  NodeInfo *info = get_info (grabber, node);
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
  else if (is_heading (node) || g_str_equal (name, "th"))
    info->score -= 5;

  info->score += class_weight (grabber, node);
}

static gboolean
is_scored (xmlNode *node)
{
  return node->_private != NULL && ((NodeInfo *)node->_private)->scored;
}

static double
score_of (xmlNode *node)
{
  return ((NodeInfo *)node->_private)->score;
}

static void
set_tag (xmlNode    *node,
         const char *name)
{
  xmlNodeSetName (node, (const xmlChar *)name);
}

static gboolean
has_ancestor (xmlNode    *node,
              const char *name,
              int         max_depth)
{
  int depth = 0;

  for (node = node->parent; node && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      if (max_depth > 0 && depth++ >= max_depth)
        return FALSE;
      if (is (node, name))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_data_table_ancestor (xmlNode *node)
{
  for (node = node->parent; node && node->type == XML_ELEMENT_NODE; node = node->parent)
    if (is (node, "table") && node->_private && ((NodeInfo *)node->_private)->data_table)
      return TRUE;
  return FALSE;
}

static gboolean
has_child_block (xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE &&
        (is_one_of (child, div_to_p_elements) || has_child_block (child)))
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
          if (only != NULL || !is (child, "p"))
            return FALSE;
          only = child;
        }
      else if (child->type == XML_TEXT_NODE && !is_whitespace_node (child))
        return FALSE;
    }

  return only != NULL;
}

static gboolean
has_text (xmlNode *root)
{
  for (xmlNode *node = get_next_node_any (root, root); node; node = get_next_node_any (node, root))
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
      for (const char *p = (const char *)node->content; *p; p++)
        if (!clipper_text_is_space (*p))
          return TRUE;

  return FALSE;
}

static gboolean
is_without_content (xmlNode *node)
{
  guint elements = 0;
  guint breaks = 0;

  if (has_text (node))
    return FALSE;

  for (xmlNode *child = get_next_node (node, node, FALSE); child;
       child = get_next_node (child, node, FALSE))
    {
      if (child->parent == node)
        elements++;
      if (is (child, "br") || is (child, "hr"))
        breaks++;
    }

  return elements == 0 || elements == breaks;
}

static gboolean
is_probably_visible (const Attrs *attrs)
{
  const char *style = attrs->style;
  const char *aria_hidden;

  if (style != NULL)
    {
      char buffer[512];
      gsize n = 0;

      for (const char *p = style; *p && n < sizeof buffer - 1; p++)
        if (!clipper_text_is_space (*p))
          buffer[n++] = g_ascii_tolower (*p);
      buffer[n] = '\0';

      if (strstr (buffer, "display:none") || strstr (buffer, "visibility:hidden"))
        return FALSE;
    }

  if (attrs->hidden)
    return FALSE;

  aria_hidden = attrs->aria_hidden;
  if (aria_hidden != NULL && g_str_equal (aria_hidden, "true"))
    return attrs->klass != NULL && strstr (attrs->klass, "fallback-image") != NULL;

  return TRUE;
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
check_byline (Grabber     *grabber,
              xmlNode     *node,
              const Attrs *attrs,
              const char  *match)
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
        contains_any (match, byline_hints)))
    return FALSE;

  /* Measured before collapsing white space, as other readers do: an
   * element whose text is spread over many lines is a block, not a byline. */
  raw = xmlNodeGetContent (node);
  length = g_utf8_strlen (g_strstrip ((char *)raw), -1);
  if (length == 0 || length >= 100)
    return FALSE;

  text = _clipper_extractor_inner_text (node);
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

      if (is_phrasing (child))
        {
          if (p != NULL)
            clipper_html_append (p, child);
          else if (!is_whitespace_node (child))
            {
              p = xmlNewDocNode (div->doc, NULL, (const xmlChar *)"p", NULL);
              xmlAddPrevSibling (child, p);
              clipper_html_append (p, child);
            }
        }
      else if (p != NULL)
        {
          while (p->last && is_whitespace_node (p->last))
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
score_element (Grabber *grabber,
               xmlNode *element)
{
  g_autoptr(GPtrArray) ancestors = NULL;
  TextCount count = { 0 };
  double content_score;

  if (element->parent == NULL || element->parent->type != XML_ELEMENT_NODE)
    return;

  count_text (element, &count, TRUE);
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
      get_info (grabber, ancestor)->score += content_score / divider;
    }
}

/* Marks a table that holds data rather than layout. */
static void
mark_data_table (Grabber *grabber,
                 xmlNode *node)
{
  const char *role;
  const char *datatable;
  gboolean data = FALSE;
  guint rows = 0;
  guint columns = 0;

    role = get_attr (node, "role");
    datatable = get_attr (node, "datatable");

    if (role && g_str_equal (role, "presentation"))
      data = FALSE;
    else if (datatable && g_str_equal (datatable, "0"))
      data = FALSE;
    else if (get_attr (node, "summary"))
      data = TRUE;
    else
      {
        gboolean nested = FALSE;
        gboolean header = FALSE;

        for (xmlNode *child = get_next_node (node, node, FALSE); child;
             child = get_next_node (child, node, FALSE))
          {
            if (is (child, "caption") && first_element_child (child))
              header = TRUE;
            else if (is (child, "col") || is (child, "colgroup") || is (child, "tfoot") ||
                     is (child, "thead") || is (child, "th"))
              header = TRUE;
            else if (is (child, "table"))
              nested = TRUE;
            else if (is (child, "tr"))
              {
                guint cells = 0;

                rows++;
                for (xmlNode *cell = child->children; cell; cell = cell->next)
                  if (is (cell, "td") || is (cell, "th"))
                    {
                      const char *span = get_attr (cell, "colspan");

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

  get_info (grabber, node)->data_table = data;
}

static gboolean
is_video_embed (xmlNode *node)
{
  if (!(is (node, "object") || is (node, "embed") || is (node, "iframe")))
    return FALSE;

  for (xmlAttr *attr = node->properties; attr; attr = attr->next)
    if (attr->children && contains_any ((const char *)attr->children->content, video_hosts))
      return TRUE;

  return FALSE;
}

typedef struct
{
  TextCount text;
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

  return is_one_of (node, names);
}

/* Everything the conditional cleaning weighs, in one walk of the subtree. */
static void
gather_stats (xmlNode *node,
              Stats   *stats,
              double   link_coefficient,
              gboolean in_list,
              gboolean in_heading,
              gboolean in_textish)
{
  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          int before = stats->text.length;
          int added;

          count_text_node (&stats->text, child, TRUE);
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
                  const char *href = get_attr (child, "href");

                  coefficient = href && href[0] == '#' ? 0.3 : 1;
                }
              break;
            default:
              break;
            }

          if (is_video_embed (child))
            stats->video = TRUE;
          else if (is (child, "object") || is (child, "embed") || is (child, "iframe"))
            stats->embeds++;

          gather_stats (child, stats, coefficient,
                        in_list || is (child, "ul") || is (child, "ol"),
                        in_heading || is_heading (child),
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
should_remove_conditionally (Grabber    *grabber,
                             xmlNode    *node,
                             const char *tag)
{
  gboolean is_list = g_str_equal (tag, "ul") || g_str_equal (tag, "ol");
  Stats stats = { { 0 } };
  int weight;

  if (g_str_equal (tag, "table") && node->_private && ((NodeInfo *)node->_private)->data_table)
    return FALSE;
  if (has_data_table_ancestor (node) || has_ancestor (node, "code", 0))
    return FALSE;

  weight = class_weight (grabber, node);
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
      gboolean in_figure = has_ancestor (node, "figure", 0);
      gboolean remove;

      if (stats.video)
        return FALSE;

      /* A block saying only "Advertisement" or "Loading…". */
      if (length > 0 && length < 32)
        {
          g_autofree char *text = _clipper_extractor_inner_text (node);

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
            if (child->type == XML_ELEMENT_NODE && count_element_children (child) > 1)
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
clean_conditionally (Grabber    *grabber,
                     xmlNode    *root,
                     GPtrArray  *nodes,
                     const char *tag,
                     GPtrArray  *removed)
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
  const char *match = match_string (node, buffer, sizeof buffer);
  const char *p = strstr (match, "share");

  /* "share" must stand as a word (or with underscores) */
  return p != NULL &&
         (p == match || !g_ascii_isalnum (p[-1]) || p[-1] == '_') &&
         (!g_ascii_isalnum (p[5]) || strncmp (p + 5, "daddy", 5) == 0) &&
         text_length (node, TRUE) < SHARE_TEXT_THRESHOLD;
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

  if (!is (node, "a") || !is_one_of (node->parent, containers))
    return FALSE;

  href = get_attr (node, "href");
  return href != NULL && g_str_equal (href, "#") && text_length (node, TRUE) < 25;
}

static void
prepare_article (Grabber *grabber,
                 xmlNode *article)
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
  for (node = get_next_node (article, article, FALSE); node;
       node = get_next_node (node, article, FALSE))
    {
      if (is (node, "table"))
        mark_data_table (grabber, node);
      else if (is (node, "img"))
        _clipper_extractor_fix_lazy_image (node);
      else if (is (node, "form"))
        g_ptr_array_add (forms, node);
      else if (is (node, "fieldset"))
        g_ptr_array_add (fieldsets, node);
    }

  clean_conditionally (grabber, article, forms, "form", removed);
  clean_conditionally (grabber, article, fieldsets, "fieldset", removed);

  /* Then embeds, footers, asides and form controls, share buttons inside
   * the article's blocks, and headings that look like chrome, noting the
   * blocks to judge on the way. A node is collected only once it stays. */
  node = get_next_node (article, article, FALSE);
  while (node != NULL)
    {
      if ((is_one_of (node, junk) && !is_video_embed (node)) ||
          ((is (node, "h1") || is (node, "h2")) && class_weight (grabber, node) < 0) ||
          (node->parent != article && is_share_element (node)) || is_dead_link_control (node))
        {
          node = remove_and_get_next (node, article);
          continue;
        }

      if (is (node, "table"))
        g_ptr_array_add (tables, node);
      else if (is (node, "ul"))
        g_ptr_array_add (lists, node);
      else if (is (node, "div"))
        g_ptr_array_add (divs, node);
      node = get_next_node (node, article, FALSE);
    }

  clean_conditionally (grabber, article, tables, "table", removed);
  clean_conditionally (grabber, article, lists, "ul", removed);
  clean_conditionally (grabber, article, divs, "div", removed);
  g_ptr_array_set_size (removed, 0);

  node = get_next_node (article, article, FALSE);
  while (node != NULL)
    {
      if (is (node, "h1"))
        set_tag (node, "h2");

      /* Empty paragraphs go. */
      if (is (node, "p") && !has_text (node))
        {
          gboolean media = FALSE;

          for (xmlNode *child = get_next_node (node, node, FALSE); child && !media;
               child = get_next_node (child, node, FALSE))
            media = is (child, "img") || is (child, "embed") || is (child, "object") ||
                    is (child, "iframe");

          if (!media)
            {
              node = remove_and_get_next (node, article);
              continue;
            }
        }

      /* A <br> right before a paragraph adds nothing. */
      if (is (node, "br"))
        {
          xmlNode *next = node->next;

          while (next && next->type == XML_TEXT_NODE && is_whitespace_node (next))
            next = next->next;
          if (is (next, "p"))
            {
              node = remove_and_get_next (node, article);
              continue;
            }
        }

      node = get_next_node (node, article, FALSE);
    }
}

/* Drops what a browser would not show (hidden, display: none,
 * visibility: hidden, aria-hidden), below @root: for a page kept whole. */
void
_clipper_extractor_remove_hidden (xmlNode *root)
{
  xmlNode *node = get_next_node (root, root, FALSE);

  while (node != NULL)
    {
      Attrs attrs;

      read_attrs (node, &attrs);
      if (!is_probably_visible (&attrs))
        node = remove_and_get_next (node, root);
      else
        node = get_next_node (node, root, FALSE);
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

      if (is (node, "script") || is (node, "noscript") || is (node, "style") ||
          is (node, "template"))
        {
          node = remove_and_get_next (node, root);
          continue;
        }

      if (is (node, "font"))
        set_tag (node, "span");

      if (is (node, "br"))
        {
          xmlNode *next = node->next;
          gboolean replaced = FALSE;

          /* Skip white space to the next element; drop further <br>s. */
          while (next != NULL)
            {
              xmlNode *after;

              while (next && next->type != XML_ELEMENT_NODE && is_whitespace_node (next))
                next = next->next;
              if (!is (next, "br"))
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

                  if (is (sibling, "br"))
                    {
                      xmlNode *look = sibling->next;

                      while (look && look->type != XML_ELEMENT_NODE && is_whitespace_node (look))
                        look = look->next;
                      if (is (look, "br"))
                        break;
                    }
                  if (!is_phrasing (sibling))
                    break;

                  after = sibling->next;
                  clipper_html_append (p, sibling);
                  sibling = after;
                }

              while (p->last && is_whitespace_node (p->last))
                {
                  xmlNode *last = p->last;

                  xmlUnlinkNode (last);
                  xmlFreeNode (last);
                }

              if (is (p->parent, "p"))
                set_tag (p->parent, "div");

              node = p;
            }
        }

      node = get_next_node (node, root, FALSE);
    }
}

static void
grabber_clear (Grabber *grabber)
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
  Grabber grabber = { grab, g_ptr_array_new (), g_ptr_array_new () };
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
      Attrs attrs;

      if (is (node, "html"))
        {
          node = get_next_node (node, body, FALSE);
          continue;
        }

      read_attrs (node, &attrs);
      match = attrs_match_string (&attrs, buffer, sizeof buffer);

      /* The body itself always stays: a page that hides it (to show it
       * from a script) still has its content there. */
      if (node != body && !is_probably_visible (&attrs))
        {
          node = remove_and_get_next (node, body);
          continue;
        }

      if (node != body && attrs.aria_modal && g_str_equal (attrs.aria_modal, "true") &&
          attrs.role && g_str_equal (attrs.role, "dialog"))
        {
          node = remove_and_get_next (node, body);
          continue;
        }

      if (node != body && check_byline (&grabber, node, &attrs, match))
        {
          node = remove_and_get_next (node, body);
          continue;
        }

      if (should_remove_title_header && grab->title && (is (node, "h1") || is (node, "h2")))
        {
          g_autofree char *heading = _clipper_extractor_inner_text (node);

          if (text_similarity (grab->title, heading) > 0.75)
            {
              should_remove_title_header = FALSE;
              node = remove_and_get_next (node, body);
              continue;
            }
        }

      if (strip_unlikely && node != body)
        {
          if (contains_any (match, unlikely_candidates) &&
              !contains_any (match, maybe_candidate) &&
              !has_ancestor (node, "table", 0) && !has_ancestor (node, "code", 0) &&
              !is (node, "a"))
            {
              node = remove_and_get_next (node, body);
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
                  node = remove_and_get_next (node, body);
                  continue;
                }
            }
        }

      if ((is (node, "div") || is (node, "section") || is (node, "header") || is_heading (node)) &&
          node != body && is_without_content (node))
        {
          node = remove_and_get_next (node, body);
          continue;
        }

      if (is (node, "section") || is (node, "p") || is (node, "td") || is (node, "pre") ||
          (is_heading (node) && !is (node, "h1")))
        g_ptr_array_add (to_score, node);

      if (is (node, "div"))
        {
          wrap_phrasing (node);

          if (has_single_p (node) && link_density (node) < 0.25)
            {
              xmlNode *p = first_element_child (node);

              xmlUnlinkNode (p);
              xmlReplaceNode (node, p);
              xmlFreeNode (node);
              node = p;
              g_ptr_array_add (to_score, node);
            }
          else if (!has_child_block (node))
            {
              set_tag (node, "p");
              g_ptr_array_add (to_score, node);
            }
        }

      node = get_next_node (node, body, FALSE);
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
      NodeInfo *info = get_info (&grabber, candidate);
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

  if (top_candidate == NULL || top_candidate == body || is (top_candidate, "body"))
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
          for (parent = top_candidate->parent; parent && parent != body && !is (parent, "body");
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
           parent && parent != body && parent->type == XML_ELEMENT_NODE && !is (parent, "body");
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
           parent && parent != body && parent->type == XML_ELEMENT_NODE && !is (parent, "body") &&
           count_element_children (parent) == 1;
           parent = top_candidate->parent)
        top_candidate = parent;

      if (!is_scored (top_candidate))
        initialize_node (&grabber, top_candidate);
    }

  /* The text direction of the article or its ancestors. */
  g_clear_pointer (&grab->dir, g_free);
  for (xmlNode *up = top_candidate; up && up->type == XML_ELEMENT_NODE; up = up->parent)
    {
      const char *dir = get_attr (up, "dir");

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
    const char *top_class = get_attr (top_candidate, "class");
    xmlNode *sibling = first_element_child (parent);

    while (sibling != NULL)
      {
        xmlNode *next = next_element (sibling);
        gboolean append = FALSE;

        if (sibling == top_candidate)
          append = TRUE;
        else
          {
            double bonus = 0;
            const char *klass = get_attr (sibling, "class");

            if (top_class && top_class[0] && klass && g_str_equal (klass, top_class))
              bonus = score_of (top_candidate) * 0.2;

            if (is_scored (sibling) && score_of (sibling) + bonus >= threshold)
              append = TRUE;
            else if (is (sibling, "p"))
              {
                double density = link_density (sibling);
                g_autofree char *text = _clipper_extractor_inner_text (sibling);
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
            if (!is (sibling, "div") && !is (sibling, "article") && !is (sibling, "section") &&
                !is (sibling, "p"))
              set_tag (sibling, "div");
            xmlUnlinkNode (sibling);
            xmlAddChild (article, sibling);
          }

        sibling = next;
      }
  }

  prepare_article (&grabber, article);
  grab->text_length = text_length (article, TRUE);

  clear_private (article);
  clear_private (body);
  grabber_clear (&grabber);

  return article;
}
