/* clipper-test-util.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests share.
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes @path and everything below it: a test's temporary folder. */
static inline void
clipper_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        clipper_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* How long a test waits for something before it fails rather than hangs. */
#define CLIPPER_TEST_DEADLINE_SECONDS 60

typedef gboolean (*ClipperTestCondition) (gconstpointer data);

/* Runs the main loop until @condition holds, failing the test with @what
 * after the deadline. */
static inline void
clipper_test_iterate_until (ClipperTestCondition condition,
                            gconstpointer        data,
                            const char          *what)
{
  gint64 deadline = g_get_monotonic_time () + CLIPPER_TEST_DEADLINE_SECONDS * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      /* Not blocking: the condition may be met by another thread. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static inline gboolean
clipper_test_pointer_set (gconstpointer data)
{
  return g_atomic_pointer_get ((gpointer *)data) != NULL;
}

static inline gboolean
clipper_test_flag_set (gconstpointer data)
{
  return g_atomic_int_get ((const int *)data) != 0;
}

static inline gboolean
clipper_test_id_set (gconstpointer data)
{
  return *(const gint64 *)data != 0;
}
