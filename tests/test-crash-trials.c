/* test-crash-trials.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Power cuts, in small: `clipper` writers (clip, note, tag, highlight,
 * delete) killed with SIGKILL at random moments, sometimes two at once.
 * After every trial the library must pass SQLite's full integrity check
 * and its search index must be sound, and every write the command line
 * reported as done must be there.
 *
 * CLIPPER_CRASH_TRIALS sets how many (30 in the suite; the benchmark
 * command runs thousands), CLIPPER_CRASH_SEED the random seed.
 */

#include "config.h"

#include "clipper-test-util.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clipper-store.h"
#include "clipper-store-check.h"

typedef struct
{
  char      *dir;
  char      *library;
  char      *page;
  GRand     *rand;
  /* What the command line said it did */
  GArray    *clippings;     /* gint64 ids */
  GArray    *deleted;       /* gint64 ids */
  GArray    *tried_deletes; /* gint64 ids whose delete was killed: they may be gone */
  GHashTable *notes;        /* id → the note last reported, or any tried after it */
  GHashTable *tried_notes;  /* id → GPtrArray of notes tried after the last reported */
  GPtrArray *tags;          /* "id\ttag" */
  GArray    *highlights;    /* gint64 ids */
  guint      killed;
  guint      completed;
} Trials;

typedef enum
{
  OP_CLIP,
  OP_NOTE,
  OP_TAG,
  OP_HIGHLIGHT,
  OP_DELETE,
  N_OPS
} Op;

typedef struct
{
  GPid    pid;
  int     out_fd;
  Op      op;
  gint64  id;
  char   *text;
} Writer;

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gint64
random_clipping (Trials *trials)
{
  for (guint attempt = 0; attempt < 8 && trials->clippings->len > 0; attempt++)
    {
      gint64 id = g_array_index (trials->clippings, gint64,
                                 g_rand_int_range (trials->rand, 0, trials->clippings->len));

      if (!contains_id (trials->deleted, id))
        return id;
    }
  return 0;
}

static gboolean
start_writer (Trials *trials,
              Writer *writer)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "CLIPPER_LIBRARY", trials->library, TRUE);
  g_autofree char *id_text = NULL;

  writer->op = g_rand_int_range (trials->rand, 0, N_OPS);
  writer->id = random_clipping (trials);
  if (writer->id == 0)
    writer->op = OP_CLIP;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, writer->id);

  g_ptr_array_add (argv, g_strdup (g_getenv ("CLIPPER_BIN")));
  switch (writer->op)
    {
    case OP_CLIP:
      g_ptr_array_add (argv, g_strdup ("clip"));
      g_ptr_array_add (argv, g_strdup (trials->page));
      g_ptr_array_add (argv, g_strdup ("--new"));
      break;
    case OP_NOTE:
      writer->text = g_strdup_printf ("note %u", g_rand_int (trials->rand));
      g_ptr_array_add (argv, g_strdup ("note"));
      g_ptr_array_add (argv, g_strdup (id_text));
      g_ptr_array_add (argv, g_strdup (writer->text));
      break;
    case OP_TAG:
      writer->text = g_strdup_printf ("tag%u", g_rand_int_range (trials->rand, 0, 50));
      g_ptr_array_add (argv, g_strdup ("tag"));
      g_ptr_array_add (argv, g_strdup (id_text));
      g_ptr_array_add (argv, g_strdup (writer->text));
      break;
    case OP_HIGHLIGHT:
      g_ptr_array_add (argv, g_strdup ("highlight"));
      g_ptr_array_add (argv, g_strdup (id_text));
      g_ptr_array_add (argv, g_strdup ("--quote"));
      g_ptr_array_add (argv, g_strdup ("glaciers retreat"));
      g_ptr_array_add (argv, g_strdup ("--note"));
      g_ptr_array_add (argv, g_strdup ("why"));
      break;
    case OP_DELETE:
    case N_OPS:
    default:
      /* Rarer than the rest: the library would empty. */
      if (g_rand_int_range (trials->rand, 0, 3) != 0)
        {
          writer->op = OP_CLIP;
          g_ptr_array_add (argv, g_strdup ("clip"));
          g_ptr_array_add (argv, g_strdup (trials->page));
          g_ptr_array_add (argv, g_strdup ("--new"));
        }
      else
        {
          g_ptr_array_add (argv, g_strdup ("delete"));
          g_ptr_array_add (argv, g_strdup (id_text));
        }
      break;
    }
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async_with_pipes (NULL, (char **)argv->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD |
                                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &writer->pid, NULL,
                                 &writer->out_fd, NULL, &error))
    g_error ("%s", error->message);
  return TRUE;
}

