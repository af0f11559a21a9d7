/* clipper-cli.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-cli.h"
#include "clipper-error.h"
#include "clipper-extractor.h"
#include "clipper-export.h"
#include "clipper-fetcher.h"
#include "clipper-image-saver.h"
#include "clipper-json.h"
#include "clipper-query.h"
#include "clipper-store.h"
#include "clipper-store-check.h"

#define EXIT_USAGE 2

typedef struct
{
  const char *name;
  const char *parameters;
  const char *summary;
  int       (*run) (int argc, char **argv);
} CliVerb;

static char *library_path;

static const GOptionEntry global_entries[] = {
  { "library", 0, 0, G_OPTION_ARG_FILENAME, &library_path,
    N_("Use the library at PATH instead of the default one"), N_("PATH") },
  { NULL }
};

static int run_clip   (int argc, char **argv);
static int run_list   (int argc, char **argv);
static int run_show   (int argc, char **argv);
static int run_delete (int argc, char **argv);
static int run_extract (int argc, char **argv);
static int run_highlights (int argc, char **argv);
static int run_highlight (int argc, char **argv);
static int run_note (int argc, char **argv);
static int run_tag (int argc, char **argv);
static int run_export (int argc, char **argv);
static int run_search (int argc, char **argv);
static int run_tags (int argc, char **argv);
static int run_sites (int argc, char **argv);
static int run_check (int argc, char **argv);
static int run_repair (int argc, char **argv);

/* Every verb of the command line; later verbs add a row here. */
static const CliVerb verbs[] = {
  { "clip", N_("FILE.html|URL"), N_("Save a page as a clipping and print its id"), run_clip },
  { "list", N_("[--tag TAG…] [--site SITE] [--highlighted] [--sort ORDER]"),
    N_("List the clippings in the library, newest first"), run_list },
  { "search", N_("QUERY…"), N_("Search titles, text, highlights, notes and tags"), run_search },
  { "show", N_("ID"), N_("Show a clipping’s details and text"), run_show },
  { "delete", N_("ID"), N_("Delete a clipping"), run_delete },
  { "extract", N_("FILE.html"), N_("Print the article found in a page, without saving it"), run_extract },
  { "highlights", N_("ID"), N_("List a clipping’s highlights and notes"), run_highlights },
  { "highlight", N_("ID --quote TEXT"), N_("Highlight a passage of a clipping"), run_highlight },
  { "note", N_("ID TEXT"), N_("Set the note on a clipping (empty text removes it)"), run_note },
  { "tag", N_("ID TAG…"), N_("Tag a clipping"), run_tag },
  { "tags", N_("[rename TAG NEW-NAME]"),
    N_("List the tags with their counts, or rename one (merging it into a tag of that name)"), run_tags },
  { "sites", N_("[--json]"), N_("List the sites of the clippings with their counts, most clippings first"), run_sites },
  { "export", N_("[ID…|--all]"), N_("Export clippings with their highlights and notes"), run_export },
  { "check", N_("[--thorough]"), N_("Check the library file and its search index for damage"), run_check },
  { "repair", N_("[--output PATH]"),
    N_("Rebuild a damaged search index, or copy what can be read of a damaged library into a new file"),
    run_repair },
};

static int
fail (GError *error)
{
  g_printerr ("clipper: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("clipper: %s\n", message);
  return EXIT_USAGE;
}

static const CliVerb *
find_verb (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_strcmp0 (verbs[i].name, name) == 0)
      return &verbs[i];
  return NULL;
}

/* Parses a verb's options; on failure prints the message and returns FALSE. */
static gboolean
parse_options (const char         *verb,
               const GOptionEntry *entries,
               int                *argc,
               char             ***argv,
               int                 min_args,
               int                 max_args,
               int                *status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const CliVerb *info = find_verb (verb);
  g_autofree char *parameters = g_strdup_printf ("%s %s", verb, _(info->parameters));

  context = g_option_context_new (parameters);
  g_option_context_set_summary (context, _(info->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error ("%s", error->message);
      return FALSE;
    }

  /* argv[0] is the verb itself. */
  if (*argc - 1 < min_args || (max_args >= 0 && *argc - 1 > max_args))
    {
      *status = usage_error (_("Usage: clipper %s"), parameters);
      return FALSE;
    }

  return TRUE;
}

static char *
dup_library_path (void)
{
  return library_path ? g_strdup (library_path) : clipper_store_dup_default_path ();
}

static ClipperStore *
open_store (GError **error)
{
  g_autofree char *path = dup_library_path ();
  ClipperStore *store = clipper_store_open (path, error);

  if (store != NULL && clipper_store_get_was_empty (store))
    g_printerr (_("clipper: “%s” was an empty file; a new library was made in it.\n"), path);
  return store;
}

static gboolean
parse_id (const char  *text,
          gint64      *id,
          GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("“%s” is not a clipping id (a whole number, as “clipper list” shows)."),
                   text);
      return FALSE;
    }

  *id = (gint64)value;
  return TRUE;
}

