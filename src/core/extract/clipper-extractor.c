/* clipper-extractor.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTML → article: the character set, the metadata (JSON-LD, OpenGraph,
 * Dublin Core, <meta>, the page title), the content (see
 * clipper-extractor-content.c) and the final clean-up.
 */

#define G_LOG_DOMAIN "clipper-extractor"

#include "config.h"

#include <math.h>
#include <string.h>

#include "clipper-extractor.h"
#include "clipper-extractor-private.h"
#include "clipper-json.h"
#include "clipper-sanitizer.h"
#include "clipper-text.h"
#include "clipper-uri.h"

#define CHAR_THRESHOLD 500

typedef struct
{
  GHashTable *values;
  char       *title;
  char       *byline;
  char       *excerpt;
  char       *site_name;
  char       *published;
  char       *image;
} JsonLd;

static const char * const article_types[] = {
  "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
  "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle",
  "ReviewNewsArticle", "Report", "SatiricalArticle", "ScholarlyArticle",
  "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting", "LiveBlogPosting",
  "DiscussionForumPosting", "TechArticle", "APIReference", NULL
};

void
clipper_article_free (ClipperArticle *article)
{
  if (article == NULL)
    return;

  g_free (article->title);
  g_free (article->byline);
  g_free (article->site_name);
  g_free (article->published);
  g_free (article->excerpt);
  g_free (article->lang);
  g_free (article->dir);
  g_free (article->lead_image);
  g_free (article->content);
  g_free (article->text);
  g_free (article);
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         strcmp ((const char *)node->name, name) == 0;
}

static xmlNode *
next_in_order (xmlNode *node,
               xmlNode *root)
{
  if (node->children && node->type == XML_ELEMENT_NODE)
    return node->children;

  while (node != NULL && node != root)
    {
      if (node->next)
        return node->next;
      node = node->parent;
    }

  return NULL;
}

/* Metadata often arrives escaped twice (“&amp;quot;”). */
static char *
unescape_entities (const char *text)
{
  GString *out;

  if (text == NULL || strchr (text, '&') == NULL)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == '&')
        {
          static const struct { const char *name; const char *value; } named[] = {
            { "quot;", "\"" }, { "amp;", "&" }, { "apos;", "'" }, { "lt;", "<" }, { "gt;", ">" },
          };
          gboolean done = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (named) && !done; i++)
            if (g_str_has_prefix (p + 1, named[i].name))
              {
                g_string_append (out, named[i].value);
                p += strlen (named[i].name);
                done = TRUE;
              }

          if (!done && p[1] == '#')
            {
              char *end = NULL;
              gboolean hex = p[2] == 'x' || p[2] == 'X';
              guint64 value = g_ascii_strtoull (p + (hex ? 3 : 2), &end, hex ? 16 : 10);

              if (end != NULL && *end == ';' && end > p + (hex ? 3 : 2))
                {
                  gunichar ch = (value == 0 || value > 0x10ffff ||
                                 (value >= 0xd800 && value <= 0xdfff)) ? 0xfffd : (gunichar)value;

                  g_string_append_unichar (out, ch);
                  p = end;
                  done = TRUE;
                }
            }

          if (done)
            continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static int
word_count (const char *text)
{
  int words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (clipper_text_is_space (*p))
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          words++;
        }
    }

  /* "a b".split(/\s+/) has 2 parts, "" has 1. */
  return MAX (words, 1);
}

/* " | ", " - ", " – ", " — ", " \ ", " / ", " > ", " » " */
static const char *
find_separator (const char *text,
                gboolean    last,
                gboolean   *hierarchical)
{
  static const char * const separators[] = { "|", "-", "–", "—", "\\", "/", ">", "»" };
  const char *found = NULL;

  for (const char *p = text; *p; p++)
    {
      if (*p != ' ' || p == text)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
        {
          gsize n = strlen (separators[i]);

          if (strncmp (p + 1, separators[i], n) == 0 && p[1 + n] == ' ')
            {
              if (hierarchical && i >= 4)
                *hierarchical = TRUE;
              found = p;
              if (!last)
                return found;
            }
        }
    }

  return found;
}

static char *
dup_element_text (xmlNode *node)
{
  g_autofree xmlChar *content = xmlNodeGetContent (node);

  return clipper_text_collapse ((const char *)content);
}

static void
collect_headings (xmlNode   *root,
                  GPtrArray *h1s,
                  GPtrArray *h1_and_h2s)
{
  for (xmlNode *node = root; node; node = next_in_order (node, root))
    {
      if (is_element (node, "h1"))
        {
          g_ptr_array_add (h1s, node);
          g_ptr_array_add (h1_and_h2s, node);
        }
      else if (is_element (node, "h2"))
        g_ptr_array_add (h1_and_h2s, node);
    }
}