static char *
read_all (int fd)
{
  GString *out = g_string_new (NULL);
  char buffer[256];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (out, buffer, n);
  close (fd);
  return g_string_free (out, FALSE);
}

/* Kills the writer after @delay_us if it is still running; records what
 * it reported when it finished first. */
static void
finish_writer (Trials *trials,
               Writer *writer,
               gboolean kill_it)
{
  g_autofree char *out = NULL;
  int status = 0;

  if (kill_it)
    kill (writer->pid, SIGKILL);
  out = read_all (writer->out_fd);
  waitpid (writer->pid, &status, 0);
  g_spawn_close_pid (writer->pid);

  if (WIFSIGNALED (status))
    {
      trials->killed++;
      /* Not reported, but it may have landed: a note tried counts too. */
      if (writer->op == OP_NOTE)
        {
          GPtrArray *tried = g_hash_table_lookup (trials->tried_notes, &writer->id);

          if (tried == NULL)
            {
              gint64 *key = g_memdup2 (&writer->id, sizeof writer->id);

              tried = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (trials->tried_notes, key, tried);
            }
          g_ptr_array_add (tried, g_strdup (writer->text));
        }
      if (writer->op == OP_DELETE)
        g_array_append_val (trials->tried_deletes, writer->id);
      g_clear_pointer (&writer->text, g_free);
      return;
    }

  trials->completed++;
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    {
      switch (writer->op)
        {
        case OP_CLIP:
          {
            gint64 id = g_ascii_strtoll (out, NULL, 10);

            g_assert_cmpint (id, >, 0);
            g_array_append_val (trials->clippings, id);
          }
          break;
        case OP_NOTE:
          {
            gint64 *key = g_memdup2 (&writer->id, sizeof writer->id);

            g_hash_table_insert (trials->notes, key, g_strdup (writer->text));
            g_hash_table_remove (trials->tried_notes, &writer->id);
          }
          break;
        case OP_TAG:
          g_ptr_array_add (trials->tags, g_strdup_printf ("%" G_GINT64_FORMAT "\t%s", writer->id, writer->text));
          break;
        case OP_HIGHLIGHT:
          {
            gint64 id = g_ascii_strtoll (out, NULL, 10);

            g_assert_cmpint (id, >, 0);
            g_array_append_val (trials->highlights, id);
          }
          break;
        case OP_DELETE:
          g_array_append_val (trials->deleted, writer->id);
          break;
        case N_OPS:
        default:
          break;
        }
    }
  g_clear_pointer (&writer->text, g_free);
}

/* Either of these notes may be the one stored, whatever was reported. */
static void
note_tried (Trials     *trials,
            gint64      id,
            const char *one,
            const char *other)
{
  GPtrArray *tried = g_hash_table_lookup (trials->tried_notes, &id);

  if (tried == NULL)
    {
      tried = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (trials->tried_notes, g_memdup2 (&id, sizeof id), tried);
    }
  g_ptr_array_add (tried, g_strdup (one));
  g_ptr_array_add (tried, g_strdup (other));
}

static gboolean
is_deleted (Trials *trials,
            gint64  id)
{
  return contains_id (trials->deleted, id);
}

