/* clipper-cli-check.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Verbs for a damaged library: check and repair.
 */

#define G_LOG_DOMAIN "clipper-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-cli-private.h"
#include "clipper-store.h"
#include "clipper-store-check.h"

int
clipper_cli_run_check (int    argc,
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

  if (!clipper_cli_parse_options ("check", entries, &argc, &argv, 0, 0, &status))
    return status;
  path = clipper_cli_dup_library_path ();

  if (!(check = clipper_store_check_file (path, thorough, &error)))
    return clipper_cli_fail (error);

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

int
clipper_cli_run_repair (int    argc,
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

  if (!clipper_cli_parse_options ("repair", entries, &argc, &argv, 0, 0, &status))
    return status;
  path = clipper_cli_dup_library_path ();

  if (!(check = clipper_store_check_file (path, TRUE, &error)))
    return clipper_cli_fail (error);

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
        return clipper_cli_fail (error);
      g_print (_("The search index of “%s” was rebuilt.\n"), path);
      return EXIT_SUCCESS;
    }

  if (output == NULL)
    output = dup_repaired_path (path);
  if (!clipper_store_salvage (path, output, &salvage, &error))
    return clipper_cli_fail (error);

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