static char *
get_article_title (htmlDocPtr doc)
{
  g_autofree char *original = clipper_html_dup_title (doc);
  g_autofree char *title = NULL;
  g_autofree char *without = NULL;
  gboolean hierarchical = FALSE;
  const char *separator;
  int words;

  if (original == NULL)
    original = g_strdup ("");

  title = g_strdup (original);

  if ((separator = find_separator (original, TRUE, &hierarchical)))
    {
      g_free (title);
      title = g_strndup (original, separator - original);

      if (word_count (title) < 3)
        {
          const char *first = find_separator (original, FALSE, NULL);
          const char *after = first + 1;

          /* Skip the separator itself. */
          after = g_utf8_next_char (after);
          g_free (title);
          title = g_strdup (after);
        }
    }
  else if (strstr (title, ": ") != NULL)
    {
      g_autoptr(GPtrArray) h1s = g_ptr_array_new ();
      g_autoptr(GPtrArray) headings = g_ptr_array_new ();
      gboolean match = FALSE;

      collect_headings (xmlDocGetRootElement (doc), h1s, headings);
      for (guint i = 0; i < headings->len && !match; i++)
        {
          g_autofree char *text = dup_element_text (g_ptr_array_index (headings, i));

          match = g_str_equal (text, original);
        }

      if (!match)
        {
          const char *last = strrchr (original, ':');

          g_free (title);
          title = g_strdup (last + 1);
          if (word_count (title) < 3)
            {
              g_free (title);
              title = g_strdup (strchr (original, ':') + 1);
            }
          else
            {
              g_autofree char *before = g_strndup (original, strchr (original, ':') - original);

              if (word_count (before) > 5)
                {
                  g_free (title);
                  title = g_strdup (original);
                }
            }
        }
    }
  else if (g_utf8_strlen (title, -1) > 150 || g_utf8_strlen (title, -1) < 15)
    {
      g_autoptr(GPtrArray) h1s = g_ptr_array_new ();
      g_autoptr(GPtrArray) headings = g_ptr_array_new ();

      collect_headings (xmlDocGetRootElement (doc), h1s, headings);
      if (h1s->len == 1)
        {
          g_free (title);
          title = dup_element_text (g_ptr_array_index (h1s, 0));
        }
    }

  {
    char *collapsed = clipper_text_collapse (title);

    g_free (title);
    title = collapsed;
  }

  /* A title cut to four words or fewer was probably cut wrong. */
  words = word_count (title);
  without = g_strdup (original);
  g_strdelimit (without, "|-\\/>»", ' ');
  if (words <= 4 && (!hierarchical || words != word_count (without) - 1))
    return g_steal_pointer (&original);

  return g_steal_pointer (&title);
}

static gboolean
is_article_type (const char *type)
{
  if (type == NULL)
    return FALSE;

  for (guint i = 0; article_types[i]; i++)
    if (g_str_equal (type, article_types[i]))
      return TRUE;

  return FALSE;
}

static const char *
json_type (const ClipperJson *json)
{
  const ClipperJson *type = clipper_json_get_member (json, "@type");

  if (clipper_json_get_type_of (type) == CLIPPER_JSON_ARRAY)
    {
      for (guint i = 0; i < clipper_json_get_length (type); i++)
        if (is_article_type (clipper_json_get_string (clipper_json_get_element (type, i))))
          return clipper_json_get_string (clipper_json_get_element (type, i));
      return NULL;
    }

  return clipper_json_get_string (type);
}

static gboolean
has_schema_context (const ClipperJson *json)
{
  const ClipperJson *context = clipper_json_get_member (json, "@context");
  const char *value = clipper_json_get_string (context);

  if (value == NULL && clipper_json_get_type_of (context) == CLIPPER_JSON_OBJECT)
    value = clipper_json_get_member_string (context, "@vocab");

  if (value == NULL)
    return FALSE;

  return g_str_equal (value, "http://schema.org") || g_str_equal (value, "https://schema.org") ||
         g_str_equal (value, "http://schema.org/") || g_str_equal (value, "https://schema.org/");
}

static char *
json_name (const ClipperJson *json)
{
  if (clipper_json_get_type_of (json) == CLIPPER_JSON_STRING)
    return g_strdup (clipper_json_get_string (json));
  return g_strdup (clipper_json_get_member_string (json, "name"));
}

