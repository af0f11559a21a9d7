/* fuzz-replay.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A main() for the harnesses where libFuzzer is not linked: runs each
 * file named (or each file in each folder named) through the harness
 * once. The test suite replays the seed corpora and every input a fuzzer
 * ever crashed on this way, under the sanitizer build too.
 */

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

static guint n_run;

static void
replay (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        g_error ("%s", error->message);
      /* Dot files only keep empty folders in git. */
      while ((name = g_dir_read_name (dir)))
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      /* The same order every run. */
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        replay (g_ptr_array_index (names, i));
      return;
    }

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  g_print ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  n_run++;
}

int
main (int   argc,
      char *argv[])
{
  if (argc < 2)
    {
      g_printerr ("usage: %s FILE|FOLDER…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    replay (argv[i]);

  if (n_run == 0)
    {
      g_printerr ("no input was replayed\n");
      return 1;
    }
  g_print ("%u inputs replayed\n", n_run);
  return 0;
}