static char *
format_iso8601 (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return dt ? g_date_time_format_iso8601 (dt) : NULL;
}

static void
append_clipping_json (GString         *out,
                      ClipperClipping *clipping,
                      gboolean         full)
{
  g_autofree char *clipped = format_iso8601 (clipper_clipping_get_clipped_at (clipping));

  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",",
                          clipper_clipping_get_id (clipping));
  clipper_json_append_member (out, "url", clipper_clipping_get_url (clipping), FALSE);
  clipper_json_append_member (out, "title", clipper_clipping_get_title (clipping), FALSE);
  clipper_json_append_member (out, "byline", clipper_clipping_get_byline (clipping), FALSE);
  clipper_json_append_member (out, "siteName", clipper_clipping_get_site_name (clipping), FALSE);
  clipper_json_append_member (out, "publishedTime", clipper_clipping_get_published (clipping),
                              FALSE);
  clipper_json_append_member (out, "excerpt", clipper_clipping_get_excerpt (clipping), FALSE);
  clipper_json_append_member (out, "lang", clipper_clipping_get_lang (clipping), FALSE);
  clipper_json_append_member (out, "dir", clipper_clipping_get_dir (clipping), FALSE);

  if (full)
    {
      const char * const *tags = clipper_clipping_get_tags (clipping);

      g_string_append (out, "\"tags\":[");
      for (guint i = 0; tags[i]; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          clipper_json_append_string (out, tags[i]);
        }
      g_string_append (out, "],");
      clipper_json_append_member (out, "content", clipper_clipping_get_content (clipping), FALSE);
      clipper_json_append_member (out, "textContent", clipper_clipping_get_text (clipping), FALSE);
    }

  clipper_json_append_member (out, "clippedAt", clipped, TRUE);
  g_string_append_c (out, '}');
}

typedef struct
{
  GMainLoop *loop;
  GBytes    *bytes;
  char      *final_url;
  char      *charset;
  GError    *error;
} FetchWait;

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FetchWait *wait = user_data;

  wait->bytes = clipper_fetcher_fetch_page_finish (CLIPPER_FETCHER (object), result,
                                                   &wait->final_url, &wait->charset,
                                                   &wait->error);
  g_main_loop_quit (wait->loop);
}

static GBytes *
fetch_page (const char  *url,
            char       **final_url,
            char       **charset,
            GError     **error)
{
  g_autoptr(ClipperFetcher) fetcher = clipper_fetcher_new ();
  g_autoptr(GMainContext) context = g_main_context_new ();
  FetchWait wait = { 0 };
  const char *timeout = g_getenv ("CLIPPER_FETCH_TIMEOUT");

  if (timeout != NULL && atoi (timeout) > 0)
    clipper_fetcher_set_timeout (fetcher, atoi (timeout));

  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  clipper_fetcher_fetch_page_async (fetcher, url, NULL, on_fetched_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_main_context_pop_thread_default (context);

  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      return NULL;
    }

  *final_url = wait.final_url;
  *charset = wait.charset;
  return wait.bytes;
}

typedef struct
{
  GMainLoop          *loop;
  ClipperImageReport *report;
  GError             *error;
} SaveWait;

