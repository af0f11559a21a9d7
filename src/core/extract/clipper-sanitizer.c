/* clipper-sanitizer.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-sanitizer"

#include "config.h"

#include <string.h>

#include "clipper-html.h"
#include "clipper-sanitizer.h"
#include "clipper-uri.h"

/* An allow-list: elements not named here are unwrapped (their children
 * kept), elements in dropped_elements go with everything inside them. */
static const char * const allowed_elements[] = {
  "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br",
  "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
  "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
  "hr", "i", "img", "ins", "kbd", "li", "main", "mark", "ol", "p", "pre", "q", "rp", "rt",
  "ruby", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table",
  "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
  /* MathML presentation markup: formulas are content, and WebKit draws
   * them. Its scripting and linking parts (maction, semantics' other
   * encodings) are not here. */
  "math", "mi", "mn", "mo", "ms", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot",
  "mstyle", "merror", "mpadded", "mphantom", "menclose", "msub", "msup", "msubsup", "munder",
  "mover", "munderover", "mmultiscripts", "mprescripts", "none", "mtable", "mtr", "mtd",
  "mlabeledtr", "semantics",
};

static const char * const dropped_elements[] = {
  "applet", "audio", "base", "basefont", "button", "canvas", "datalist", "dialog", "embed",
  "fieldset", "form", "frame", "frameset", "head", "iframe", "input", "keygen",
  "legend", "link", "menu", "meta", "meter", "noembed", "noframes", "noscript", "maction",
  "annotation", "annotation-xml",
  "object", "optgroup", "option", "output", "param", "portal", "progress", "script",
  "select", "slot", "source", "style", "svg", "template", "textarea", "title", "track",
  "video",
};

/* Void in HTML5, but libxml2's HTML 4 parser may nest what follows them
 * inside; that content is the page's, not theirs. */
static const char * const void_elements[] = {
  "area", "base", "basefont", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
  "meta", "param", "source", "track", "wbr",
};

static const char * const allowed_attributes[] = {
  "abbr", "alt", "cite", "colspan", "datetime", "dir", "headers", "height", "href", "id",
  "lang", "open", "reversed", "rowspan", "scope", "span", "src", "start", "title", "type",
  "value", "width",
  /* MathML's layout, none of which can load or run anything */
  "display", "mathvariant", "displaystyle", "scriptlevel", "fence", "separator", "stretchy",
  "largeop", "movablelimits", "accent", "accentunder", "linethickness", "lspace", "rspace",
  "columnalign", "rowalign", "columnspan", "notation", "depth", "voffset", "form",
};

static const char * const url_attributes[] = { "href", "src", "cite" };

static gboolean
name_in (const xmlChar      *name,
         const char * const *names,
         gsize               n_names)
{
  /* libxml2's HTML parser lower-cases names. */
  for (gsize i = 0; i < n_names; i++)
    if (strcmp ((const char *)name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

enum {
  KIND_UNKNOWN = 0,
  KIND_ALLOWED = 1 << 0,
  KIND_DROPPED = 1 << 1,
  KIND_VOID    = 1 << 2,
};

/* Element names to their kind; libxml2's HTML parser lower-cases names. */
static GHashTable *
get_kinds (void)
{
  static GHashTable *kinds;

  if (g_once_init_enter (&kinds))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

#define ADD_ALL(list, kind)                                                           \
      for (guint i = 0; i < G_N_ELEMENTS (list); i++)                                 \
        g_hash_table_insert (table, (gpointer)list[i],                                \
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, list[i])) | kind));
      ADD_ALL (allowed_elements, KIND_ALLOWED);
      ADD_ALL (dropped_elements, KIND_DROPPED);
      ADD_ALL (void_elements, KIND_VOID);
#undef ADD_ALL

      g_once_init_leave (&kinds, table);
    }

  return kinds;
}

static guint
element_kind (xmlNode *node)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (get_kinds (), node->name));
}

/* Browsers ignore ASCII white space and control characters inside a URL's
 * scheme ("java\tscript:"), so the check must too. */
