/* clipper-cli-import.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import verb: another tool's export taken into the library, with
 * a summary of what came in and what was left out; and the fetch verb,
 * for the pages it brought as addresses.
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <unistd.h>

#include "clipper-cli-private.h"
#include "clipper-fetch-queue.h"
#include "clipper-import.h"
#include "clipper-json.h"

/* The fetch's counts as members of the object @builder is in. */
static void
add_fetch_members (JsonBuilder         *builder,
                   ClipperFetchSummary *fetched)
{
  const struct { const char *name; guint value; } counts[] = {
    { "pages", fetched->total },
    { "fetched", fetched->fetched },
    { "failed", fetched->failed },
    { "highlights_placed", fetched->highlights_placed },
    { "images_failed", fetched->images_failed },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (builder, counts[i].name);
      json_builder_add_int_value (builder, counts[i].value);
    }
  json_builder_set_member_name (builder, "failures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < fetched->problems->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (fetched->problems, i));
  json_builder_end_array (builder);
}

static void
print_fetch_summary (ClipperFetchSummary *fetched)
{
  /* Translators: after fetching pages imported as addresses */
  g_print (_("fetched %u of %u pages, %u failed; %u waiting highlights placed\n"), fetched->fetched,
           fetched->total, fetched->failed, fetched->highlights_placed);
  if (fetched->images_failed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u image could not be stored\n", "%u images could not be stored\n",
                          fetched->images_failed),
             fetched->images_failed);
  for (guint i = 0; i < fetched->problems->len; i++)
    g_print ("  %s\n", (char *)g_ptr_array_index (fetched->problems, i));
  if (fetched->failed > 0)
    g_print (_("The pages that failed keep waiting: “clipper fetch” tries them again.\n"));
}

static void
print_summary (const char           *path,
               ClipperImportSummary *summary,
               ClipperFetchSummary  *fetched,
               gboolean              json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *text = NULL;
      const struct { const char *name; guint value; } counts[] = {
        { "pages", summary->entries },
        { "created", summary->created },
        { "not_fetched", summary->not_fetched },
        { "merged", summary->merged },
        { "highlights_placed", summary->highlights_placed },
        { "highlights_orphaned", summary->highlights_orphaned },
        { "highlights_present", summary->highlights_present },
        { "skipped", summary->skipped },
      };

      json_builder_begin_object (builder);
      clipper_json_add_string_member (builder, "file", path);
      for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
        {
          json_builder_set_member_name (builder, counts[i].name);
          json_builder_add_int_value (builder, counts[i].value);
        }
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < summary->problems->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (summary->problems, i));
      json_builder_end_array (builder);
      if (fetched != NULL)
        {
          json_builder_set_member_name (builder, "fetch");
          json_builder_begin_object (builder);
          add_fetch_members (builder, fetched);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      text = clipper_json_builder_to_string (builder);
      g_print ("%s\n", text);
      return;
    }

  /* Translators: a summary of an import, in a few lines */
  g_print (_("%u pages: %u new (%u of them not fetched yet), %u already in the library\n"), summary->entries,
           summary->created, summary->not_fetched, summary->merged);
  g_print (_("highlights: %u placed in their text, %u kept without a place, %u there already\n"),
           summary->highlights_placed, summary->highlights_orphaned, summary->highlights_present);
  if (summary->skipped > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u record left out:\n", "%u records left out:\n", summary->skipped),
             summary->skipped);
  for (guint i = 0; i < summary->problems->len; i++)
    g_print ("  %s: %s\n", path, (char *)g_ptr_array_index (summary->problems, i));
  if (fetched != NULL)
    print_fetch_summary (fetched);
}

typedef struct
{
  GMainLoop           *loop;
  ClipperFetchSummary *summary;
  GError              *error;
  gboolean             tty;
} FetchWait;