static void
on_images_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SaveWait *wait = user_data;

  wait->report = clipper_image_saver_save_finish (CLIPPER_IMAGE_SAVER (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Stores the clipping's images and points its HTML at them. */
static gboolean
save_images (ClipperStore     *store,
             ClipperClipping  *clipping,
             GError          **error)
{
  g_autoptr(ClipperImageSaver) saver = clipper_image_saver_new (store);
  g_autoptr(GMainContext) context = g_main_context_new ();
  SaveWait wait = { 0 };

  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  clipper_image_saver_save_async (saver, clipper_clipping_get_content (clipping),
                                  clipper_clipping_get_url (clipping), NULL,
                                  on_images_saved_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_main_context_pop_thread_default (context);

  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      return FALSE;
    }

  clipper_clipping_set_content (clipping, wait.report->html);
  if (wait.report->failed > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "clipper: %u image could not be saved for offline reading\n",
                             "clipper: %u images could not be saved for offline reading\n",
                             wait.report->failed),
                wait.report->failed);
  clipper_image_report_free (wait.report);

  return TRUE;
}

static int
run_clip (int    argc,
          char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *url = NULL;
  g_autofree char *final_url = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *scheme = NULL;
  g_auto(GStrv) tags = NULL;
  GError *error = NULL;
  const char *source;
  gboolean keep_separate = FALSE;
  gboolean refreshed = FALSE;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("The address the page came from (for a saved file)"), N_("URL") },
    { "new", 0, 0, G_OPTION_ARG_NONE, &keep_separate,
      N_("Keep a separate copy even if the page is in the library already"), NULL },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Tag the clipping (may be repeated)"), N_("TAG") },
    { NULL }
  };

  if (!parse_options ("clip", entries, &argc, &argv, 1, 1, &status))
    return status;

  source = argv[1];
  scheme = g_uri_parse_scheme (source);

  for (guint i = 0; tags != NULL && tags[i]; i++)
    {
      g_strstrip (tags[i]);
      if (tags[i][0] == '\0')
        return usage_error (_("A tag cannot be empty."));
    }

  if (url != NULL)
    {
      g_autofree char *url_scheme = g_uri_parse_scheme (url);

      if (url_scheme == NULL || !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
        return usage_error (_("“%s” is not a valid address for --url."), url);
    }

  if (scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https")))
    {
      bytes = fetch_page (source, &final_url, &charset, &error);
      if (bytes == NULL)
        return fail (error);
      if (url == NULL)
        url = g_steal_pointer (&final_url);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (source);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
        {
          g_autofree char *name = g_file_get_parse_name (file);

          g_clear_error (&error);
          g_set_error (&error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                       _("Could not read “%s”: there is no such readable file."), name);
          return fail (error);
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      if (url == NULL)
        url = g_file_get_uri (file);
    }

  clipping = clipper_capture_page (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   url, charset, &error);
  if (clipping == NULL)
    return fail (error);

  if (tags != NULL)
    clipper_clipping_set_tags (clipping, (const char * const *)tags);

  if (!(store = open_store (&error)) ||
      !save_images (store, clipping, &error))
    return fail (error);

  id = clipper_capture_save (store, clipping, keep_separate, &refreshed, &error);
  if (id == 0)
    return fail (error);

  if (refreshed)
    {
      g_autoptr(GPtrArray) highlights = clipper_store_list_highlights (store, id, NULL);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      guint orphans = 0;

      for (guint i = 0; highlights && i < highlights->len; i++)
        orphans += clipper_highlight_get_orphaned (g_ptr_array_index (highlights, i));

      g_printerr (_("clipper: the page was in the library already; clipping %s was refreshed\n"),
                  number);
      if (orphans > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "clipper: %u highlight could not be found in the new text and is kept as orphaned\n",
                                 "clipper: %u highlights could not be found in the new text and are kept as orphaned\n",
                                 orphans),
                    orphans);
    }

  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_SUCCESS;
}

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

static int
run_list (int    argc,
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
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_name,
      N_("Order: clipped, published, title or site"), N_("ORDER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_options ("list", entries, &argc, &argv, 0, 0, &status))
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

  if (!(store = open_store (&error)) ||
      !(results = clipper_store_search (store, query, sort, 0, &error)))
    return fail (error);

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < results->len; i++)
        {
          ClipperSearchResult *result = g_ptr_array_index (results, i);

          if (i > 0)
            g_string_append_c (out, ',');
          append_clipping_json (out, result->clipping, FALSE);
        }
      g_string_append (out, "]\n");
      fwrite (out->str, 1, out->len, stdout);
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

static int
run_search (int    argc,
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

  if (!parse_options ("search", entries, &argc, &argv, 1, -1, &status))
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

  if (!(store = open_store (&error)) ||
      !(results = clipper_store_search (store, query, sort, limit, &error)))
    return fail (error);

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < results->len; i++)
        {
          ClipperSearchResult *result = g_ptr_array_index (results, i);
          g_autofree char *snippet = format_snippet (result->snippet, FALSE);

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append (out, "{\"clipping\":");
          append_clipping_json (out, result->clipping, FALSE);
          g_string_append_c (out, ',');
          clipper_json_append_member (out, "snippet", result->snippet ? snippet : NULL, TRUE);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]\n");
      fwrite (out->str, 1, out->len, stdout);
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
    return fail (error);

  return EXIT_SUCCESS;
}

/* Tags or sites: a name and how many clippings and highlights. */
static int
print_counts (GPtrArray *counts,
              gboolean   json)
{
  if (json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < counts->len; i++)
        {
          ClipperCount *count = g_ptr_array_index (counts, i);

          g_string_append (out, i > 0 ? ",{" : "{");
          clipper_json_append_member (out, "name", count->name, TRUE);
          g_string_append_printf (out, ",\"clippings\":%" G_GINT64_FORMAT ",\"highlights\":%" G_GINT64_FORMAT "}",
                                  count->clippings, count->highlights);
        }
      g_string_append (out, "]\n");
      fwrite (out->str, 1, out->len, stdout);
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

static int
run_tags (int    argc,
          char **argv)
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

  if (!parse_options ("tags", entries, &argc, &argv, 0, 3, &status))
    return status;

  if (argc > 1 && (argc != 4 || !g_str_equal (argv[1], "rename")))
    return usage_error (_("Usage: clipper tags [rename TAG NEW-NAME]"));

  if (!(store = open_store (&error)))
    return fail (error);

  if (argc == 4)
    return rename_tag (store, argv[2], argv[3]);

  if (!(counts = clipper_store_count_tags (store, &error)))
    return fail (error);

  return print_counts (counts, json);
}

static int
run_sites (int    argc,
           char **argv)
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

  if (!parse_options ("sites", entries, &argc, &argv, 0, 0, &status))
    return status;

  if (!(store = open_store (&error)) ||
      !(counts = clipper_store_count_sites (store, &error)))
    return fail (error);

  return print_counts (counts, json);
}