static void
read_json_ld (const char *text,
              JsonLd     *ld,
              htmlDocPtr  doc)
{
  g_autoptr(ClipperJson) root = NULL;
  const ClipperJson *article = NULL;
  const ClipperJson *author;
  const ClipperJson *publisher;
  const ClipperJson *image;
  const char *name;
  const char *headline;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_str_has_prefix (stripped, "<![CDATA[") && g_str_has_suffix (stripped, "]]>"))
    {
      stripped[strlen (stripped) - 3] = '\0';
      memmove (stripped, stripped + 9, strlen (stripped + 9) + 1);
    }

  root = clipper_json_parse (stripped, -1, NULL);
  if (root == NULL)
    return;

  if (clipper_json_get_type_of (root) == CLIPPER_JSON_ARRAY)
    {
      for (guint i = 0; i < clipper_json_get_length (root) && !article; i++)
        if (is_article_type (json_type (clipper_json_get_element (root, i))))
          article = clipper_json_get_element (root, i);
    }
  else
    article = root;

  if (article == NULL || (!has_schema_context (article) && !has_schema_context (root)))
    return;

  if (json_type (article) == NULL)
    {
      const ClipperJson *graph = clipper_json_get_member (article, "@graph");

      for (guint i = 0; i < clipper_json_get_length (graph); i++)
        if (is_article_type (json_type (clipper_json_get_element (graph, i))))
          {
            article = clipper_json_get_element (graph, i);
            break;
          }
    }

  if (!is_article_type (json_type (article)))
    return;

  name = clipper_json_get_member_string (article, "name");
  headline = clipper_json_get_member_string (article, "headline");
  if (name && headline && !g_str_equal (name, headline))
    {
      g_autofree char *title = get_article_title (doc);
      gboolean name_matches = FALSE;
      gboolean headline_matches = FALSE;
      g_autofree char *name_lower = g_utf8_strdown (name, -1);
      g_autofree char *headline_lower = g_utf8_strdown (headline, -1);
      g_autofree char *title_lower = g_utf8_strdown (title, -1);

      /* The one that resembles the page's own title wins. */
      name_matches = strstr (title_lower, name_lower) != NULL || strstr (name_lower, title_lower) != NULL;
      headline_matches = strstr (title_lower, headline_lower) != NULL ||
                         strstr (headline_lower, title_lower) != NULL;
      ld->title = g_strdup (headline_matches && !name_matches ? headline : name);
    }
  else if (name)
    ld->title = g_strdup (name);
  else if (headline)
    ld->title = g_strdup (headline);

  author = clipper_json_get_member (article, "author");
  if (clipper_json_get_type_of (author) == CLIPPER_JSON_ARRAY)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < clipper_json_get_length (author); i++)
        {
          char *one = json_name (clipper_json_get_element (author, i));

          if (one)
            g_ptr_array_add (names, g_strstrip (one));
        }
      g_ptr_array_add (names, NULL);
      if (names->len > 1)
        ld->byline = g_strjoinv (", ", (char **)names->pdata);
    }
  else if (author != NULL)
    {
      ld->byline = json_name (author);
      if (ld->byline)
        g_strstrip (ld->byline);
    }

  if (clipper_json_get_member_string (article, "description"))
    ld->excerpt = g_strstrip (g_strdup (clipper_json_get_member_string (article, "description")));

  publisher = clipper_json_get_member (article, "publisher");
  if (clipper_json_get_member_string (publisher, "name"))
    ld->site_name = g_strstrip (g_strdup (clipper_json_get_member_string (publisher, "name")));

  if (clipper_json_get_member_string (article, "datePublished"))
    ld->published = g_strstrip (g_strdup (clipper_json_get_member_string (article, "datePublished")));

  image = clipper_json_get_member (article, "image");
  if (clipper_json_get_type_of (image) == CLIPPER_JSON_ARRAY)
    image = clipper_json_get_element (image, 0);
  if (clipper_json_get_type_of (image) == CLIPPER_JSON_STRING)
    ld->image = g_strdup (clipper_json_get_string (image));
  else if (clipper_json_get_member_string (image, "url"))
    ld->image = g_strdup (clipper_json_get_member_string (image, "url"));
}

static gboolean
meta_name_matches (const char *name)
{
  static const char * const prefixes[] = {
    "dc", "dcterm", "og", "twitter", "parsely", "weibo:article", "weibo:webpage", NULL
  };
  static const char * const suffixes[] = {
    "author", "creator", "pub-date", "description", "title", "site_name", NULL
  };
  const char *suffix = name;

  for (guint i = 0; prefixes[i]; i++)
    {
      gsize n = strlen (prefixes[i]);

      if (strncmp (name, prefixes[i], n) == 0 &&
          (name[n] == ':' || name[n] == '-' || name[n] == '.'))
        {
          suffix = name + n + 1;
          break;
        }
    }

  for (guint i = 0; suffixes[i]; i++)
    if (g_str_equal (suffix, suffixes[i]))
      return TRUE;

  return FALSE;
}

