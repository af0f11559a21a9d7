/* clipper-cli-library.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Verbs that read and tidy the library: list, search, show, delete, tags
 * and sites.
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>

#include "clipper-cli-private.h"
#include "clipper-query.h"
#include "clipper-store.h"

/* One line per clipping: id, date, title, site; what list and search print. */
static void
print_clipping_row (ClipperClipping *clipping)
{
  g_autofree char *date = clipper_clipping_format_clipped_at (clipping);
  g_autofree char *site = clipper_clipping_dup_display_site (clipping);

  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
           clipper_clipping_get_id (clipping), date,
           clipper_clipping_get_title (clipping), site);
}

static gboolean
parse_sort (const char  *name,
            ClipperSort *sort)
{
  static const struct { const char *name; ClipperSort sort; } sorts[] = {
    { "clipped", CLIPPER_SORT_CLIPPED },
    { "published", CLIPPER_SORT_PUBLISHED },
    { "title", CLIPPER_SORT_TITLE },
    { "site", CLIPPER_SORT_SITE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    if (g_str_equal (name, sorts[i].name))
      {
        *sort = sorts[i].sort;
        return TRUE;
      }

  return FALSE;
}

int
clipper_cli_run_list (int    argc,
                      char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ClipperQuery) query = clipper_query_parse ("");
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) sites = NULL;
  g_autofree char *sort_name = NULL;
  ClipperSort sort = CLIPPER_SORT_CLIPPED;
  gboolean json = FALSE;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Only clippings with this tag (repeat for several)"), N_("TAG") },
    { "site", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sites,
      N_("Only clippings from this site (name or address)"), N_("SITE") },
    { "highlighted", 0, 0, G_OPTION_ARG_NONE, &query->has_highlights,
      N_("Only clippings with highlights"), NULL },
    { "archived", 0, 0, G_OPTION_ARG_NONE, &query->archived,
      N_("Only the archived clippings (the list leaves them out)"), NULL },
    { "unread", 0, 0, G_OPTION_ARG_NONE, &query->unread, N_("Only the clippings never opened"), NULL },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_name,
      N_("Order: clipped, published, title or site"), N_("ORDER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("list", entries, &argc, &argv, 0, 0, &status))
    return status;

  if (sort_name != NULL && !parse_sort (sort_name, &sort))
    {
      g_printerr (_("Unknown order “%s”: use clipped, published, title or site\n"), sort_name);
      return EXIT_USAGE;
    }
  for (guint i = 0; tags && tags[i]; i++)
    g_ptr_array_add (query->tags, g_strdup (tags[i]));
  for (guint i = 0; sites && sites[i]; i++)
    g_ptr_array_add (query->sites, g_strdup (sites[i]));

  if (!(store = clipper_cli_open_store (&error)) ||
      !(results = clipper_store_search (store, query, sort, 0, &error)))
    return clipper_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < results->len; i++)
        {
          ClipperSearchResult *result = g_ptr_array_index (results, i);

          json_builder_begin_object (builder);
          clipper_cli_add_clipping_members (builder, result->clipping, FALSE);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      clipper_cli_print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < results->len; i++)
    {
      ClipperSearchResult *result = g_ptr_array_index (results, i);

      print_clipping_row (result->clipping);
    }

  return EXIT_SUCCESS;
}

/* The snippet's match markers become bold on a terminal and vanish elsewhere. */
static char *
format_snippet (const char *snippet,
                gboolean    terminal)
{
  GString *out = g_string_new (NULL);

  for (const char *p = snippet; p && *p; p++)
    {
      if (*p == '\002')
        g_string_append (out, terminal ? "\033[1m" : "");
      else if (*p == '\003')
        g_string_append (out, terminal ? "\033[0m" : "");
      else if (*p == '\n' || *p == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

int
clipper_cli_run_search (int    argc,
                        char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ClipperQuery) query = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sort_name = NULL;
  ClipperSort sort = CLIPPER_SORT_CLIPPED;
  gboolean json = FALSE;
  gboolean terminal = isatty (STDOUT_FILENO);
  int limit = 50;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit, N_("Show at most N results (0 for all)"), N_("N") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_name,
      N_("Order of a search without words: clipped, published, title or site"), N_("ORDER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("search", entries, &argc, &argv, 1, -1, &status))
    return status;

  if (limit < 0)
    {
      g_printerr (_("The limit must be 0 or more\n"));
      return EXIT_USAGE;
    }
  if (sort_name != NULL && !parse_sort (sort_name, &sort))
    {
      g_printerr (_("Unknown order “%s”: use clipped, published, title or site\n"), sort_name);
      return EXIT_USAGE;
    }

  /* "search -- -word" lets a query start with an exclusion */
  text = g_strjoinv (" ", argv + (g_strcmp0 (argv[1], "--") == 0 ? 2 : 1));
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_printerr (_("The query is not valid UTF-8\n"));
      return EXIT_USAGE;
    }
  query = clipper_query_parse (text);

  if (!(store = clipper_cli_open_store (&error)) ||
      !(results = clipper_store_search (store, query, sort, limit, &error)))
    return clipper_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < results->len; i++)
        {
          ClipperSearchResult *result = g_ptr_array_index (results, i);
          g_autofree char *snippet = format_snippet (result->snippet, FALSE);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "clipping");
          json_builder_begin_object (builder);
          clipper_cli_add_clipping_members (builder, result->clipping, FALSE);
          json_builder_end_object (builder);
          clipper_json_add_string_member (builder, "snippet", result->snippet ? snippet : NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      clipper_cli_print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < results->len; i++)
    {
      ClipperSearchResult *result = g_ptr_array_index (results, i);

      print_clipping_row (result->clipping);
      if (result->snippet != NULL)
        {
          g_autofree char *snippet = format_snippet (result->snippet, terminal);

          g_print ("\t%s\n", snippet);
        }
    }

  if (results->len == 0)
    g_printerr (_("Nothing matches “%s”\n"), text);

  return EXIT_SUCCESS;
}

static int
rename_tag (ClipperStore *store,
            const char   *name,
            const char   *new_name)
{
  GError *error = NULL;

  if (!g_utf8_validate (name, -1, NULL) || !g_utf8_validate (new_name, -1, NULL))
    {
      g_printerr (_("A tag name must be valid UTF-8\n"));
      return EXIT_USAGE;
    }
  if (!clipper_store_rename_tag (store, name, new_name, &error))
    return clipper_cli_fail (error);

  return EXIT_SUCCESS;
}

/* Tags or sites: a name and how many clippings and highlights. */
static int
print_counts (GPtrArray *counts,
              gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < counts->len; i++)
        {
          ClipperCount *count = g_ptr_array_index (counts, i);

          json_builder_begin_object (builder);
          clipper_json_add_string_member (builder, "name", count->name);
          json_builder_set_member_name (builder, "clippings");
          json_builder_add_int_value (builder, count->clippings);
          json_builder_set_member_name (builder, "highlights");
          json_builder_add_int_value (builder, count->highlights);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      clipper_cli_print_json (builder);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < counts->len; i++)
    {
      ClipperCount *count = g_ptr_array_index (counts, i);

      g_print ("%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
               count->name, count->clippings, count->highlights);
    }

  return EXIT_SUCCESS;
}