static int
run_check (int    argc,
           char **argv)
{
  g_autoptr(ClipperStoreCheck) check = NULL;
  g_autofree char *path = NULL;
  gboolean thorough = FALSE;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "thorough", 0, 0, G_OPTION_ARG_NONE, &thorough,
      N_("Read every page, and compare the search index with the clippings (slow)"), NULL },
    { NULL }
  };

  if (!parse_options ("check", entries, &argc, &argv, 0, 0, &status))
    return status;
  path = dup_library_path ();

  if (!(check = clipper_store_check_file (path, thorough, &error)))
    return fail (error);

  if (clipper_store_check_is_sound (check))
    {
      g_print (_("The library “%s” is sound.\n"), path);
      return EXIT_SUCCESS;
    }

  if (check->problems)
    g_print (_("The library “%s” is damaged:\n%s\n"), path, check->problems);
  if (check->index_problems)
    g_print (_("The search index of “%s” is damaged: %s\n"), path, check->index_problems);
  g_print ("%s\n", _("“clipper repair” rebuilds the index, or copies what can be read into a new library."));
  return EXIT_FAILURE;
}

static char *
dup_repaired_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strdup_printf ("%s-repaired-%s.db", base, stamp);
  return g_build_filename (dir, name, NULL);
}

static int
run_repair (int    argc,
            char **argv)
{
  g_autoptr(ClipperStoreCheck) check = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  GError *error = NULL;
  ClipperSalvage salvage;
  int status;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where the salvaged library goes (a new file beside the damaged one by default)"), N_("PATH") },
    { NULL }
  };

  if (!parse_options ("repair", entries, &argc, &argv, 0, 0, &status))
    return status;
  path = dup_library_path ();

  if (!(check = clipper_store_check_file (path, TRUE, &error)))
    return fail (error);

  if (clipper_store_check_is_sound (check))
    {
      g_print (_("The library “%s” is sound; there is nothing to repair.\n"), path);
      return EXIT_SUCCESS;
    }

  /* Sound tables: the index is made anew from them, in place. */
  if (check->problems == NULL)
    {
      g_autoptr(ClipperStore) store = NULL;

      if (!(store = clipper_store_open (path, &error)) ||
          !clipper_store_rebuild_index (store, &error))
        return fail (error);
      g_print (_("The search index of “%s” was rebuilt.\n"), path);
      return EXIT_SUCCESS;
    }

  if (output == NULL)
    output = dup_repaired_path (path);
  if (!clipper_store_salvage (path, output, &salvage, &error))
    return fail (error);

  {
    g_autofree char *clippings = g_strdup_printf ("%" G_GINT64_FORMAT, salvage.clippings);
    g_autofree char *highlights = g_strdup_printf ("%" G_GINT64_FORMAT, salvage.highlights);
    g_autofree char *rows = g_strdup_printf ("%" G_GINT64_FORMAT, salvage.rows);
    g_autofree char *lost = g_strdup_printf ("%" G_GINT64_FORMAT, salvage.lost);

    g_print (_("Copied %s clippings and %s highlights (%s rows in all) into “%s”; %s rows or stretches "
               "of the file could not be read.\n"), clippings, highlights, rows, output, lost);
  }
  g_print (_("“%s” was left as it was. Use the new library with --library, or put it in the old one’s place.\n"),
           path);
  return EXIT_SUCCESS;
}