static gboolean
meta_property_matches (const char *property)
{
  static const char * const prefixes[] = { "article", "dc", "dcterm", "og", "twitter", NULL };
  static const char * const suffixes[] = {
    "author", "creator", "description", "published_time", "title", "site_name", "image", NULL
  };
  const char *colon = strchr (property, ':');

  if (colon == NULL)
    return FALSE;

  for (guint i = 0; prefixes[i]; i++)
    if ((gsize)(colon - property) == strlen (prefixes[i]) &&
        strncmp (property, prefixes[i], colon - property) == 0)
      for (guint j = 0; suffixes[j]; j++)
        if (g_str_equal (colon + 1, suffixes[j]))
          return TRUE;

  return FALSE;
}

static void
read_metadata (htmlDocPtr  doc,
               GHashTable *values,
               JsonLd     *ld)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *node = root; node; node = next_in_order (node, root))
    {
      g_autofree xmlChar *itemprop = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;

      /* Microdata and <time> as the last resort for dates and authors. */
      if ((itemprop = xmlGetProp (node, (const xmlChar *)"itemprop")) != NULL)
        {
          if (g_str_equal ((const char *)itemprop, "datePublished") &&
              !g_hash_table_contains (values, "itemprop:datePublished"))
            {
              const char *names[] = { "content", "datetime", "title" };

              for (guint i = 0; i < G_N_ELEMENTS (names); i++)
                {
                  g_autofree xmlChar *when = xmlGetProp (node, (const xmlChar *)names[i]);

                  if (when && when[0])
                    {
                      g_hash_table_insert (values, g_strdup ("itemprop:datePublished"),
                                           g_strstrip (g_strdup ((const char *)when)));
                      break;
                    }
                }
            }
          else if (g_str_equal ((const char *)itemprop, "author") &&
                   !g_hash_table_contains (values, "itemprop:author"))
            {
              g_autofree char *text = dup_element_text (node);
              g_autofree xmlChar *content = xmlGetProp (node, (const xmlChar *)"content");
              const char *name = content && content[0] ? (const char *)content : text;

              if (name[0] && g_utf8_strlen (name, -1) < 100)
                g_hash_table_insert (values, g_strdup ("itemprop:author"), g_strdup (name));
            }
        }
      else if (is_element (node, "time") && !g_hash_table_contains (values, "time"))
        {
          g_autofree xmlChar *when = xmlGetProp (node, (const xmlChar *)"datetime");

          if (when && when[0])
            g_hash_table_insert (values, g_strdup ("time"), g_strstrip (g_strdup ((const char *)when)));
        }

      if (is_element (node, "meta"))
        {
          g_autofree xmlChar *content = xmlGetProp (node, (const xmlChar *)"content");
          g_autofree xmlChar *name = xmlGetProp (node, (const xmlChar *)"name");
          g_autofree xmlChar *property = xmlGetProp (node, (const xmlChar *)"property");
          gboolean matched = FALSE;

          if (content == NULL || content[0] == '\0')
            continue;

          if (property != NULL)
            {
              g_auto(GStrv) tokens = g_strsplit_set ((const char *)property, " \t\n", -1);

              for (guint i = 0; tokens[i]; i++)
                {
                  g_autofree char *token = g_ascii_strdown (tokens[i], -1);

                  if (token[0] && meta_property_matches (token))
                    {
                      matched = TRUE;
                      if (!g_hash_table_contains (values, token))
                        g_hash_table_insert (values, g_steal_pointer (&token),
                                             g_strstrip (g_strdup ((const char *)content)));
                    }
                }
            }

          if (!matched && name != NULL)
            {
              g_autofree char *key = g_ascii_strdown (g_strstrip ((char *)name), -1);

              g_strdelimit (key, ".", ':');
              if (meta_name_matches (key))
                g_hash_table_replace (values, g_steal_pointer (&key),
                                      g_strstrip (g_strdup ((const char *)content)));
            }
        }
      else if (is_element (node, "script") && ld->title == NULL && ld->byline == NULL)
        {
          g_autofree xmlChar *type = xmlGetProp (node, (const xmlChar *)"type");

          if (type && g_ascii_strcasecmp ((const char *)type, "application/ld+json") == 0)
            {
              g_autofree xmlChar *text = xmlNodeGetContent (node);

              if (text)
                read_json_ld ((const char *)text, ld, doc);
            }
        }
    }
}

static const char *
first_of (GHashTable *values,
          ...)
{
  const char *found = NULL;
  const char *key;
  va_list args;

  va_start (args, values);
  while (found == NULL && (key = va_arg (args, const char *)))
    {
      const char *value = g_hash_table_lookup (values, key);

      if (value && value[0])
        found = value;
    }
  va_end (args);

  return found;
}

