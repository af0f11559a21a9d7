/* clipper-citation.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a clipping is cited as: its item type, authors as names, title,
 * container, dates and address, filled from extraction and editable, with
 * a citation key in the form Better BibTeX made familiar.
 */

#define G_LOG_DOMAIN "clipper-citation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "clipper-citation.h"
#include "clipper-error.h"
#include "clipper-json.h"
#include "clipper-uri.h"

G_DEFINE_BOXED_TYPE (ClipperCitation, clipper_citation, clipper_citation_copy, clipper_citation_free)

static const char * const item_types[] = {
  [CLIPPER_ITEM_WEBPAGE] = "webpage",
  [CLIPPER_ITEM_NEWSPAPER_ARTICLE] = "article-newspaper",
  [CLIPPER_ITEM_BLOG_POST] = "post-weblog",
  [CLIPPER_ITEM_MAGAZINE_ARTICLE] = "article-magazine",
};

const char *
clipper_item_type_to_csl (ClipperItemType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (item_types), "webpage");

  return item_types[type];
}

gboolean
clipper_item_type_from_csl (const char      *name,
                            ClipperItemType *type)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (item_types); i++)
    if (g_str_equal (name, item_types[i]))
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

ClipperName *
clipper_name_new (const char *family,
                  const char *given,
                  const char *literal)
{
  ClipperName *name = g_new0 (ClipperName, 1);

  name->family = g_strdup (family);
  name->given = g_strdup (given);
  name->literal = g_strdup (literal);
  return name;
}

void
clipper_name_free (ClipperName *name)
{
  if (name == NULL)
    return;

  g_free (name->family);
  g_free (name->given);
  g_free (name->literal);
  g_free (name);
}

static ClipperName *
name_copy (const ClipperName *name,
           gpointer           user_data)
{
  return clipper_name_new (name->family, name->given, name->literal);
}

ClipperCitation *
clipper_citation_new (void)
{
  ClipperCitation *citation = g_new0 (ClipperCitation, 1);

  citation->authors = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_name_free);
  return citation;
}

ClipperCitation *
clipper_citation_copy (const ClipperCitation *citation)
{
  ClipperCitation *copy = g_new0 (ClipperCitation, 1);

  *copy = *citation;
  copy->key = g_strdup (citation->key);
  copy->authors = g_ptr_array_copy (citation->authors, (GCopyFunc)name_copy, NULL);
  g_ptr_array_set_free_func (copy->authors, (GDestroyNotify)clipper_name_free);
  copy->title = g_strdup (citation->title);
  copy->container = g_strdup (citation->container);
  copy->publisher = g_strdup (citation->publisher);
  copy->issued = g_strdup (citation->issued);
  copy->url = g_strdup (citation->url);
  copy->language = g_strdup (citation->language);
  copy->text_sha256 = g_strdup (citation->text_sha256);
  return copy;
}

void
clipper_citation_free (ClipperCitation *citation)
{
  if (citation == NULL)
    return;

  g_free (citation->key);
  g_clear_pointer (&citation->authors, g_ptr_array_unref);
  g_free (citation->title);
  g_free (citation->container);
  g_free (citation->publisher);
  g_free (citation->issued);
  g_free (citation->url);
  g_free (citation->language);
  g_free (citation->text_sha256);
  g_free (citation);
}

/* Words that name an organisation rather than a person. */
static const char * const organisation_words[] = {
  "agency", "associated", "board", "bureau", "council", "department", "desk", "editorial",
  "editors", "foundation", "group", "inc", "institute", "ltd", "ministry", "news", "newsroom",
  "office", "organisation", "organization", "press", "reporter", "reporters", "staff", "team",
  "university", "wire", NULL
};

/* Lower-case words that belong to the family name that follows them. */
static const char * const particles[] = {
  "al", "bin", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le",
  "van", "von", "ten", "ter", NULL
};

static gboolean
is_organisation (char **words)
{
  guint n = g_strv_length (words);

  /* One word is a mononym, a wire service or a handle: kept whole. */
  if (n == 1)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *lower = g_utf8_strdown (words[i], -1);

      g_strstrip (lower);
      while (lower[0] && strchr (".,", lower[strlen (lower) - 1]))
        lower[strlen (lower) - 1] = '\0';
      if (g_strv_contains (organisation_words, lower))
        return TRUE;
    }
  return FALSE;
}

