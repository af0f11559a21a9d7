/* clipper-cite-formats.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Citations in the formats reference managers read: CSL-JSON (Zotero,
 * pandoc), biblatex (@online with urldate) and RIS.
 */

#define G_LOG_DOMAIN "clipper-citation"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "clipper-cite-formats.h"
#include "clipper-json.h"

gboolean
clipper_cite_format_from_name (const char        *name,
                               ClipperCiteFormat *format)
{
  if (g_strcmp0 (name, "csl-json") == 0)
    *format = CLIPPER_CITE_FORMAT_CSL_JSON;
  else if (g_strcmp0 (name, "bibtex") == 0 || g_strcmp0 (name, "biblatex") == 0)
    *format = CLIPPER_CITE_FORMAT_BIBTEX;
  else if (g_strcmp0 (name, "ris") == 0)
    *format = CLIPPER_CITE_FORMAT_RIS;
  else
    return FALSE;
  return TRUE;
}

const char *
clipper_cite_format_extension (ClipperCiteFormat format)
{
  switch (format)
    {
    case CLIPPER_CITE_FORMAT_BIBTEX:
      return "bib";
    case CLIPPER_CITE_FORMAT_RIS:
      return "ris";
    case CLIPPER_CITE_FORMAT_CSL_JSON:
    default:
      return "json";
    }
}

/* "2025-02-13" as CSL's [[2025, 2, 13]]. */
static void
add_date_parts (JsonBuilder *builder,
                const char  *name,
                const char  *date)
{
  g_auto(GStrv) parts = g_strsplit (date, "-", 3);

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "date-parts");
  json_builder_begin_array (builder);
  json_builder_begin_array (builder);
  for (guint i = 0; parts[i]; i++)
    json_builder_add_int_value (builder, g_ascii_strtoll (parts[i], NULL, 10));
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static char *
format_day (gint64      time,
            const char *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (time);

  return dt ? g_date_time_format (dt, format) : g_strdup ("");
}

static void
add_optional (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  if (value != NULL && value[0] != '\0')
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
}

/* How much of @family is lower-case words before the name ("de la " in
 * "de la Fontaine"), 0 when none. */
static gsize
particle_length (const char *family)
{
  const char *last_space = strrchr (family, ' ');

  if (last_space == NULL || !g_unichar_islower (g_utf8_get_char (family)))
    return 0;
  for (const char *p = family; p < last_space; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != ' ' && (p == family || p[-1] == ' ') && !g_unichar_islower (c))
        return 0;
    }
  return last_space + 1 - family;
}