static gboolean
looks_like_url (const char *text)
{
  return g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://");
}

static const char *
find_ci (const char *p,
         const char *end,
         const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    {
      p = memchr (p, needle[0], end - p);
      if (p == NULL || p + n > end)
        return NULL;
      if (g_ascii_strncasecmp (p, needle, n) == 0)
        return p;
    }

  return NULL;
}

/* No real element has this many attributes; libxml2 checks each new one
 * against all before it, so a hostile page with a million would take
 * hours. */
#define MAX_ATTRIBUTES 256

/* Where the attribute past the cap starts in the start tag at @p, or
 * NULL when the tag has no more than the cap; @tag_end is set to its '>'
 * (or @end). Only long tags are read closely: an attribute takes at least
 * two bytes. */
static const char *
find_attribute_cut (const char  *p,
                    const char  *end,
                    const char **tag_end)
{
  const char *q = memchr (p, '>', MIN (end - p, MAX_ATTRIBUTES * 2 + 64));
  guint count = 0;

  *tag_end = q;
  if (q != NULL)
    return NULL;

  /* The name */
  for (q = p + 1; q < end && !g_ascii_isspace (*q) && *q != '>' && *q != '/'; q++)
    ;

  while (q < end)
    {
      while (q < end && (g_ascii_isspace (*q) || *q == '/'))
        q++;
      if (q >= end || *q == '>')
        break;

      if (++count > MAX_ATTRIBUTES)
        {
          const char *cut = q;
          char quote = 0;

          for (; q < end && (quote || *q != '>'); q++)
            if (quote && *q == quote)
              quote = 0;
            else if (!quote && (*q == '"' || *q == '\''))
              quote = *q;
          *tag_end = q;
          return cut;
        }

      while (q < end && !g_ascii_isspace (*q) && *q != '=' && *q != '>' && *q != '/')
        q++;
      while (q < end && g_ascii_isspace (*q))
        q++;
      if (q < end && *q == '=')
        {
          q++;
          while (q < end && g_ascii_isspace (*q))
            q++;
          if (q < end && (*q == '"' || *q == '\''))
            {
              const char *close = memchr (q + 1, *q, end - q - 1);

              q = close ? close + 1 : end;
            }
          else
            while (q < end && !g_ascii_isspace (*q) && *q != '>')
              q++;
        }
    }

  *tag_end = q;
  return NULL;
}

/* Script and style bodies are most of many pages' bytes and none of their
 * article; dropping them before the parse saves most of its time. JSON-LD
 * stays: it holds metadata. Comments are skipped whole, as a parser would.
 * Start tags lose their attributes past MAX_ATTRIBUTES. */
static char *
strip_scripts (const char *data,
               gsize       length,
               gsize      *out_length)
{
  const char *p = data;
  const char *end = data + length;
  GString *out = NULL;
  const char *copied = data;

  while (p < end && (p = memchr (p, '<', end - p)))
    {
      const char *close_tag;
      const char *body;
      const char *tag_end;
      gboolean script;

      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *comment_end = find_ci (p + 4, end, "-->");

          if (comment_end == NULL)
            break;
          p = comment_end + 3;
          continue;
        }

      if (end - p > 1 && g_ascii_isalpha (p[1]))
        {
          const char *cut = find_attribute_cut (p, end, &tag_end);

          if (cut != NULL)
            {
              if (out == NULL)
                out = g_string_sized_new (length);
              g_string_append_len (out, copied, cut - copied);
              copied = tag_end;
              /* What was cut is not looked at again. */
              p = tag_end;
              continue;
            }
        }

      script = end - p > 7 && g_ascii_strncasecmp (p + 1, "script", 6) == 0 &&
               (p[7] == '>' || g_ascii_isspace (p[7]));
      if (!script && !(end - p > 6 && g_ascii_strncasecmp (p + 1, "style", 5) == 0 &&
                       (p[6] == '>' || g_ascii_isspace (p[6]))))
        {
          p++;
          continue;
        }

      tag_end = memchr (p, '>', end - p);
      if (tag_end == NULL)
        break;
      body = tag_end + 1;

      if (script)
        {
          g_autofree char *tag = g_ascii_strdown (p, tag_end - p);

          if (strstr (tag, "ld+json") != NULL)
            {
              p = body;
              continue;
            }
        }

      close_tag = find_ci (body, end, script ? "</script" : "</style");
      if (close_tag == NULL)
        break;

      if (out == NULL)
        out = g_string_sized_new (length);
      g_string_append_len (out, copied, body - copied);
      copied = close_tag;
      p = close_tag + 2;
    }

  if (out == NULL)
    return NULL;

  g_string_append_len (out, copied, end - copied);
  *out_length = out->len;
  return g_string_free (out, FALSE);
}

