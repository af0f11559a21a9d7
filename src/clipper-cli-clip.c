/* clipper-cli-clip.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Verbs that make clippings: clip (a file or an address, with its images)
 * and extract (the article of a page, saved nowhere).
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "clipper-cli-private.h"
#include "clipper-clip-controller.h"
#include "clipper-error.h"
#include "clipper-extractor.h"
#include "clipper-fetcher.h"
#include "clipper-store.h"

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
  GMainLoop         *loop;
  ClipperClipResult *result;
  GError            *error;
} ClipWait;

static void
on_clipped_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ClipWait *wait = user_data;

  wait->result = clipper_clip_controller_clip_finish (CLIPPER_CLIP_CONTROLLER (object), result,
                                                      &wait->error);
  g_main_loop_quit (wait->loop);
}

/* The page through the clip pipeline, waited for. */
static ClipperClipResult *
clip_page (ClipperStore        *store,
           GBytes              *bytes,
           const char          *url,
           const char          *charset,
           const char * const  *tags,
           ClipperClipFlags     flags,
           GError             **error)
{
  g_autoptr(ClipperClipController) controller = clipper_clip_controller_new (store);
  g_autoptr(GMainContext) context = g_main_context_new ();
  ClipWait wait = { 0 };

  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  clipper_clip_controller_clip_async (controller, bytes, url, charset, tags, NULL, flags, NULL,
                                      on_clipped_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_main_context_pop_thread_default (context);

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.result;
}

int
clipper_cli_run_clip (int    argc,
                      char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperClipResult) clipped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *url = NULL;
  g_autofree char *final_url = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *scheme = NULL;
  g_auto(GStrv) tags = NULL;
  GError *error = NULL;
  const char *source;
  gboolean keep_separate = FALSE;
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

  if (!clipper_cli_parse_options ("clip", entries, &argc, &argv, 1, 1, &status))
    return status;

  source = argv[1];
  scheme = g_uri_parse_scheme (source);

  for (guint i = 0; tags != NULL && tags[i]; i++)
    {
      g_strstrip (tags[i]);
      if (tags[i][0] == '\0')
        return clipper_cli_usage_error (_("A tag cannot be empty."));
    }

  if (url != NULL)
    {
      g_autofree char *url_scheme = g_uri_parse_scheme (url);

      if (url_scheme == NULL || !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
        return clipper_cli_usage_error (_("“%s” is not a valid address for --url."), url);
    }

  if (scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https")))
    {
      bytes = fetch_page (source, &final_url, &charset, &error);
      if (bytes == NULL)
        return clipper_cli_fail (error);
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
          return clipper_cli_fail (error);
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      if (url == NULL)
        url = g_file_get_uri (file);
    }

  if (!(store = clipper_cli_open_store (&error)) ||
      !(clipped = clip_page (store, bytes, url, charset, (const char * const *)tags,
                             keep_separate ? CLIPPER_CLIP_FLAGS_KEEP_SEPARATE : CLIPPER_CLIP_FLAGS_NONE,
                             &error)))
    return clipper_cli_fail (error);

  id = clipped->id;
  if (clipped->n_failed_images > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "clipper: %u image could not be saved for offline reading\n",
                             "clipper: %u images could not be saved for offline reading\n",
                             clipped->n_failed_images),
                clipped->n_failed_images);

  if (clipped->refreshed)
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

int
clipper_cli_run_extract (int    argc,
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

  if (!clipper_cli_parse_options ("extract", entries, &argc, &argv, 1, 1, &status))
    return status;

  if (format != NULL && !g_str_equal (format, "html") && !g_str_equal (format, "json") &&
      !g_str_equal (format, "text"))
    return clipper_cli_usage_error (_("“%s” is not a format; use html, json or text."), format);

  if (url != NULL && !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    return clipper_cli_usage_error (_("“%s” is not a valid address for --url."), url);

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_clear_error (&error);
      g_set_error (&error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                   _("Could not read “%s”: there is no such readable file."), name);
      return clipper_cli_fail (error);
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