static int
run_show (int    argc,
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

  if (!parse_options ("show", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (!parse_id (argv[1], &id, &error) ||
      !(store = open_store (&error)) ||
      !(clipping = clipper_store_get_clipping (store, id, &error)))
    return fail (error);

  if (json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_autofree char *note = clipper_store_dup_clipping_note (store, id, NULL);

      append_clipping_json (out, clipping, TRUE);
      /* The clipping's own note, beside its other details. */
      g_string_truncate (out, out->len - 1);
      g_string_append_c (out, ',');
      clipper_json_append_member (out, "note", note && note[0] ? note : NULL, TRUE);
      g_string_append (out, "}\n");
      fwrite (out->str, 1, out->len, stdout);
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

static int
run_delete (int    argc,
            char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  GError *error = NULL;
  gint64 id;
  int status;

  if (!parse_options ("delete", NULL, &argc, &argv, 1, 1, &status))
    return status;

  if (!parse_id (argv[1], &id, &error) ||
      !(store = open_store (&error)) ||
      !clipper_store_delete_clipping (store, id, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

static int
run_extract (int    argc,
             char **argv)
{
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *url = NULL;
  g_autofree char *format = NULL;
  GError *error = NULL;
  gsize length;
  int status;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("The address the page came from, for its links"), N_("URL") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output: html, json or text (default: html)"), N_("FORMAT") },
    { NULL }
  };

  if (!parse_options ("extract", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (format != NULL && !g_str_equal (format, "html") && !g_str_equal (format, "json") &&
      !g_str_equal (format, "text"))
    return usage_error (_("“%s” is not a format; use html, json or text."), format);

  if (url != NULL && !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    return usage_error (_("“%s” is not a valid address for --url."), url);

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_clear_error (&error);
      g_set_error (&error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                   _("Could not read “%s”: there is no such readable file."), name);
      return fail (error);
    }

  if (url == NULL)
    url = g_file_get_uri (file);

  article = clipper_extractor_extract (contents, length, url, NULL);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autofree char *json = clipper_article_to_json (article);

      g_print ("%s\n", json);
    }
  else if (format != NULL && g_str_equal (format, "text"))
    g_print ("%s\n\n%s\n", article->title, article->text);
  else
    g_print ("%s\n", article->content);

  if (!article->is_article)
    g_printerr (_("clipper: no article was found; this is the whole page.\n"));

  return EXIT_SUCCESS;
}

static void
append_highlight_json (GString          *out,
                       ClipperHighlight *highlight)
{
  const char * const *tags = clipper_highlight_get_tags (highlight);

  g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",", clipper_highlight_get_id (highlight));
  clipper_json_append_member (out, "color", clipper_highlight_get_color (highlight), FALSE);
  clipper_json_append_member (out, "exact", clipper_highlight_get_exact (highlight), FALSE);
  clipper_json_append_member (out, "prefix", clipper_highlight_get_prefix (highlight), FALSE);
  clipper_json_append_member (out, "suffix", clipper_highlight_get_suffix (highlight), FALSE);
  g_string_append_printf (out, "\"start\":%" G_GINT64_FORMAT ",\"end\":%" G_GINT64_FORMAT ",",
                          clipper_highlight_get_start (highlight), clipper_highlight_get_end (highlight));
  g_string_append_printf (out, "\"orphaned\":%s,",
                          clipper_highlight_get_orphaned (highlight) ? "true" : "false");
  clipper_json_append_member (out, "note", clipper_highlight_get_note (highlight), FALSE);
  g_string_append (out, "\"tags\":[");
  for (guint i = 0; tags[i]; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      clipper_json_append_string (out, tags[i]);
    }
  g_string_append (out, "]}");
}

static int
run_highlights (int    argc,
                char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  gboolean json = FALSE;
  GError *error = NULL;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_options ("highlights", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (!parse_id (argv[1], &id, &error) ||
      !(store = open_store (&error)) ||
      !(clipping = clipper_store_get_clipping (store, id, &error)) ||
      !(highlights = clipper_store_list_highlights (store, id, &error)))
    return fail (error);

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("[");

      for (guint i = 0; i < highlights->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_highlight_json (out, g_ptr_array_index (highlights, i));
        }
      g_string_append (out, "]\n");
      fwrite (out->str, 1, out->len, stdout);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);
      g_autofree char *tags = g_strjoinv (", ", (char **)clipper_highlight_get_tags (highlight));

      g_print ("%" G_GINT64_FORMAT "\t%s%s\t%s\n", clipper_highlight_get_id (highlight),
               clipper_highlight_get_color (highlight),
               clipper_highlight_get_orphaned (highlight) ? _(" (orphaned)") : "",
               clipper_highlight_get_exact (highlight));
      if (clipper_highlight_get_note (highlight))
        g_print ("\t%s\n", clipper_highlight_get_note (highlight));
      if (tags[0])
        g_print ("\t%s %s\n", _("Tags:"), tags);
    }

  return EXIT_SUCCESS;
}

static int
run_highlight (int    argc,
               char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(ClipperSelector) selector = NULL;
  g_autoptr(ClipperHighlight) highlight = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *color = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) tags = NULL;
  GError *error = NULL;
  gint64 id, start, end;
  int found;
  int status;
  const GOptionEntry entries[] = {
    { "quote", 'q', 0, G_OPTION_ARG_STRING, &quote, N_("The exact text to highlight"), N_("TEXT") },
    { "prefix", 0, 0, G_OPTION_ARG_STRING, &prefix, N_("Text just before it, when it occurs more than once"), N_("TEXT") },
    { "suffix", 0, 0, G_OPTION_ARG_STRING, &suffix, N_("Text just after it, when it occurs more than once"), N_("TEXT") },
    { "color", 'c', 0, G_OPTION_ARG_STRING, &color, N_("yellow, green, blue, pink or purple"), N_("COLOR") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("A note on the highlight"), N_("TEXT") },
    { "tag", 't', 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("Tag the highlight (may be repeated)"), N_("TAG") },
    { NULL }
  };

  if (!parse_options ("highlight", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (quote == NULL || quote[0] == '\0')
    return usage_error (_("Give the text to highlight with --quote."));
  if (!g_utf8_validate (quote, -1, NULL))
    return usage_error (_("The quote is not valid text."));
  if (color != NULL && !clipper_highlight_is_color (color))
    return usage_error (_("“%s” is not a highlight colour; use yellow, green, blue, pink or purple."), color);
  for (guint i = 0; tags != NULL && tags[i]; i++)
    if (g_strstrip (tags[i])[0] == '\0')
      return usage_error (_("A tag cannot be empty."));

  if (!parse_id (argv[1], &id, &error) ||
      !(store = open_store (&error)) ||
      !(clipping = clipper_store_get_clipping (store, id, &error)))
    return fail (error);

  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  found = clipper_anchor_find_quote (text, quote, prefix, suffix, &start, &end);
  if (found == 0)
    {
      g_set_error (&error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                   _("The text “%s” is not in clipping %s."), quote, argv[1]);
      return fail (error);
    }
  if (found > 1)
    {
      g_set_error (&error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("The text “%s” occurs %d times; add --prefix or --suffix to say which."),
                   quote, found);
      return fail (error);
    }

  selector = clipper_selector_new (text, start, end);
  highlight = clipper_highlight_new ();
  clipper_highlight_set_clipping_id (highlight, id);
  clipper_highlight_set_color (highlight, color ? color : "yellow");
  clipper_highlight_set_selector (highlight, selector);
  clipper_highlight_set_note (highlight, note);
  clipper_highlight_set_tags (highlight, (const char * const *)tags);

  if (clipper_store_add_highlight (store, highlight, &error) == 0)
    return fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", clipper_highlight_get_id (highlight));
  return EXIT_SUCCESS;
}

static int
run_note (int    argc,
          char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  GError *error = NULL;
  gint64 id;
  int status;

  if (!parse_options ("note", NULL, &argc, &argv, 2, 2, &status))
    return status;

  if (!g_utf8_validate (argv[2], -1, NULL))
    return usage_error (_("The note is not valid text."));

  if (!parse_id (argv[1], &id, &error) ||
      !(store = open_store (&error)) ||
      !clipper_store_set_clipping_note (store, id, argv[2], &error))
    return fail (error);

  return EXIT_SUCCESS;
}

static int
run_tag (int    argc,
         char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  GError *error = NULL;
  gint64 id;
  int status;

  if (!parse_options ("tag", NULL, &argc, &argv, 2, -1, &status))
    return status;

  for (int i = 2; i < argc; i++)
    {
      if (!g_utf8_validate (argv[i], -1, NULL) || g_strstrip (argv[i])[0] == '\0')
        return usage_error (_("A tag cannot be empty."));
      g_ptr_array_add (tags, argv[i]);
    }
  g_ptr_array_add (tags, NULL);

  if (!parse_id (argv[1], &id, &error) ||
      !(store = open_store (&error)) ||
      !clipper_store_add_clipping_tags (store, id, (const char * const *)tags->pdata, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

static int
run_export (int    argc,
            char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *format = NULL;
  g_autofree char *content = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *marks = NULL;
  gboolean all = FALSE;
  gboolean assets = FALSE;
  gboolean force = FALSE;
  ClipperExportOptions options = { 0 };
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Export every clipping"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("md or pdf"), N_("FORMAT") },
    { "content", 'c', 0, G_OPTION_ARG_STRING, &content,
      N_("highlights (a report) or article (the whole text); default: highlights"), N_("CONTENT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("A folder (one file per clipping) or a file (one combined file)"), N_("PATH") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("a4 or letter (PDF)"), N_("PAPER") },
    { "marks", 0, 0, G_OPTION_ARG_STRING, &marks,
      N_("How highlights show in the article: emphasis or highlight (==text==)"), N_("STYLE") },
    { "assets", 0, 0, G_OPTION_ARG_NONE, &assets,
      N_("Write stored images into an assets folder beside the Markdown"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing output file"), NULL },
    { NULL }
  };

  if (!parse_options ("export", entries, &argc, &argv, 0, -1, &status))
    return status;

  if (format == NULL)
    return usage_error (_("Say which format with --format md or --format pdf."));
  if (g_str_equal (format, "md") || g_str_equal (format, "markdown"))
    options.format = CLIPPER_FORMAT_MARKDOWN;
  else if (g_str_equal (format, "pdf"))
    options.format = CLIPPER_FORMAT_PDF;
  else
    return usage_error (_("“%s” is not a format; use md or pdf."), format);

  if (content == NULL || g_str_equal (content, "highlights"))
    options.content = CLIPPER_EXPORT_HIGHLIGHTS;
  else if (g_str_equal (content, "article"))
    options.content = CLIPPER_EXPORT_ARTICLE;
  else
    return usage_error (_("“%s” is not a content; use highlights or article."), content);

  if (marks == NULL || g_str_equal (marks, "emphasis"))
    options.marks = CLIPPER_MARK_EMPHASIS;
  else if (g_str_equal (marks, "highlight"))
    options.marks = CLIPPER_MARK_HIGHLIGHT;
  else
    return usage_error (_("“%s” is not a style; use emphasis or highlight."), marks);

  if (paper != NULL && !g_str_equal (paper, "a4") && !g_str_equal (paper, "letter"))
    return usage_error (_("“%s” is not a paper size; use a4 or letter."), paper);

  options.assets = assets;
  options.overwrite = force;
  options.paper = paper && g_str_equal (paper, "letter") ? CLIPPER_PAPER_LETTER : CLIPPER_PAPER_A4;

  if (all && argc > 1)
    return usage_error (_("Give clipping ids or --all, not both."));
  if (!all && argc < 2)
    return usage_error (_("Say which clippings to export, or --all."));

  for (int i = 1; i < argc; i++)
    {
      gint64 id;

      if (!parse_id (argv[i], &id, &error))
        return fail (error);
      g_array_append_val (ids, id);
    }

  if (!(store = open_store (&error)))
    return fail (error);

  if (all)
    {
      g_autoptr(GPtrArray) clippings = clipper_store_list_clippings (store, &error);

      if (clippings == NULL)
        return fail (error);
      for (guint i = clippings->len; i > 0; i--)
        {
          gint64 id = clipper_clipping_get_id (g_ptr_array_index (clippings, i - 1));

          g_array_append_val (ids, id);
        }
      if (ids->len == 0)
        return usage_error (_("The library has no clippings to export."));
    }

  if (!(written = clipper_export_run (store, ids, output, &options, &error)))
    return fail (error);

  for (guint i = 0; i < written->len; i++)
    g_print ("%s\n", (char *)g_ptr_array_index (written, i));

  return EXIT_SUCCESS;
}

#define HELP_PARAMETERS_WIDTH 16

static void
print_help (void)
{
  g_print ("%s\n  clipper [--library PATH] [URL|FILE.html]\n"
           "  clipper [--library PATH] COMMAND [OPTIONS…]\n\n%s\n",
           _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      const char *parameters = _(verbs[i].parameters);
      glong width = g_utf8_strlen (parameters, -1);

      /* Columns counted in characters, not bytes; parameters too long for
       * theirs put the summary on a line of its own, still aligned. */
      if (width <= HELP_PARAMETERS_WIDTH)
        g_print ("  %-10s %s%*s %s\n", verbs[i].name, parameters,
                 (int)(HELP_PARAMETERS_WIDTH - width), "", _(verbs[i].summary));
      else
        g_print ("  %-10s %s\n  %-10s %*s %s\n", verbs[i].name, parameters, "",
                 HELP_PARAMETERS_WIDTH, "", _(verbs[i].summary));
    }
  g_print ("\n%s\n  --library PATH  %s\n  --version       %s\n  --help          %s\n\n%s\n",
           _("Options:"),
           _("Use the library at PATH (or set CLIPPER_LIBRARY)"),
           _("Print the version and exit"),
           _("Print this help and exit"),
           _("“clipper COMMAND --help” describes a command’s options."));
}

/* The index of the first argument that is not a global option, or argc. */
static int
first_word (int    argc,
            char **argv)
{
  int i;

  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--library"))
        i++;
      else if (!g_str_has_prefix (argv[i], "--library="))
        break;
    }

  return i;
}

gboolean
clipper_cli_handles (int    argc,
                     char **argv)
{
  int i = first_word (argc, argv);

  if (i >= argc)
    return FALSE;

  return find_verb (argv[i]) != NULL ||
         g_str_equal (argv[i], "--version") ||
         g_str_equal (argv[i], "--help") ||
         g_str_equal (argv[i], "-h");
}

/* Text from pages (titles, bylines, the article) must not drive the
 * terminal: control characters but tab and newline, DEL and the C1
 * controls are written as \u00XX, which JSON output reads back as the
 * same character. */
static void
write_escaped (FILE       *stream,
               const char *text)
{
  const char *run = text;
  const char *p;

  for (p = text; *p;)
    {
      guchar c = (guchar)*p;
      guint code;
      gsize width;

      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
        code = c, width = 1;
      else if (c == 0xc2 && (guchar)p[1] >= 0x80 && (guchar)p[1] <= 0x9f)
        code = (guchar)p[1], width = 2;
      else
        {
          p++;
          continue;
        }

      fwrite (run, 1, p - run, stream);
      fprintf (stream, "\\u%04x", code);
      p += width;
      run = p;
    }
  fwrite (run, 1, p - run, stream);
  fflush (stream);
}

static void
print_escaped (const char *text)
{
  write_escaped (stdout, text);
}

static void
printerr_escaped (const char *text)
{
  write_escaped (stderr, text);
}

int
clipper_cli_run (int    argc,
                 char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const CliVerb *verb;
  int i = first_word (argc, argv);
  int status;

  g_return_val_if_fail (i < argc, EXIT_USAGE);

  g_set_print_handler (print_escaped);
  g_set_printerr_handler (printerr_escaped);

  if (g_str_equal (argv[i], "--version"))
    {
      g_print ("clipper %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
    {
      print_help ();
      return EXIT_SUCCESS;
    }

  verb = find_verb (argv[i]);

  /* The verb's own option parser sees the global options too, right after
   * the verb: before any "--", after which all is the verb's words. */
  g_ptr_array_add (args, argv[i]);
  for (int j = 1; j < i; j++)
    g_ptr_array_add (args, argv[j]);
  for (int j = i + 1; j < argc; j++)
    g_ptr_array_add (args, argv[j]);
  g_ptr_array_add (args, NULL);

  {
    int verb_argc = args->len - 1;
    char **verb_argv = (char **)args->pdata;

    status = verb->run (verb_argc, verb_argv);
  }

  g_clear_pointer (&library_path, g_free);
  return status;
}