/* One person's or organisation's name as written ("Jane Doe",
 * "Jean-Paul de la Fontaine", "Reuters Staff"). */
static ClipperName *
parse_one (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *whole = NULL;
  guint family_start;

  for (guint i = 0; words[i]; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_add (kept, NULL);

  if (kept->len == 1)
    return NULL;

  whole = g_strjoinv (" ", (char **)kept->pdata);
  if (is_organisation ((char **)kept->pdata))
    return clipper_name_new (NULL, NULL, whole);

  family_start = kept->len - 2;
  while (family_start > 1 && g_strv_contains (particles, g_ptr_array_index (kept, family_start - 1)))
    family_start--;

  {
    g_autofree char *given = NULL;
    g_autofree char *family = NULL;

    g_ptr_array_index (kept, kept->len - 1) = NULL;
    family = g_strjoinv (" ", (char **)kept->pdata + family_start);
    g_ptr_array_index (kept, family_start) = NULL;
    given = g_strjoinv (" ", (char **)kept->pdata);
    return clipper_name_new (family, given, NULL);
  }
}

/* @text with "and" and "&" between names made commas. */
static char *
normalise_separators (const char *text)
{
  GString *out = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);

  for (guint i = 0; words[i]; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (g_ascii_strcasecmp (words[i], "and") == 0 || g_str_equal (words[i], "&"))
        {
          g_string_append (out, ",");
          continue;
        }
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  return g_string_free (out, FALSE);
}

/**
 * clipper_names_parse:
 * @byline: (nullable): a page's byline ("By Jane Doe and John Smith")
 *
 * Returns: (transfer full) (element-type ClipperName): the names in it:
 *   people split into family and given names, organisations kept whole
 */
GPtrArray *
clipper_names_parse (const char *byline)
{
  GPtrArray *names = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_name_free);
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  const char *start;
  guint n_parts;

  if (byline == NULL)
    return names;

  start = byline;
  while (g_ascii_isspace (*start))
    start++;
  if (g_ascii_strncasecmp (start, "by ", 3) == 0)
    start += 3;

  text = normalise_separators (start);
  parts = g_strsplit_set (text, ",;", -1);
  for (guint i = 0; parts[i]; i++)
    g_strstrip (parts[i]);
  n_parts = g_strv_length (parts);

  /* "Doe, Jane": one person, family name first. */
  if (n_parts == 2 && strchr (text, ';') == NULL && strchr (parts[0], ' ') == NULL &&
      parts[1][0] != '\0' && strchr (parts[1], ' ') == NULL && !strstr (start, " and ") &&
      !strstr (start, "&") && g_unichar_isupper (g_utf8_get_char (parts[1])))
    {
      g_ptr_array_add (names, clipper_name_new (parts[0], parts[1], NULL));
      return names;
    }

  for (guint i = 0; parts[i]; i++)
    {
      ClipperName *name;

      if (parts[i][0] == '\0')
        continue;
      name = parse_one (parts[i]);
      if (name != NULL)
        g_ptr_array_add (names, name);
    }

  return names;
}