typedef GPtrArray *(*CountFunc) (ClipperStore  *store,
                                 GError       **error);

/* Tags or sites with their counts; tags can also be renamed. */
static int
run_counts (const char  *verb,
            int          argc,
            char       **argv,
            gboolean     can_rename,
            CountFunc    count)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  gboolean json = FALSE;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options (verb, entries, &argc, &argv, 0, can_rename ? 3 : 0, &status))
    return status;

  if (argc > 1 && (argc != 4 || !g_str_equal (argv[1], "rename")))
    return clipper_cli_usage_error (_("Usage: clipper tags [rename TAG NEW-NAME]"));

  if (!(store = clipper_cli_open_store (&error)))
    return clipper_cli_fail (error);

  if (argc == 4)
    return rename_tag (store, argv[2], argv[3]);

  if (!(counts = count (store, &error)))
    return clipper_cli_fail (error);

  return print_counts (counts, json);
}

int
clipper_cli_run_tags (int    argc,
                      char **argv)
{
  return run_counts ("tags", argc, argv, TRUE, clipper_store_count_tags);
}

int
clipper_cli_run_sites (int    argc,
                       char **argv)
{
  return run_counts ("sites", argc, argv, FALSE, clipper_store_count_sites);
}

int
clipper_cli_run_show (int    argc,
                      char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  gboolean json = FALSE;
  GError *error = NULL;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("show", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (!clipper_cli_parse_id (argv[1], &id, &error) ||
      !(store = clipper_cli_open_store (&error)) ||
      !(clipping = clipper_store_find_clipping (store, id, &error)))
    return clipper_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autofree char *note = clipper_store_dup_clipping_note (store, id, NULL);

      json_builder_begin_object (builder);
      clipper_cli_add_clipping_members (builder, clipping, TRUE);
      /* The clipping's own note, beside its other details. */
      clipper_json_add_string_member (builder, "note", note && note[0] ? note : NULL);
      json_builder_end_object (builder);
      clipper_cli_print_json (builder);
    }
  else
    {
      g_autofree char *date = clipper_clipping_format_clipped_at (clipping);
      g_autofree char *published = clipper_clipping_dup_published_day (clipping);
      g_autofree char *site = clipper_clipping_dup_display_site (clipping);
      g_autofree char *tags = g_strjoinv (", ", (char **)clipper_clipping_get_tags (clipping));

      g_print ("%s\n", clipper_clipping_get_title (clipping));
      if (clipper_clipping_get_byline (clipping))
        g_print ("%s\n", clipper_clipping_get_byline (clipping));
      g_print ("%s · %s\n", site, date);
      if (published != NULL)
        /* Translators: %s is the day a page was published, as in “2026-12-02” */
        g_print (_("Published %s\n"), published);
      g_print ("%s\n", clipper_clipping_get_url (clipping));
      if (tags[0] != '\0')
        g_print (_("Tags: %s\n"), tags);
      {
        g_autofree char *note = clipper_store_dup_clipping_note (store, id, NULL);

        if (note && note[0])
          g_print (_("Note: %s\n"), note);
      }
      if (!clipper_clipping_get_is_article (clipping))
        g_print ("%s\n", _("No article was found in this page; the whole page was saved."));
      g_print ("\n%s\n", clipper_clipping_get_text (clipping));
    }

  return EXIT_SUCCESS;
}

int
clipper_cli_run_delete (int    argc,
                        char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  GError *error = NULL;
  gint64 id;
  int status;

  if (!clipper_cli_parse_options ("delete", NULL, &argc, &argv, 1, 1, &status))
    return status;

  if (!clipper_cli_parse_id (argv[1], &id, &error) ||
      !(store = clipper_cli_open_store (&error)) ||
      !clipper_store_delete_clipping (store, id, &error))
    return clipper_cli_fail (error);

  return EXIT_SUCCESS;
}

