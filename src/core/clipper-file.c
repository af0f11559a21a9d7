/* clipper-file.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files written whole or not at all: into a temporary file beside the
 * target, flushed to the disk, then renamed over it. GIO's own replace
 * writes a new file in place, so a full disk would leave a partial one.
 */

#define G_LOG_DOMAIN "clipper-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "clipper-error.h"
#include "clipper-file.h"

/**
 * clipper_file_set_error:
 * @cause: what the system said
 *
 * One clear sentence for a failed write of @path.
 */
void
clipper_file_set_error (GError       **error,
                        const char    *path,
                        const GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NO_SPACE,
                 _("There is not enough space on the disk to write “%s”; nothing was written."), path);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
           g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_READ_ONLY,
                 _("“%s” cannot be written here: the folder is read-only or not yours."), path);
  else
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED,
                 _("Could not write “%s”: %s"), path, cause->message);
}

static void
set_errno_error (GError    **error,
                 const char *path,
                 int         saved_errno)
{
  g_autoptr(GError) cause = g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                                 g_strerror (saved_errno));

  clipper_file_set_error (error, path, cause);
}

/**
 * clipper_file_begin:
 * @path: the file that will be written
 * @temp_path: (out): the temporary file, to hand to commit or abandon
 *
 * Returns: (transfer full): a stream into a new temporary file in
 *   @path's folder, or %NULL with @error set
 */
GOutputStream *
clipper_file_begin (const char  *path,
                    char       **temp_path,
                    GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd;

  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_errno_error (error, path, errno);
      return NULL;
    }

  *temp_path = g_steal_pointer (&template);
  return g_unix_output_stream_new (fd, TRUE);
}

/**
 * clipper_file_abandon:
 *
 * Closes @stream and removes its temporary file.
 */
void
clipper_file_abandon (GOutputStream *stream,
                      const char    *temp_path)
{
  g_output_stream_close (stream, NULL, NULL);
  g_unlink (temp_path);
}

/**
 * clipper_file_commit:
 * @overwrite: whether an existing @path may be replaced
 *
 * Makes the temporary file @path, once it is safely on the disk. On
 * failure the temporary file is removed and @path is as it was.
 */
gboolean
clipper_file_commit (GOutputStream  *stream,
                     const char     *temp_path,
                     const char     *path,
                     gboolean        overwrite,
                     GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  int fd = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (stream));

  /* A full disk may only show here, when the data leaves the cache. */
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      set_errno_error (error, path, errno);
      clipper_file_abandon (stream, temp_path);
      return FALSE;
    }

  if (!g_output_stream_close (stream, NULL, &local_error))
    {
      clipper_file_set_error (error, path, local_error);
      g_unlink (temp_path);
      return FALSE;
    }

  if (!overwrite)
    {
      /* link() never replaces; some file systems (FAT) have no links. */
      if (link (temp_path, path) == 0)
        {
          g_unlink (temp_path);
          return TRUE;
        }
      if (errno == EEXIST)
        {
          g_unlink (temp_path);
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                       _("“%s” exists already; it was not replaced."), path);
          return FALSE;
        }
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_unlink (temp_path);
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                       _("“%s” exists already; it was not replaced."), path);
          return FALSE;
        }
    }

  if (g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      set_errno_error (error, path, saved_errno);
      return FALSE;
    }

  return TRUE;
}

/**
 * clipper_file_write_with:
 * @write: writes the whole contents into the stream it is given
 *
 * Writes @path whole or not at all with what @write puts in it. A file
 * at @path is replaced only when @overwrite is set.
 */
gboolean
clipper_file_write_with (const char        *path,
                         gboolean           overwrite,
                         ClipperFileWriter  write,
                         gpointer           user_data,
                         GError           **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *temp_path = NULL;

  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("“%s” exists already; it was not replaced."), path);
      return FALSE;
    }

  if (!(stream = clipper_file_begin (path, &temp_path, error)))
    return FALSE;

  if (!write (stream, user_data, &local_error))
    {
      clipper_file_abandon (stream, temp_path);
      clipper_file_set_error (error, path, local_error);
      return FALSE;
    }

  return clipper_file_commit (stream, temp_path, path, overwrite, error);
}

static gboolean
write_bytes (GOutputStream  *stream,
             gpointer        user_data,
             GError        **error)
{
  GBytes *bytes = user_data;

  return g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, NULL, error);
}

/**
 * clipper_file_write:
 *
 * Writes @data to @path whole or not at all.
 */
gboolean
clipper_file_write (const char  *path,
                    const void  *data,
                    gsize        length,
                    gboolean     overwrite,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);

  return clipper_file_write_with (path, overwrite, write_bytes, bytes, error);
}