/* A delete that was killed may have committed first. */
static gboolean
may_be_deleted (Trials *trials,
                gint64  id)
{
  return contains_id (trials->tried_deletes, id);
}

/* The library is sound, and holds every write that was reported. */
static void
verify (Trials *trials)
{
  g_autoptr(ClipperStoreCheck) check = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* Every writer so far was killed before it made the file. */
  if (!g_file_test (trials->library, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpuint (trials->clippings->len, ==, 0);
      return;
    }

  check = clipper_store_check_file (trials->library, TRUE, &error);
  g_assert_no_error (error);
  if (!clipper_store_check_is_sound (check))
    g_error ("the library is damaged after %u kills: %s %s", trials->killed,
             check->problems ? check->problems : "", check->index_problems ? check->index_problems : "");

  store = clipper_store_open (trials->library, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < trials->clippings->len; i++)
    {
      gint64 id = g_array_index (trials->clippings, gint64, i);
      g_autoptr(ClipperClipping) clipping = clipper_store_find_clipping (store, id, NULL);

      if (is_deleted (trials, id))
        g_assert_null (clipping);
      else if (clipping == NULL && may_be_deleted (trials, id))
        g_array_append_val (trials->deleted, id);
      else if (clipping == NULL)
        g_error ("clipping %" G_GINT64_FORMAT " was reported saved and is gone", id);
    }

  g_hash_table_iter_init (&iter, trials->notes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 id = *(gint64 *)key;
      g_autofree char *note = NULL;
      GPtrArray *tried = g_hash_table_lookup (trials->tried_notes, &id);
      gboolean expected;

      if (is_deleted (trials, id))
        continue;
      note = clipper_store_dup_clipping_note (store, id, NULL);
      expected = g_strcmp0 (note, value) == 0;
      for (guint i = 0; tried && i < tried->len && !expected; i++)
        expected = g_strcmp0 (note, g_ptr_array_index (tried, i)) == 0;
      if (!expected)
        g_error ("clipping %" G_GINT64_FORMAT " has the note “%s”, not the reported “%s”",
                 id, note ? note : "(none)", (char *)value);
    }

  for (guint i = 0; i < trials->tags->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (trials->tags, i), "\t", 2);
      gint64 id = g_ascii_strtoll (parts[0], NULL, 10);
      g_autoptr(ClipperClipping) clipping = NULL;

      if (is_deleted (trials, id))
        continue;
      clipping = clipper_store_find_clipping (store, id, NULL);
      g_assert_nonnull (clipping);
      if (!g_strv_contains (clipper_clipping_get_tags (clipping), parts[1]))
        g_error ("clipping %" G_GINT64_FORMAT " lost its tag “%s”", id, parts[1]);
    }

  for (guint i = 0; i < trials->highlights->len; i++)
    {
      gint64 id = g_array_index (trials->highlights, gint64, i);
      gboolean found = FALSE;

      for (guint c = 0; c < trials->clippings->len && !found; c++)
        {
          gint64 clipping_id = g_array_index (trials->clippings, gint64, c);
          g_autoptr(GPtrArray) highlights = NULL;

          if (is_deleted (trials, clipping_id))
            {
              found = TRUE;   /* it went with its clipping; counted below if not */
              continue;
            }
          highlights = clipper_store_list_highlights (store, clipping_id, NULL);
          for (guint h = 0; highlights && h < highlights->len && !found; h++)
            found = clipper_highlight_get_id (g_ptr_array_index (highlights, h)) == id;
        }
      if (!found)
        g_error ("highlight %" G_GINT64_FORMAT " was reported and is gone", id);
    }
}