/* Declared charset vs. bytes: a page may declare one encoding and be in
 * another. Valid multi-byte UTF-8 is UTF-8 whatever was declared (legacy
 * text, single- or multi-byte, is practically never valid UTF-8); invalid
 * UTF-8 under a UTF-8 declaration is the legacy default. */
static char *
decide_encoding (const char *data,
                 gsize       length,
                 const char *declared,
                 gboolean   *valid)
{
  g_autofree char *sniffed = NULL;
  const char *charset = declared;
  gboolean valid_utf8;
  gboolean has_multibyte = FALSE;
  gsize check = length;

  if (charset == NULL || charset[0] == '\0')
    {
      sniffed = clipper_html_guess_encoding (data, length);
      charset = sniffed;
    }

  valid_utf8 = clipper_html_is_valid_utf8 (data, check);
  *valid = valid_utf8;

  /* Only needed when a single-byte charset is declared. */
  if (valid_utf8)
    for (gsize i = 0; i < check && !has_multibyte; i++)
      has_multibyte = (guchar)data[i] >= 0x80;

  /* As the HTML standard reads a <meta> that says UTF-16: text with no
   * NUL among its first bytes is not UTF-16 or UTF-32, whatever it says. */
  if ((g_ascii_strncasecmp (charset, "utf-16", 6) == 0 ||
       g_ascii_strncasecmp (charset, "utf-32", 6) == 0) &&
      memchr (data, '\0', MIN (length, 512)) == NULL)
    charset = "utf-8";

  if (g_ascii_strcasecmp (charset, "utf-8") == 0 || g_ascii_strcasecmp (charset, "utf8") == 0)
    return g_strdup (valid_utf8 ? "UTF-8" : "windows-1252");

  /* UTF-16 and UTF-32 are told by their BOM and NULs, never valid here. */
  if (valid_utf8 && has_multibyte)
    return g_strdup ("UTF-8");

  /* The HTML standard reads these labels as windows-1252. */
  if (g_ascii_strcasecmp (charset, "iso-8859-1") == 0 ||
      g_ascii_strcasecmp (charset, "latin1") == 0 ||
      g_ascii_strcasecmp (charset, "us-ascii") == 0 ||
      g_ascii_strcasecmp (charset, "ascii") == 0)
    return g_strdup ("windows-1252");

  return g_strdup (charset);
}

static gboolean
is_web_address (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 ||
                            g_ascii_strcasecmp (scheme, "https") == 0);
}

static char *
document_base (htmlDocPtr  doc,
               const char *url)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *node = root; node; node = next_in_order (node, root))
    if (is_element (node, "base"))
      {
        g_autofree xmlChar *href = xmlGetProp (node, (const xmlChar *)"href");

        if (href && href[0])
          return clipper_uri_resolve (url, (const char *)href);
        break;
      }
    else if (is_element (node, "body"))
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
_clipper_extractor_fix_lazy_image (xmlNode *node)
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

/* Readability's isProbablyReaderable: enough long paragraphs. */
/* The author the page's metadata names, if any. */
static const char *
metadata_byline (GHashTable   *values,
                 const JsonLd *ld)
{
  const char *value;

  value = ld->byline ? ld->byline : first_of (values, "dc:creator", "dcterm:creator", "author",
                                              "parsely-author", NULL);
  if (value == NULL)
    {
      const char *author = g_hash_table_lookup (values, "article:author");

      if (author && !looks_like_url (author))
        value = author;
    }
  return value;
}

static gboolean
is_probably_article (htmlDocPtr doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  double score = 0;

  for (xmlNode *node = root; node; node = next_in_order (node, root))
    {
      int length;

      if (!(is_element (node, "p") || is_element (node, "pre") || is_element (node, "article")))
        continue;

      if (is_element (node->parent, "li"))
        continue;

      /* One block of 541 characters is enough on its own: no need to
       * count an <article> of ten megabytes to the end. */
      length = _clipper_extractor_text_length_capped (node, 541);
      if (length < 140)
        continue;

      score += sqrt (length - 140);
      if (score > 20)
        return TRUE;
    }

  return FALSE;
}

static char *
first_paragraph (xmlNode *root)
{
  for (xmlNode *node = root; node; node = next_in_order (node, root))
    if (is_element (node, "p"))
      {
        g_autofree char *text = _clipper_extractor_inner_text (node);

        if (text[0] != '\0')
          return g_steal_pointer (&text);
      }

  return NULL;
}

static void
json_ld_clear (JsonLd *ld)
{
  g_free (ld->title);
  g_free (ld->byline);
  g_free (ld->excerpt);
  g_free (ld->site_name);
  g_free (ld->published);
  g_free (ld->image);
}