/* The names as CSL name objects, as the store keeps them. */
char *
clipper_names_to_json (GPtrArray *names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_array (builder);
  for (guint i = 0; names && i < names->len; i++)
    {
      ClipperName *name = g_ptr_array_index (names, i);

      json_builder_begin_object (builder);
      if (name->literal != NULL)
        {
          json_builder_set_member_name (builder, "literal");
          json_builder_add_string_value (builder, name->literal);
        }
      else
        {
          json_builder_set_member_name (builder, "family");
          json_builder_add_string_value (builder, name->family ? name->family : "");
          if (name->given != NULL && name->given[0] != '\0')
            {
              json_builder_set_member_name (builder, "given");
              json_builder_add_string_value (builder, name->given);
            }
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return clipper_json_builder_to_string (builder);
}

GPtrArray *
clipper_names_from_json (const char *json)
{
  GPtrArray *names = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_name_free);
  g_autoptr(JsonNode) root = json ? clipper_json_parse (json, -1, NULL) : NULL;

  for (guint i = 0; i < clipper_json_get_length (root); i++)
    {
      JsonNode *item = clipper_json_get_element (root, i);
      const char *literal = clipper_json_get_member_string (item, "literal");
      const char *family = clipper_json_get_member_string (item, "family");

      if (literal != NULL || family != NULL)
        g_ptr_array_add (names, clipper_name_new (literal ? NULL : family,
                                                  literal ? NULL : clipper_json_get_member_string (item, "given"),
                                                  literal));
    }
  return names;
}

/* A published date ("2025-02-13T16:15:00Z", "2025-02", "2025") as the
 * date part CSL and BibTeX take, or %NULL when it is not one. */
char *
clipper_issued_from_date (const char *published)
{
  gsize length = 0;

  if (published == NULL)
    return NULL;

  /* YYYY, then -MM, then -DD, each only after the one before. */
  for (gsize i = 0; i < 4; i++)
    if (!g_ascii_isdigit (published[i]))
      return NULL;
  length = 4;
  if (published[4] == '-' && g_ascii_isdigit (published[5]) && g_ascii_isdigit (published[6]))
    {
      length = 7;
      if (published[7] == '-' && g_ascii_isdigit (published[8]) && g_ascii_isdigit (published[9]))
        length = 10;
    }
  if (published[length] != '\0' && published[length] != 'T' && published[length] != ' ')
    return NULL;

  /* A month and a day that exist. */
  if (length >= 7)
    {
      guint year = g_ascii_strtoull (published, NULL, 10);
      guint month = g_ascii_strtoull (published + 5, NULL, 10);
      guint day = length == 10 ? g_ascii_strtoull (published + 8, NULL, 10) : 1;

      if (month < 1 || month > 12 || !g_date_valid_dmy (day, month, year))
        return NULL;
    }

  return g_strndup (published, length);
}

/* Blogging platforms, and publications that call themselves magazines. */
static ClipperItemType
type_from_site (const char *host,
                const char *site)
{
  static const char * const blog_hosts[] = {
    "blogspot.com", "wordpress.com", "medium.com", "substack.com", "tumblr.com", "ghost.io",
    "hashnode.dev", "dev.to", NULL
  };
  g_autofree char *lower_site = site ? g_utf8_strdown (site, -1) : NULL;

  for (guint i = 0; host != NULL && blog_hosts[i]; i++)
    if (g_str_equal (host, blog_hosts[i]) ||
        (g_str_has_suffix (host, blog_hosts[i]) && host[strlen (host) - strlen (blog_hosts[i]) - 1] == '.'))
      return CLIPPER_ITEM_BLOG_POST;
  if (host != NULL && g_str_has_prefix (host, "blog."))
    return CLIPPER_ITEM_BLOG_POST;
  if (lower_site != NULL && strstr (lower_site, "magazine"))
    return CLIPPER_ITEM_MAGAZINE_ARTICLE;
  return CLIPPER_ITEM_WEBPAGE;
}

/**
 * clipper_citation_new_for_clipping:
 *
 * What extraction found, as a citation: the key is left for the library
 * to choose.
 */
ClipperCitation *
clipper_citation_new_for_clipping (ClipperClipping *clipping)
{
  ClipperCitation *citation = clipper_citation_new ();
  const char *site = clipper_clipping_get_site_name (clipping);
  g_autofree char *host = clipper_uri_dup_site_host (clipper_clipping_get_url (clipping));

  citation->clipping_id = clipper_clipping_get_id (clipping);
  if (!clipper_item_type_from_csl (clipper_clipping_get_item_type (clipping), &citation->type))
    citation->type = type_from_site (host, site);
  g_clear_pointer (&citation->authors, g_ptr_array_unref);
  citation->authors = clipper_names_parse (clipper_clipping_get_byline (clipping));
  citation->title = g_strdup (clipper_clipping_get_title (clipping));
  citation->container = g_strdup (site && site[0] ? site : host);
  citation->issued = clipper_issued_from_date (clipper_clipping_get_published (clipping));
  citation->accessed = clipper_clipping_get_clipped_at (clipping);
  citation->url = g_strdup (clipper_clipping_get_url (clipping));
  citation->language = g_strdup (clipper_clipping_get_lang (clipping));
  return citation;
}

char *
clipper_citation_dup_year (const ClipperCitation *citation)
{
  return citation->issued ? g_strndup (citation->issued, 4) : NULL;
}

/* Lower-case ASCII letters and digits of @text, accents folded. */
static char *
key_part (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text ? text : "", "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

/* Words a title starts with that say nothing about it. */
static const char * const function_words[] = {
  "a", "about", "after", "against", "an", "and", "as", "at", "before", "but", "by", "for",
  "from", "how", "in", "into", "is", "it", "of", "on", "or", "over", "so", "the", "this",
  "to", "under", "up", "what", "when", "where", "which", "who", "why", "with", NULL
};

/**
 * clipper_citation_dup_key_base:
 *
 * The key before the library makes it unique: the first author's family
 * name, lower-cased, then the first significant word of the title, then
 * the year ("doeglacier2025").
 */
char *
clipper_citation_dup_key_base (const ClipperCitation *citation)
{
  g_autofree char *author = NULL;
  g_autofree char *word = NULL;
  g_autofree char *year = clipper_citation_dup_year (citation);
  g_auto(GStrv) title_words = NULL;

  if (citation->authors->len > 0)
    {
      ClipperName *first = g_ptr_array_index (citation->authors, 0);

      if (first->literal != NULL)
        {
          g_auto(GStrv) words = g_strsplit (first->literal, " ", 2);

          author = key_part (words[0]);
        }
      else
        author = key_part (first->family);
    }

  title_words = g_strsplit_set (citation->title ? citation->title : "", " \t\n-–—:;,.!?\"'“”‘’()[]", -1);
  for (guint i = 0; title_words[i] && word == NULL; i++)
    {
      g_autofree char *part = key_part (title_words[i]);

      /* A number says less than the word after it; the year comes last. */
      if (part[0] != '\0' && !g_strv_contains (function_words, part) &&
          strspn (part, "0123456789") != strlen (part))
        word = g_steal_pointer (&part);
    }

  {
    g_autofree char *key = g_strconcat (author ? author : "", word ? word : "", year ? year : "", NULL);

    if (key[0] == '\0' || g_ascii_isdigit (key[0]))
      {
        g_autofree char *prefixed = g_strconcat ("item", key, NULL);

        return g_steal_pointer (&prefixed);
      }
    return g_steal_pointer (&key);
  }
}

/* "Doe, Jane; Smith, John; {Reuters}": as the command line takes and
 * shows them. */
char *
clipper_citation_format_authors (const ClipperCitation *citation)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < citation->authors->len; i++)
    {
      ClipperName *name = g_ptr_array_index (citation->authors, i);

      if (i > 0)
        g_string_append (out, "; ");
      if (name->literal != NULL)
        g_string_append_printf (out, "{%s}", name->literal);
      else if (name->given != NULL && name->given[0] != '\0')
        g_string_append_printf (out, "%s, %s", name->family, name->given);
      else
        g_string_append (out, name->family);
    }
  return g_string_free (out, FALSE);
}