static void
on_progress_cb (ClipperFetchQueue *queue,
                guint              done,
                guint              total,
                gpointer           user_data)
{
  FetchWait *wait = user_data;

  /* Translators: progress while fetching, on the terminal */
  if (wait->tty && total > 0)
    {
      g_printerr ("\r");
      g_printerr (_("fetching pages: %u of %u"), done, total);
    }
}

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FetchWait *wait = user_data;

  wait->summary = clipper_fetch_queue_run_finish (CLIPPER_FETCH_QUEUE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Fetches the pages among @ids (all when NULL) still without their text. */
static ClipperFetchSummary *
fetch_pages (ClipperStore  *store,
             GArray        *ids,
             GError       **error)
{
  g_autoptr(ClipperFetchQueue) queue = clipper_fetch_queue_new (store);
  g_autoptr(GMainContext) context = g_main_context_new ();
  const char *timeout = g_getenv ("CLIPPER_FETCH_TIMEOUT");
  const char *delay = g_getenv ("CLIPPER_FETCH_RETRY_DELAY");
  FetchWait wait = { 0 };

  if (timeout != NULL && atoi (timeout) > 0)
    clipper_fetch_queue_set_timeout (queue, atoi (timeout));
  if (delay != NULL && atoi (delay) >= 0)
    clipper_fetch_queue_set_retries (queue, 2, atoi (delay));
  wait.tty = isatty (STDERR_FILENO);

  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  g_signal_connect (queue, "progress", G_CALLBACK (on_progress_cb), &wait);
  clipper_fetch_queue_run_async (queue, ids ? (const gint64 *)ids->data : NULL, ids ? ids->len : 0, NULL,
                                 on_fetched_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);
  g_main_context_pop_thread_default (context);
  if (wait.tty && wait.summary != NULL && wait.summary->total > 0)
    g_printerr ("\n");

  if (wait.error != NULL)
    g_propagate_error (error, wait.error);
  return wait.summary;
}

int
clipper_cli_run_import (int    argc,
                        char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperFetchSummary) fetched = NULL;
  g_autofree char *tag = NULL;
  gboolean json = FALSE;
  gboolean fetch = FALSE;
  gboolean no_fetch = FALSE;
  ClipperImportSummary summary;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_STRING, &tag, N_("Tag every page imported"), N_("TAG") },
    { "fetch", 0, 0, G_OPTION_ARG_NONE, &fetch,
      N_("Then fetch the pages the file has no text of, several at a time (those that fail keep waiting)"),
      NULL },
    { "no-fetch", 0, 0, G_OPTION_ARG_NONE, &no_fetch,
      N_("Keep pages the file has no text of as addresses, to fetch later (the default)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("import", entries, &argc, &argv, 1, 1, &status))
    return status;
  if (fetch && no_fetch)
    return clipper_cli_usage_error (_("--fetch and --no-fetch cannot be given together."));
  if (tag != NULL && !g_utf8_validate (tag, -1, NULL))
    return clipper_cli_usage_error (_("A tag must be valid UTF-8."));

  if (!(store = clipper_cli_open_store (&error)))
    return clipper_cli_fail (error);

  clipper_import_summary_init (&summary);
  if (!clipper_import_file (store, argv[1], tag, &summary, NULL, &error))
    {
      clipper_import_summary_clear (&summary);
      return clipper_cli_fail (error);
    }
  /* The import stands whatever the fetch does. */
  if (fetch && summary.pages->len > 0 && !(fetched = fetch_pages (store, summary.pages, &error)))
    {
      print_summary (argv[1], &summary, NULL, json);
      clipper_import_summary_clear (&summary);
      return clipper_cli_fail (error);
    }
  print_summary (argv[1], &summary, fetched, json);
  clipper_import_summary_clear (&summary);
  return EXIT_SUCCESS;
}

int
clipper_cli_run_fetch (int    argc,
                       char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(ClipperFetchSummary) fetched = NULL;
  g_autoptr(GArray) ids = NULL;
  gboolean json = FALSE;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("fetch", entries, &argc, &argv, 0, G_MAXINT, &status))
    return status;

  if (argc > 1)
    ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!clipper_cli_parse_ids (argv + 1, argc - 1, ids, &error))
    return clipper_cli_fail (error);

  if (!(store = clipper_cli_open_store (&error)))
    return clipper_cli_fail (error);
  if (!(fetched = fetch_pages (store, ids, &error)))
    return clipper_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      add_fetch_members (builder, fetched);
      json_builder_end_object (builder);
      text = clipper_json_builder_to_string (builder);
      g_print ("%s\n", text);
    }
  else
    print_fetch_summary (fetched);

  return fetched->failed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