static char *
write_csl_json (GPtrArray *citations)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < citations->len; i++)
    {
      ClipperCitation *citation = g_ptr_array_index (citations, i);
      g_autofree char *accessed = format_day (citation->accessed, "%Y-%m-%d");

      json_builder_begin_object (builder);
      add_optional (builder, "id", citation->key);
      add_optional (builder, "type", clipper_item_type_to_csl (citation->type));
      add_optional (builder, "title", citation->title);
      add_optional (builder, "container-title", citation->container);
      add_optional (builder, "publisher", citation->publisher);
      add_optional (builder, "URL", citation->url);
      add_optional (builder, "language", citation->language);
      if (citation->authors->len > 0)
        {
          json_builder_set_member_name (builder, "author");
          json_builder_begin_array (builder);
          for (guint j = 0; j < citation->authors->len; j++)
            {
              ClipperName *name = g_ptr_array_index (citation->authors, j);

              json_builder_begin_object (builder);
              if (name->literal != NULL)
                add_optional (builder, "literal", name->literal);
              else
                {
                  const char *family = name->family ? name->family : "";
                  gsize particle = particle_length (family);

                  /* "de la Fontaine": the particle apart, as CSL has it,
                   * so that every processor sorts and shows it alike. */
                  if (particle > 0)
                    {
                      g_autofree char *words = g_strndup (family, particle - 1);

                      add_optional (builder, "non-dropping-particle", words);
                      add_optional (builder, "family", family + particle);
                    }
                  else
                    add_optional (builder, "family", family);
                  add_optional (builder, "given", name->given);
                }
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      if (citation->issued != NULL)
        add_date_parts (builder, "issued", citation->issued);
      if (citation->accessed > 0)
        add_date_parts (builder, "accessed", accessed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* Indented: a person may read or edit the file. */
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  {
    g_autofree char *json = json_generator_to_data (generator, NULL);

    return g_strconcat (json, "\n", NULL);
  }
}

/**
 * clipper_cite_bibtex_escape:
 *
 * @text for a braced BibTeX value: LaTeX's special characters escaped,
 * the rest left as UTF-8, which biber and pandoc read.
 */
char *
clipper_cite_bibtex_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\textbackslash{}"); break;
      case '{': g_string_append (out, "\\{"); break;
      case '}': g_string_append (out, "\\}"); break;
      case '$': g_string_append (out, "\\$"); break;
      case '&': g_string_append (out, "\\&"); break;
      case '%': g_string_append (out, "\\%"); break;
      case '#': g_string_append (out, "\\#"); break;
      case '_': g_string_append (out, "\\_"); break;
      case '^': g_string_append (out, "\\textasciicircum{}"); break;
      case '~': g_string_append (out, "\\textasciitilde{}"); break;
      case '\n': case '\r': case '\t': g_string_append_c (out, ' '); break;
      default: g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static void
append_bibtex_field (GString    *out,
                     const char *name,
                     const char *value,
                     gboolean    escape)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || value[0] == '\0')
    return;

  escaped = escape ? clipper_cite_bibtex_escape (value) : g_strdup (value);
  g_string_append_printf (out, ",\n  %s = {%s}", name, escaped);
}

/* An address as BibTeX's url field takes it: verbatim, but with its
 * braces, spaces and percent signs, which would end or break the field,
 * percent-encoded. */
static char *
bibtex_url (const char *url)
{
  GString *out = g_string_new (NULL);

  for (const char *p = url; *p; p++)
    if (*p == '{' || *p == '}' || *p == ' ' || *p == '\\')
      g_string_append_printf (out, "%%%02X", (guchar)*p);
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static char *
write_bibtex (GPtrArray *citations)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < citations->len; i++)
    {
      ClipperCitation *citation = g_ptr_array_index (citations, i);
      g_autoptr(GString) authors = g_string_new (NULL);
      g_autofree char *urldate = format_day (citation->accessed, "%Y-%m-%d");
      g_autofree char *url = citation->url ? bibtex_url (citation->url) : NULL;
      const char *entry;
      const char *container_field;

      for (guint j = 0; j < citation->authors->len; j++)
        {
          ClipperName *name = g_ptr_array_index (citation->authors, j);
          g_autofree char *family = clipper_cite_bibtex_escape (name->literal ? name->literal : name->family);
          g_autofree char *given = clipper_cite_bibtex_escape (name->given);

          if (j > 0)
            g_string_append (authors, " and ");
          /* An organisation's name is braced whole, so that it is not
           * split into names, nor at an "and" inside it. */
          if (name->literal != NULL)
            g_string_append_printf (authors, "{%s}", family);
          else if (given[0] != '\0')
            g_string_append_printf (authors, "%s, %s", family, given);
          else
            g_string_append_printf (authors, "{%s}", family);
        }

      /* biblatex: news and magazine pieces are articles of a periodical;
       * web pages and blog posts are online. */
      if (citation->type == CLIPPER_ITEM_NEWSPAPER_ARTICLE || citation->type == CLIPPER_ITEM_MAGAZINE_ARTICLE)
        {
          entry = "article";
          container_field = "journaltitle";
        }
      else
        {
          entry = "online";
          container_field = "organization";
        }

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append_printf (out, "@%s{%s", entry, citation->key ? citation->key : "item");
      if (citation->type == CLIPPER_ITEM_NEWSPAPER_ARTICLE)
        append_bibtex_field (out, "entrysubtype", "newspaper", FALSE);
      else if (citation->type == CLIPPER_ITEM_MAGAZINE_ARTICLE)
        append_bibtex_field (out, "entrysubtype", "magazine", FALSE);
      append_bibtex_field (out, "author", authors->str, FALSE);
      append_bibtex_field (out, "title", citation->title, TRUE);
      append_bibtex_field (out, container_field, citation->container, TRUE);
      append_bibtex_field (out, "publisher", citation->publisher, TRUE);
      append_bibtex_field (out, "date", citation->issued, FALSE);
      append_bibtex_field (out, "url", url, FALSE);
      if (citation->accessed > 0)
        append_bibtex_field (out, "urldate", urldate, FALSE);
      append_bibtex_field (out, "langid", citation->language, TRUE);
      g_string_append (out, "\n}\n");
    }

  return g_string_free (out, FALSE);
}