static GPtrArray *
parse_authors_field (const char *value)
{
  GPtrArray *names = g_ptr_array_new_with_free_func ((GDestroyNotify)clipper_name_free);
  g_auto(GStrv) parts = g_strsplit (value, ";", -1);

  for (guint i = 0; parts[i]; i++)
    {
      char *part = g_strstrip (parts[i]);
      gsize length = strlen (part);
      char *comma;

      if (length == 0)
        continue;
      if (part[0] == '{' && part[length - 1] == '}')
        {
          g_autofree char *literal = g_strndup (part + 1, length - 2);

          g_ptr_array_add (names, clipper_name_new (NULL, NULL, g_strstrip (literal)));
        }
      else if ((comma = strchr (part, ',')) != NULL)
        {
          *comma = '\0';
          g_ptr_array_add (names, clipper_name_new (g_strstrip (part), g_strstrip (comma + 1), NULL));
        }
      else
        g_ptr_array_add (names, clipper_name_new (part, NULL, NULL));
    }
  return names;
}

static gboolean
parse_day (const char *value,
           gint64     *time)
{
  g_autofree char *with_time = g_strconcat (value, "T00:00:00Z", NULL);
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (with_time, NULL);

  if (dt == NULL || strlen (value) != 10)
    return FALSE;
  *time = g_date_time_to_unix (dt);
  return TRUE;
}

