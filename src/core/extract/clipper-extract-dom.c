/* clipper-extract-dom.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers over libxml2 trees for the extraction stages. Text is counted
 * as Readability counts it (white space collapsed, commas for scoring),
 * with word-at-a-time scanning: these counts run over every node of every
 * page.
 */

#define G_LOG_DOMAIN "clipper-extractor"

#include "config.h"

#include <string.h>

#include "clipper-extract-dom.h"
#include "clipper-text.h"

static const char * const positive_hints[] = {
  "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination",
  "post", "text", "blog", "story", NULL
};

static const char * const negative_hints[] = {
  "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr",
  "masthead", "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox",
  "sidebar", "skyscraper", "sponsor", "shopping", "tags", "widget", NULL
};

static const char * const phrasing_elements[] = {
  "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn", "em",
  "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript", "object",
  "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span", "strong",
  "sub", "sup", "textarea", "time", "var", "wbr", NULL
};

gboolean
clipper_dom_is_heading (xmlNode *node)
{
  const char *name;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;

  name = (const char *)node->name;
  return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0';
}

const char *
clipper_dom_get_attr (xmlNode    *node,
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

gboolean
clipper_dom_contains_any (const char         *haystack,
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
const char *
clipper_dom_match_string (xmlNode *node,
                          char    *buffer,
                          gsize    size)
{
  ClipperAttrs attrs = { 0 };

  attrs.klass = clipper_dom_get_attr (node, "class");
  attrs.id = clipper_dom_get_attr (node, "id");
  return clipper_dom_attrs_match_string (&attrs, buffer, size);
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

void
clipper_dom_read_attrs (xmlNode      *node,
                        ClipperAttrs *attrs)
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

const char *
clipper_dom_attrs_match_string (const ClipperAttrs *attrs,
                                char               *buffer,
                                gsize               size)
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

ClipperNodeInfo *
clipper_grabber_get_info (ClipperGrabber *grabber,
                          xmlNode        *node)
{
  if (node->_private == NULL)
    {
      ClipperNodeInfo *info = g_new0 (ClipperNodeInfo, 1);

      g_ptr_array_add (grabber->infos, info);
      node->_private = info;
    }

  return node->_private;
}

guint
clipper_dom_count_elements (xmlNode *node)
{
  guint n = 0;

  for (xmlNode *child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      n++;
  return n;
}

/* Like get_next_node(), over every kind of node. */
xmlNode *
clipper_dom_next_any (xmlNode *node,
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

xmlNode *
clipper_dom_remove_and_next (xmlNode *node,
                             xmlNode *root)
{
  xmlNode *next = clipper_dom_next (node, root, TRUE);

  xmlUnlinkNode (node);
  xmlFreeNode (node);
  return next;
}

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
count_chars (ClipperTextCount *count,
             const char       *text)
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

void
clipper_dom_count_text_node (ClipperTextCount *count,
                             xmlNode          *text,
                             gboolean          cached)
{
  const char *content = (const char *)text->content;
  guint64 packed = 0;
  ClipperTextCount own = { 0 };
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
count_text_up_to (xmlNode          *root,
                  ClipperTextCount *count,
                  gboolean          cached,
                  int               cap)
{
  xmlNode *node = root->children;

  while (node != NULL)
    {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          clipper_dom_count_text_node (count, node, cached);
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

void
clipper_dom_count_text (xmlNode          *root,
                        ClipperTextCount *count,
                        gboolean          cached)
{
  count_text_up_to (root, count, cached, 0);
}

int
clipper_dom_text_length (xmlNode  *node,
                         gboolean  cached)
{
  ClipperTextCount count = { 0 };

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    clipper_dom_count_text_node (&count, node, cached);
  else
    clipper_dom_count_text (node, &count, cached);

  return count.length;
}

int
_clipper_extractor_text_length (xmlNode *node)
{
  return clipper_dom_text_length (node, FALSE);
}

/* The text length of @node, or any length of at least @cap once it is
 * that long: to tell long blocks from short ones without counting all of
 * a long one. */
int
_clipper_extractor_text_length_capped (xmlNode *node,
                                       int      cap)
{
  ClipperTextCount count = { 0 };

  count_text_up_to (node, &count, FALSE, cap);
  return count.length;
}

/* As grabbing counts: each text node's count is kept in its _private
 * pointer. For tests. */
int
_clipper_extractor_text_length_cached (xmlNode *node)
{
  return clipper_dom_text_length (node, TRUE);
}

char *
clipper_dom_inner_text (xmlNode *node)
{
  g_autofree xmlChar *content = xmlNodeGetContent (node);

  return clipper_text_collapse ((const char *)content);
}

gboolean
clipper_dom_is_whitespace (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    return clipper_text_is_blank ((const char *)node->content);

  return clipper_dom_is (node, "br");
}

gboolean
clipper_dom_is_phrasing (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    return TRUE;

  if (node->type != XML_ELEMENT_NODE)
    return node->type == XML_COMMENT_NODE;

  if (clipper_dom_is_one_of (node, phrasing_elements))
    return TRUE;

  if (clipper_dom_is (node, "a") || clipper_dom_is (node, "del") || clipper_dom_is (node, "ins"))
    {
      for (xmlNode *child = node->children; child; child = child->next)
        if (!clipper_dom_is_phrasing (child))
          return FALSE;
      return TRUE;
    }

  return FALSE;
}

double
clipper_dom_link_density (xmlNode *node)
{
  int text = clipper_dom_text_length (node, TRUE);
  double links = 0;
  xmlNode *child;

  if (text == 0)
    return 0;

  for (child = clipper_dom_next (node, node, FALSE); child; )
    {
      if (clipper_dom_is (child, "a"))
        {
          const char *href = clipper_dom_get_attr (child, "href");

          links += clipper_dom_text_length (child, TRUE) * (href && href[0] == '#' ? 0.3 : 1);
          child = clipper_dom_next (child, node, TRUE);
        }
      else
        child = clipper_dom_next (child, node, FALSE);
    }

  return links / text;
}

int
clipper_grabber_class_weight (ClipperGrabber *grabber,
                              xmlNode        *node)
{
  const char *klass;
  const char *id;
  char buffer[256];
  int weight = 0;

  if (!(grabber->grab->flags & CLIPPER_GRAB_WEIGHT_CLASSES))
    return 0;

  klass = clipper_dom_get_attr (node, "class");
  if (klass && klass[0])
    {
      gsize n;

      for (n = 0; klass[n] && n < sizeof buffer - 1; n++)
        buffer[n] = g_ascii_tolower (klass[n]);
      buffer[n] = '\0';
      if (clipper_dom_contains_any (buffer, negative_hints) || has_word (buffer, "hid"))
        weight -= 25;
      if (clipper_dom_contains_any (buffer, positive_hints))
        weight += 25;
    }

  id = clipper_dom_get_attr (node, "id");
  if (id && id[0])
    {
      gsize n;

      for (n = 0; id[n] && n < sizeof buffer - 1; n++)
        buffer[n] = g_ascii_tolower (id[n]);
      buffer[n] = '\0';
      if (clipper_dom_contains_any (buffer, negative_hints) || has_word (buffer, "hid"))
        weight -= 25;
      if (clipper_dom_contains_any (buffer, positive_hints))
        weight += 25;
    }

  return weight;
}

void
clipper_dom_set_tag (xmlNode    *node,
                     const char *name)
{
  xmlNodeSetName (node, (const xmlChar *)name);
}

gboolean
clipper_dom_has_ancestor (xmlNode    *node,
                          const char *name,
                          int         max_depth)
{
  int depth = 0;

  for (node = node->parent; node && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      if (max_depth > 0 && depth++ >= max_depth)
        return FALSE;
      if (clipper_dom_is (node, name))
        return TRUE;
    }

  return FALSE;
}

gboolean
clipper_dom_has_text (xmlNode *root)
{
  for (xmlNode *node = clipper_dom_next_any (root, root); node; node = clipper_dom_next_any (node, root))
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
      for (const char *p = (const char *)node->content; *p; p++)
        if (!clipper_text_is_space (*p))
          return TRUE;

  return FALSE;
}

gboolean
clipper_dom_is_without_content (xmlNode *node)
{
  guint elements = 0;
  guint breaks = 0;

  if (clipper_dom_has_text (node))
    return FALSE;

  for (xmlNode *child = clipper_dom_next (node, node, FALSE); child;
       child = clipper_dom_next (child, node, FALSE))
    {
      if (child->parent == node)
        elements++;
      if (clipper_dom_is (child, "br") || clipper_dom_is (child, "hr"))
        breaks++;
    }

  return elements == 0 || elements == breaks;
}

gboolean
clipper_dom_is_probably_visible (const ClipperAttrs *attrs)
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