static void
append_ris_field (GString    *out,
                  const char *tag,
                  const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  g_string_append_printf (out, "%s  - ", tag);
  /* One line a field. */
  for (const char *p = value; *p; p++)
    g_string_append_c (out, *p == '\n' || *p == '\r' ? ' ' : *p);
  g_string_append (out, "\r\n");
}

static char *
write_ris (GPtrArray *citations)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < citations->len; i++)
    {
      ClipperCitation *citation = g_ptr_array_index (citations, i);
      g_autofree char *accessed = format_day (citation->accessed, "%Y/%m/%d/");
      g_autofree char *year = clipper_citation_dup_year (citation);
      g_autofree char *date = NULL;
      const char *type;

      switch (citation->type)
        {
        case CLIPPER_ITEM_NEWSPAPER_ARTICLE:
          type = "NEWS";
          break;
        case CLIPPER_ITEM_BLOG_POST:
          type = "BLOG";
          break;
        case CLIPPER_ITEM_MAGAZINE_ARTICLE:
          type = "MGZN";
          break;
        case CLIPPER_ITEM_WEBPAGE:
        default:
          type = "ELEC";
          break;
        }

      /* RIS dates are YYYY/MM/DD/, with missing parts left empty. */
      if (citation->issued != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (citation->issued, "-", 3);

          date = g_strdup_printf ("%s/%s/%s/", parts[0], parts[0] && parts[1] ? parts[1] : "",
                                  parts[0] && parts[1] && parts[2] ? parts[2] : "");
        }

      append_ris_field (out, "TY", type);
      for (guint j = 0; j < citation->authors->len; j++)
        {
          ClipperName *name = g_ptr_array_index (citation->authors, j);
          g_autofree char *written = name->literal ? g_strdup (name->literal)
                                     : name->given && name->given[0]
                                     ? g_strdup_printf ("%s, %s", name->family, name->given)
                                     : g_strdup (name->family);

          append_ris_field (out, "AU", written);
        }
      append_ris_field (out, "TI", citation->title);
      append_ris_field (out, "T2", citation->container);
      append_ris_field (out, "PB", citation->publisher);
      append_ris_field (out, "PY", year);
      append_ris_field (out, "DA", date);
      if (citation->accessed > 0)
        append_ris_field (out, "Y2", accessed);
      append_ris_field (out, "UR", citation->url);
      append_ris_field (out, "LA", citation->language);
      append_ris_field (out, "ID", citation->key);
      g_string_append (out, "ER  - \r\n");
      if (i + 1 < citations->len)
        g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/**
 * clipper_cite_write:
 * @citations: (element-type ClipperCitation)
 *
 * Returns: (transfer full): @citations in @format, as UTF-8 text
 */
char *
clipper_cite_write (GPtrArray         *citations,
                    ClipperCiteFormat  format)
{
  g_return_val_if_fail (citations != NULL, NULL);

  switch (format)
    {
    case CLIPPER_CITE_FORMAT_BIBTEX:
      return write_bibtex (citations);
    case CLIPPER_CITE_FORMAT_RIS:
      return write_ris (citations);
    case CLIPPER_CITE_FORMAT_CSL_JSON:
    default:
      return write_csl_json (citations);
    }
}