static gboolean
is_key (const char *value)
{
  if (value[0] == '\0' || strlen (value) > 100)
    return FALSE;
  for (const char *p = value; *p; p++)
    if (!(g_ascii_isalnum (*p) || strchr ("_-:.+/", *p)))
      return FALSE;
  return TRUE;
}

/**
 * clipper_citation_set_field:
 * @field: key, type, authors, title, container, publisher, issued,
 *   accessed, url or language
 * @value: the new value; authors as "Family, Given; {Organisation}",
 *   dates as YYYY-MM-DD (issued also YYYY or YYYY-MM), an empty value
 *   clears an optional field
 *
 * Sets one field as a person would, and marks it edited, so that
 * re-clipping keeps it.
 */
gboolean
clipper_citation_set_field (ClipperCitation  *citation,
                            const char       *field,
                            const char       *value,
                            GError          **error)
{
  char **text_field = NULL;
  ClipperCitationField bit = 0;

  g_return_val_if_fail (citation != NULL, FALSE);
  g_return_val_if_fail (field != NULL && value != NULL, FALSE);

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT, _("The value is not valid UTF-8."));
      return FALSE;
    }

  if (g_str_equal (field, "key"))
    {
      if (!is_key (value))
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                       _("“%s” is not a citation key: use letters, digits and _-:.+/ only."), value);
          return FALSE;
        }
      text_field = &citation->key;
      bit = CLIPPER_CITATION_FIELD_KEY;
    }
  else if (g_str_equal (field, "type"))
    {
      if (!clipper_item_type_from_csl (value, &citation->type))
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                       _("“%s” is not an item type: use webpage, article-newspaper, post-weblog or "
                         "article-magazine."),
                       value);
          return FALSE;
        }
      bit = CLIPPER_CITATION_FIELD_TYPE;
    }
  else if (g_str_equal (field, "authors"))
    {
      g_ptr_array_unref (citation->authors);
      citation->authors = parse_authors_field (value);
      bit = CLIPPER_CITATION_FIELD_AUTHORS;
    }
  else if (g_str_equal (field, "issued"))
    {
      g_autofree char *issued = clipper_issued_from_date (value);

      if (value[0] != '\0' && (issued == NULL || !g_str_equal (issued, value)))
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                       _("“%s” is not a date: use YYYY, YYYY-MM or YYYY-MM-DD."), value);
          return FALSE;
        }
      text_field = &citation->issued;
      bit = CLIPPER_CITATION_FIELD_ISSUED;
    }
  else if (g_str_equal (field, "accessed"))
    {
      if (!parse_day (value, &citation->accessed))
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                       _("“%s” is not a date: use YYYY-MM-DD."), value);
          return FALSE;
        }
      bit = CLIPPER_CITATION_FIELD_ACCESSED;
    }
  else if (g_str_equal (field, "title"))
    text_field = &citation->title, bit = CLIPPER_CITATION_FIELD_TITLE;
  else if (g_str_equal (field, "container"))
    text_field = &citation->container, bit = CLIPPER_CITATION_FIELD_CONTAINER;
  else if (g_str_equal (field, "publisher"))
    text_field = &citation->publisher, bit = CLIPPER_CITATION_FIELD_PUBLISHER;
  else if (g_str_equal (field, "url"))
    text_field = &citation->url, bit = CLIPPER_CITATION_FIELD_URL;
  else if (g_str_equal (field, "language"))
    text_field = &citation->language, bit = CLIPPER_CITATION_FIELD_LANGUAGE;
  else
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("“%s” is not a citation field: use key, type, authors, title, container, "
                     "publisher, issued, accessed, url or language."),
                   field);
      return FALSE;
    }

  if (text_field != NULL)
    {
      g_free (*text_field);
      /* The title and key are never empty; the rest may be cleared. */
      *text_field = value[0] || bit == CLIPPER_CITATION_FIELD_TITLE ? g_strdup (value) : NULL;
    }
  citation->edited |= bit;
  return TRUE;
}
