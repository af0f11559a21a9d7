/* clipper-cli-import.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import verb: another tool's export taken into the library, with
 * a summary of what came in and what was left out.
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "clipper-cli-private.h"
#include "clipper-import.h"
#include "clipper-json.h"

static void
print_summary (const char           *path,
               ClipperImportSummary *summary,
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
}

int
clipper_cli_run_import (int    argc,
                        char **argv)
{
  g_autoptr(ClipperStore) store = NULL;
  g_autofree char *tag = NULL;
  gboolean json = FALSE;
  gboolean fetch = FALSE;
  gboolean no_fetch = FALSE;
  ClipperImportSummary summary;
  GError *error = NULL;
  int status;
  const GOptionEntry entries[] = {
    { "tag", 't', 0, G_OPTION_ARG_STRING, &tag, N_("Tag every page imported"), N_("TAG") },
    { "fetch", 0, 0, G_OPTION_ARG_NONE, &fetch, N_("Fetch the pages the file has no text of (not yet available)"),
      NULL },
    { "no-fetch", 0, 0, G_OPTION_ARG_NONE, &no_fetch,
      N_("Keep pages the file has no text of as addresses, to clip later (the default)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL }
  };

  if (!clipper_cli_parse_options ("import", entries, &argc, &argv, 1, 1, &status))
    return status;
  if (fetch)
    return clipper_cli_usage_error (_("--fetch is not available yet: import with --no-fetch, then clip the pages."));
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
  print_summary (argv[1], &summary, json);
  clipper_import_summary_clear (&summary);
  return EXIT_SUCCESS;
}