static char *
normalize_date (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || text[0] == '\0')
    return NULL;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    {
      /* A date without a zone is taken as UTC. */
      g_autofree char *with_zone = g_strconcat (text, strchr (text, 'T') ? "Z" : "T00:00:00Z", NULL);

      dt = g_date_time_new_from_iso8601 (with_zone, NULL);
    }

  if (dt == NULL)
    return g_strdup (text);

  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

    return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  }
}

/**
 * clipper_extractor_extract:
 * @data: the page's bytes, in any character set
 * @url: (nullable): the page's address, for relative links
 * @encoding: (nullable): the character set from the HTTP header, if any
 *
 * Finds the article in a page. Never fails: a page without an article
 * comes back whole and sanitised with is_article unset.
 */
ClipperArticle *
clipper_extractor_extract (const char *data,
                           gsize       length,
                           const char *url,
                           const char *encoding)
{
  g_autoptr(ClipperArticle) article = g_new0 (ClipperArticle, 1);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *charset = NULL;
  g_autofree char *base = NULL;
  g_autofree char *page_title = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *decoded = NULL;
  g_autoptr(xmlDoc) best_doc = NULL;
  xmlNode *best = NULL;
  int best_length = -1;
  char *best_byline = NULL;
  gboolean best_whole_body = FALSE;
  char *best_dir = NULL;
  JsonLd ld = { 0 };
  ClipperGrabFlags flags[] = {
    CLIPPER_GRAB_ALL,
    CLIPPER_GRAB_ALL & ~CLIPPER_GRAB_STRIP_UNLIKELY,
    CLIPPER_GRAB_ALL & ~(CLIPPER_GRAB_STRIP_UNLIKELY | CLIPPER_GRAB_WEIGHT_CLASSES),
    0,
  };
  const char *value;
  gboolean valid_utf8;

  if (data == NULL)
    length = 0;

  charset = decide_encoding (data ? data : "", length, encoding, &valid_utf8);

  /* Everything else is decoded once, here, so that every pass below
   * reads UTF-8 and a bad sequence costs one character, not the rest. */
  if (!(valid_utf8 && g_str_equal (charset, "UTF-8")) && length > 0)
    {
      decoded = clipper_html_decode (data, length, charset, NULL);
      data = decoded;
      length = strlen (decoded);
      valid_utf8 = TRUE;
      g_free (charset);
      charset = g_strdup ("UTF-8");
    }

  if (data != NULL)
    {
      gsize stripped_length = 0;

      stripped = strip_scripts (data, length, &stripped_length);
      if (stripped != NULL)
        {
          data = stripped;
          length = stripped_length;
        }
    }

  for (guint attempt = 0; attempt < G_N_ELEMENTS (flags); attempt++)
    {
      g_autoptr(xmlDoc) doc = NULL;
      ClipperGrab grab = { 0 };
      xmlNode *content;
      int text_length;

      /* Valid UTF-8 needs no second check or repair. */
      if (valid_utf8 && g_str_equal (charset, "UTF-8"))
        doc = clipper_html_read (data, length, charset);
      else
        doc = clipper_html_parse (data ? data : "", length, charset);

      if (doc == NULL)
        break;

      if (attempt == 0)
        {
          g_autofree char *lang = clipper_html_dup_lang (doc);

          read_metadata (doc, values, &ld);
          base = document_base (doc, url);
          article->lang = g_steal_pointer (&lang);
          article->is_article = is_probably_article (doc);

          value = ld.title ? ld.title : first_of (values, "dc:title", "dcterm:title", "og:title",
                                                   "weibo:article:title", "weibo:webpage:title",
                                                   "title", "twitter:title", "parsely-title", NULL);
          page_title = value ? unescape_entities (value) : get_article_title (doc);
        }

      _clipper_extractor_prepare_doc (doc);

      grab.title = page_title;
      grab.flags = flags[attempt];
      content = _clipper_extractor_grab (doc, &grab);
      text_length = content ? grab.text_length : 0;

      if (text_length > best_length)
        {
          if (best != NULL)
            xmlFreeNode (best);
          g_clear_pointer (&best_doc, xmlFreeDoc);
          g_free (best_byline);
          g_free (best_dir);
          best = content;
          best_doc = g_steal_pointer (&doc);
          best_length = text_length;
          best_byline = g_steal_pointer (&grab.byline);
          best_dir = g_steal_pointer (&grab.dir);
          best_whole_body = grab.whole_body;
        }
      else
        {
          if (content)
            xmlFreeNode (content);
          g_free (grab.byline);
          g_free (grab.dir);
        }

      if (best_length >= CHAR_THRESHOLD)
        break;
    }

  article->title = g_strdup (page_title ? page_title : "");

  value = metadata_byline (values, &ld);
  if (value == NULL && best_byline == NULL)
    value = g_hash_table_lookup (values, "itemprop:author");
  article->byline = value ? unescape_entities (value) : g_steal_pointer (&best_byline);
  g_free (best_byline);

  value = ld.excerpt ? ld.excerpt : first_of (values, "dc:description", "dcterm:description",
                                              "og:description", "weibo:article:description",
                                              "weibo:webpage:description", "description",
                                              "twitter:description", NULL);
  article->excerpt = value ? unescape_entities (value) : NULL;

  value = ld.site_name ? ld.site_name : first_of (values, "og:site_name", NULL);
  article->site_name = value ? unescape_entities (value) : NULL;

  value = ld.published ? ld.published : first_of (values, "article:published_time",
                                                  "parsely-pub-date", "itemprop:datePublished",
                                                  "time", NULL);
  article->published = normalize_date (value);

  value = ld.image ? ld.image : first_of (values, "og:image", "twitter:image", NULL);
  article->lead_image = value ? clipper_uri_resolve (base, value) : NULL;

  article->dir = best_dir;

  /* Long paragraphs or enough text make an article; anything else
   * (a login form, search results, an empty page) is kept whole. */
  article->is_article = article->is_article || best_length >= CHAR_THRESHOLD / 2;

  if (!article->is_article)
    {
      g_autoptr(xmlDoc) doc = clipper_html_parse (data ? data : "", length, charset);
      xmlNode *body = doc ? clipper_html_get_body (doc) : NULL;

      if (body != NULL)
        _clipper_extractor_remove_hidden (body);

      /* A part of the page holds nearly all its visible text: the rest is
       * a heading or chrome, and that part is the better copy. */
      if (body != NULL && best != NULL && best_length > 0 && !best_whole_body &&
          best_length >= 0.9 * _clipper_extractor_text_length (body))
        article->is_article = TRUE;
      else if (body != NULL)
        {
          clipper_sanitizer_clean (body, base);
          article->content = clipper_html_serialize_children (doc, body);
          article->text = clipper_html_dup_text (body);
        }
    }

  if (article->content == NULL && best != NULL && best_length > 0)
    {
      clipper_sanitizer_clean (best, base);
      article->content = clipper_html_serialize_children (best_doc, best);
      article->text = clipper_html_dup_text (best);
      if (article->excerpt == NULL)
        article->excerpt = first_paragraph (best);
      if (article->lead_image == NULL)
        for (xmlNode *node = best; node; node = next_in_order (node, best))
          if (is_element (node, "img"))
            {
              g_autofree xmlChar *src = xmlGetProp (node, (const xmlChar *)"src");

              article->lead_image = g_strdup ((const char *)src);
              break;
            }
    }
  else if (article->content == NULL)
    {
      article->content = g_strdup ("");
      article->text = g_strdup ("");
      article->is_article = FALSE;
    }

  if (best != NULL)
    xmlFreeNode (best);
  json_ld_clear (&ld);

  if (article->title[0] == '\0')
    {
      g_free (article->title);
      article->title = g_strndup (article->text, strcspn (article->text, "\n"));
    }

  /* Metadata is shown in rows and printed to terminals: no controls. */
  clipper_html_strip_controls (article->title);
  clipper_html_strip_controls (article->byline);
  clipper_html_strip_controls (article->site_name);
  clipper_html_strip_controls (article->excerpt);
  clipper_html_strip_controls (article->published);
  clipper_html_strip_controls (article->lang);
  clipper_html_strip_controls (article->dir);

  /* The lead image is an address like any other in the article. */
  if (article->lead_image != NULL && !is_web_address (article->lead_image))
    g_clear_pointer (&article->lead_image, g_free);

  return g_steal_pointer (&article);
}

char *
clipper_article_to_json (const ClipperArticle *article)
{
  GString *out = g_string_new ("{");

  clipper_json_append_member (out, "title", article->title, FALSE);
  clipper_json_append_member (out, "byline", article->byline, FALSE);
  clipper_json_append_member (out, "siteName", article->site_name, FALSE);
  clipper_json_append_member (out, "publishedTime", article->published, FALSE);
  clipper_json_append_member (out, "excerpt", article->excerpt, FALSE);
  clipper_json_append_member (out, "lang", article->lang, FALSE);
  clipper_json_append_member (out, "dir", article->dir, FALSE);
  clipper_json_append_member (out, "leadImage", article->lead_image, FALSE);
  g_string_append_printf (out, "\"isArticle\":%s,", article->is_article ? "true" : "false");
  clipper_json_append_member (out, "content", article->content, FALSE);
  clipper_json_append_member (out, "textContent", article->text, TRUE);
  g_string_append (out, "}");

  return g_string_free (out, FALSE);
}