static char *
strip_url (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    if ((guchar)*p > 0x20 && *p != 0x7f)
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static char *
clean_url (const char *attribute,
           const char *value,
           const char *base_url)
{
  g_autofree char *stripped = strip_url (value);
  g_autofree char *resolved = NULL;
  g_autofree char *scheme = NULL;

  if (stripped[0] == '\0')
    return NULL;

  /* In-page anchors stay in the page. */
  if (stripped[0] == '#')
    return g_steal_pointer (&stripped);

  if (base_url != NULL)
    {
      resolved = clipper_uri_resolve (base_url, stripped);
      if (resolved == NULL)
        return NULL;
    }
  else
    resolved = g_steal_pointer (&stripped);

  scheme = g_uri_parse_scheme (resolved);
  if (scheme == NULL)
    return base_url == NULL ? g_steal_pointer (&resolved) : NULL;

  /* Not clipper: either; only what the capture itself stores carries
   * that scheme, and it adds those addresses after this. */
  if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https"))
    return g_steal_pointer (&resolved);

  if (g_str_equal (attribute, "href") && g_str_equal (scheme, "mailto"))
    return g_steal_pointer (&resolved);

  /* A page saved to disk keeps its images, to be stored with it. */
  if (g_str_equal (attribute, "src") && g_str_equal (scheme, "file") &&
      base_url != NULL && g_str_has_prefix (base_url, "file:"))
    return g_steal_pointer (&resolved);

  if (g_str_equal (attribute, "src") && g_str_equal (scheme, "data") &&
      g_ascii_strncasecmp (resolved, "data:image/", 11) == 0 &&
      g_ascii_strncasecmp (resolved, "data:image/svg", 14) != 0)
    return g_steal_pointer (&resolved);

  return NULL;
}

static void
clean_attributes (xmlNode    *node,
                  const char *base_url)
{
  xmlAttr *attr = node->properties;

  while (attr != NULL)
    {
      xmlAttr *next = attr->next;
      const char *name = (const char *)attr->name;

      if (attr->ns != NULL || !name_in (attr->name, allowed_attributes,
                                        G_N_ELEMENTS (allowed_attributes)))
        {
          xmlRemoveProp (attr);
        }
      else if (name_in (attr->name, url_attributes, G_N_ELEMENTS (url_attributes)))
        {
          g_autofree xmlChar *value = xmlNodeGetContent ((xmlNode *)attr);
          g_autofree char *clean = clean_url (name, (const char *)value, base_url);

          if (clean == NULL)
            xmlRemoveProp (attr);
          else
            xmlSetProp (node, attr->name, (const xmlChar *)clean);
        }

      attr = next;
    }
}

static void
unwrap (xmlNode *node)
{
  xmlNode *child = node->children;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      clipper_html_move_before (child, node);
      child = next;
    }

  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

static void
clean_children (xmlNode    *parent,
                const char *base_url)
{
  xmlNode *node = parent->children;

  while (node != NULL)
    {
      xmlNode *next = node->next;
      guint kind;

      switch ((int)node->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          break;

        case XML_ELEMENT_NODE:
          kind = element_kind (node);
          if (node->children != NULL && (kind & KIND_VOID))
            {
              /* Lift the content out after it, then look at it again. */
              xmlNode *anchor = node;

              while (node->children != NULL)
                {
                  xmlNode *child = node->children;

                  clipper_html_move_after (child, anchor);
                  anchor = child;
                }
              next = node;
            }
          else if (kind & KIND_DROPPED)
            {
              xmlUnlinkNode (node);
              xmlFreeNode (node);
            }
          else if (!(kind & KIND_ALLOWED))
            {
              /* Children move up in place of the element; clean them there. */
              next = node->children ? node->children : node->next;
              unwrap (node);
            }
          else
            {
              clean_attributes (node, base_url);
              clean_children (node, base_url);

              /* A link whose address was dropped is just text. */
              if (clipper_html_is_element (node, "a") && !xmlHasProp (node, (const xmlChar *)"href"))
                {
                  next = node->children ? node->children : node->next;
                  unwrap (node);
                }
              else if (clipper_html_is_element (node, "img") &&
                       !xmlHasProp (node, (const xmlChar *)"src"))
                {
                  xmlUnlinkNode (node);
                  xmlFreeNode (node);
                }
            }
          break;

        default:
          /* Comments, processing instructions, entity references… */
          xmlUnlinkNode (node);
          xmlFreeNode (node);
          break;
        }

      node = next;
    }
}

void
clipper_sanitizer_clean (xmlNode    *node,
                         const char *base_url)
{
  g_return_if_fail (node != NULL);

  clean_children (node, base_url);
}

char *
clipper_sanitizer_sanitize (const char *html,
                            gssize      length,
                            const char *base_url)
{
  g_autoptr(xmlDoc) doc = NULL;
  xmlNode *body;

  g_return_val_if_fail (html != NULL, NULL);

  if (length < 0)
    length = strlen (html);

  doc = clipper_html_parse (html, length, "UTF-8");
  if (doc == NULL || !(body = clipper_html_get_body (doc)))
    return g_strdup ("");

  clipper_sanitizer_clean (body, base_url);

  return clipper_html_serialize_children (doc, body);
}