static void
test_crash_trials (void)
{
  Trials trials = { 0 };
  guint n_trials = 30;
  guint32 seed = g_random_int ();
  gint64 span;
  const char *env;

  if ((env = g_getenv ("CLIPPER_CRASH_TRIALS")))
    n_trials = MAX (1, atoi (env));
  if ((env = g_getenv ("CLIPPER_CRASH_SEED")))
    seed = (guint32)g_ascii_strtoull (env, NULL, 10);
  g_test_message ("seed %u (CLIPPER_CRASH_SEED)", seed);

  trials.dir = g_dir_make_tmp ("clipper-crash-XXXXXX", NULL);
  trials.library = g_build_filename (trials.dir, "library.db", NULL);
  trials.page = g_build_filename (trials.dir, "page.html", NULL);
  trials.rand = g_rand_new_with_seed (seed);
  trials.clippings = g_array_new (FALSE, FALSE, sizeof (gint64));
  trials.deleted = g_array_new (FALSE, FALSE, sizeof (gint64));
  trials.tried_deletes = g_array_new (FALSE, FALSE, sizeof (gint64));
  trials.highlights = g_array_new (FALSE, FALSE, sizeof (gint64));
  trials.notes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  trials.tried_notes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify)g_ptr_array_unref);
  trials.tags = g_ptr_array_new_with_free_func (g_free);

  {
    g_autoptr(GString) page = g_string_new ("<html><head><title>Glaciers</title></head><body><article>");

    for (guint i = 0; i < 200; i++)
      g_string_append_printf (page, "<p>Paragraph %u: the glaciers retreat faster every year, and the sea "
                              "rises with them, say the scientists who measure them.</p>", i);
    g_string_append (page, "</article></body></html>");
    g_assert_true (g_file_set_contents (trials.page, page->str, page->len, NULL));
  }

  /* How long a writer takes here: the kills land anywhere from its start
   * to well after its end. */
  {
    Writer writer = { 0 };
    gint64 start = g_get_monotonic_time ();

    start_writer (&trials, &writer);
    finish_writer (&trials, &writer, FALSE);
    span = MAX (2 * (g_get_monotonic_time () - start), 20000);
    g_test_message ("a writer takes %.0f ms", (double)span / 2000);
  }

  for (guint i = 0; i < n_trials; i++)
    {
      Writer first = { 0 };
      Writer second = { 0 };
      gboolean two = g_rand_int_range (trials.rand, 0, 4) == 0;
      gulong delay = g_rand_int_range (trials.rand, 0, span);

      start_writer (&trials, &first);
      if (two)
        start_writer (&trials, &second);
      g_usleep (delay);
      {
        /* Two notes on one clipping at once commit in either order. */
        gboolean same_note = two && first.op == OP_NOTE && second.op == OP_NOTE && first.id == second.id;
        g_autofree char *first_text = g_strdup (first.text);
        g_autofree char *second_text = g_strdup (second.text);

        finish_writer (&trials, &first, TRUE);
        if (two)
          finish_writer (&trials, &second, TRUE);
        if (same_note)
          note_tried (&trials, first.id, first_text, second_text);
      }

      /* A full check after every trial is slow; every fifth, and the last. */
      if (i % 5 == 4 || i == n_trials - 1)
        verify (&trials);
    }

  g_test_message ("%u writers killed, %u finished, %u clippings reported", trials.killed,
                  trials.completed, trials.clippings->len);
  g_print ("# %u trials: %u writers killed mid-way, %u finished\n", n_trials, trials.killed, trials.completed);
  /* Both kinds happened, or the trials tested nothing. */
  if (n_trials >= 20)
    {
      g_assert_cmpuint (trials.killed, >, 0);
      g_assert_cmpuint (trials.completed, >, 0);
    }

  clipper_test_remove_tree (trials.dir);
  g_rand_free (trials.rand);
  g_array_unref (trials.clippings);
  g_array_unref (trials.deleted);
  g_array_unref (trials.tried_deletes);
  g_array_unref (trials.highlights);
  g_hash_table_unref (trials.notes);
  g_hash_table_unref (trials.tried_notes);
  g_ptr_array_unref (trials.tags);
  g_free (trials.dir);
  g_free (trials.library);
  g_free (trials.page);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/crash/kill-writers", test_crash_trials);

  return g_test_run ();
}
