/* clipper-extract-metadata.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a page says about itself: JSON-LD, <meta> (Dublin Core, OpenGraph,
 * Twitter, Parse.ly), microdata, <time>, and the title, cut from the
 * <title> when its site's name is attached.
 */

#define G_LOG_DOMAIN "clipper-extractor"

#include "config.h"

#include <string.h>

#include "clipper-extract-dom.h"
#include "clipper-extract-metadata.h"
#include "clipper-html.h"
#include "clipper-json.h"
#include "clipper-text.h"

typedef struct
{
  GHashTable *values;
  char       *title;
  char       *byline;
  char       *excerpt;
  char       *site_name;
  char       *published;
  char       *image;
  char       *type;
} JsonLd;

static const char * const article_types[] = {
  "Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle",
  "AskPublicNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle",
  "ReviewNewsArticle", "Report", "SatiricalArticle", "ScholarlyArticle",
  "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting", "LiveBlogPosting",
  "DiscussionForumPosting", "TechArticle", "APIReference", NULL
};

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
  for (xmlNode *node = root; node; node = clipper_dom_next_any (node, root))
    {
      if (clipper_dom_is (node, "h1"))
        {
          g_ptr_array_add (h1s, node);
          g_ptr_array_add (h1_and_h2s, node);
        }
      else if (clipper_dom_is (node, "h2"))
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

static gboolean
holds (JsonNode     *node,
       JsonNodeType  type)
{
  return node != NULL && json_node_get_node_type (node) == type;
}

static const char *
json_type (JsonNode *json)
{
  JsonNode *type = clipper_json_get_member (json, "@type");

  if (holds (type, JSON_NODE_ARRAY))
    {
      for (guint i = 0; i < clipper_json_get_length (type); i++)
        if (is_article_type (clipper_json_get_string (clipper_json_get_element (type, i))))
          return clipper_json_get_string (clipper_json_get_element (type, i));
      return NULL;
    }

  return clipper_json_get_string (type);
}

static gboolean
has_schema_context (JsonNode *json)
{
  JsonNode *context = clipper_json_get_member (json, "@context");
  const char *value = clipper_json_get_string (context);

  if (value == NULL && holds (context, JSON_NODE_OBJECT))
    value = clipper_json_get_member_string (context, "@vocab");

  if (value == NULL)
    return FALSE;

  return g_str_equal (value, "http://schema.org") || g_str_equal (value, "https://schema.org") ||
         g_str_equal (value, "http://schema.org/") || g_str_equal (value, "https://schema.org/");
}

static char *
json_name (JsonNode *json)
{
  if (clipper_json_get_string (json) != NULL)
    return g_strdup (clipper_json_get_string (json));
  return g_strdup (clipper_json_get_member_string (json, "name"));
}

static void
read_json_ld (const char *text,
              JsonLd     *ld,
              htmlDocPtr  doc)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *article = NULL;
  JsonNode *author;
  JsonNode *publisher;
  JsonNode *image;
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

  if (holds (root, JSON_NODE_ARRAY))
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
      JsonNode *graph = clipper_json_get_member (article, "@graph");

      for (guint i = 0; i < clipper_json_get_length (graph); i++)
        if (is_article_type (json_type (clipper_json_get_element (graph, i))))
          {
            article = clipper_json_get_element (graph, i);
            break;
          }
    }

  if (!is_article_type (json_type (article)))
    return;
  ld->type = g_strdup (json_type (article));

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
  if (holds (author, JSON_NODE_ARRAY))
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
  if (holds (image, JSON_NODE_ARRAY))
    image = clipper_json_get_element (image, 0);
  if (clipper_json_get_string (image) != NULL)
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

  for (xmlNode *node = root; node; node = clipper_dom_next_any (node, root))
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
      else if (clipper_dom_is (node, "time") && !g_hash_table_contains (values, "time"))
        {
          g_autofree xmlChar *when = xmlGetProp (node, (const xmlChar *)"datetime");

          if (when && when[0])
            g_hash_table_insert (values, g_strdup ("time"), g_strstrip (g_strdup ((const char *)when)));
        }

      if (clipper_dom_is (node, "meta"))
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
      else if (clipper_dom_is (node, "script") && ld->title == NULL && ld->byline == NULL)
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

static void
json_ld_clear (JsonLd *ld)
{
  g_free (ld->title);
  g_free (ld->byline);
  g_free (ld->excerpt);
  g_free (ld->site_name);
  g_free (ld->published);
  g_free (ld->image);
  g_free (ld->type);
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

/* The CSL item type the page's own words give it, or %NULL: schema.org's
 * news and blog types, or Open Graph's "blog". */
static const char *
item_type_of (const char *ld_type,
              const char *og_type)
{
  if (ld_type != NULL && g_str_has_suffix (ld_type, "NewsArticle"))
    return "article-newspaper";
  if (ld_type != NULL && (g_str_equal (ld_type, "BlogPosting") || g_str_equal (ld_type, "LiveBlogPosting")))
    return "post-weblog";
  if (og_type != NULL && g_ascii_strcasecmp (og_type, "blog") == 0)
    return "post-weblog";
  return NULL;
}

/**
 * clipper_metadata_read:
 *
 * What the page says about itself. Each field takes the first of its
 * sources that has it: JSON-LD, then <meta> (Dublin Core, OpenGraph,
 * Twitter, Parse.ly), then microdata, <time> and the page's title.
 */
void
clipper_metadata_read (htmlDocPtr       doc,
                       ClipperMetadata *meta)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonLd ld = { 0 };
  const char *value;

  memset (meta, 0, sizeof *meta);
  read_metadata (doc, values, &ld);

  value = ld.title ? ld.title : first_of (values, "dc:title", "dcterm:title", "og:title",
                                           "weibo:article:title", "weibo:webpage:title",
                                           "title", "twitter:title", "parsely-title", NULL);
  meta->title = value ? unescape_entities (value) : get_article_title (doc);

  value = metadata_byline (values, &ld);
  meta->byline = value ? unescape_entities (value) : NULL;
  value = g_hash_table_lookup (values, "itemprop:author");
  meta->item_author = value ? unescape_entities (value) : NULL;

  value = ld.excerpt ? ld.excerpt : first_of (values, "dc:description", "dcterm:description",
                                              "og:description", "weibo:article:description",
                                              "weibo:webpage:description", "description",
                                              "twitter:description", NULL);
  meta->excerpt = value ? unescape_entities (value) : NULL;

  value = ld.site_name ? ld.site_name : first_of (values, "og:site_name", NULL);
  meta->site_name = value ? unescape_entities (value) : NULL;

  value = ld.published ? ld.published : first_of (values, "article:published_time",
                                                  "parsely-pub-date", "itemprop:datePublished",
                                                  "time", NULL);
  meta->published = normalize_date (value);

  value = ld.image ? ld.image : first_of (values, "og:image", "twitter:image", NULL);
  meta->image = g_strdup (value);

  meta->item_type = g_strdup (item_type_of (ld.type, g_hash_table_lookup (values, "og:type")));

  json_ld_clear (&ld);
}

void
clipper_metadata_clear (ClipperMetadata *meta)
{
  g_clear_pointer (&meta->title, g_free);
  g_clear_pointer (&meta->byline, g_free);
  g_clear_pointer (&meta->item_author, g_free);
  g_clear_pointer (&meta->excerpt, g_free);
  g_clear_pointer (&meta->site_name, g_free);
  g_clear_pointer (&meta->published, g_free);
  g_clear_pointer (&meta->image, g_free);
  g_clear_pointer (&meta->item_type, g_free);
}
