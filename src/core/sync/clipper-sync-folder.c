/* clipper-sync-folder.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A folder as a sync target: one that Syncthing, Nextcloud's client or
 * Dropbox carries to the other machines. Files are replaced whole (a new
 * file renamed over the old one), so another machine's client never
 * copies half of one; a file's tag is the SHA-256 of its contents.
 */

#define G_LOG_DOMAIN "clipper-sync"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "clipper-error.h"
#include "clipper-store-sync.h"
#include "clipper-sync-folder.h"

struct _ClipperSyncFolder
{
  ClipperSyncTarget parent_instance;

  GFile *root;
};

G_DEFINE_FINAL_TYPE (ClipperSyncFolder, clipper_sync_folder, CLIPPER_TYPE_SYNC_TARGET)

static GFile *
resolve (ClipperSyncFolder *self,
         const char        *path)
{
  return g_file_resolve_relative_path (self->root, path);
}

static char *
tag_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* GIO's errors as ours, with the file named. */
static void
set_error (GError     **error,
           GError      *cause,
           const char  *path)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND, _("%s is not in the sync folder."), path);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_CONFLICT, _("%s was written meanwhile."), path);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NO_SPACE, _("The sync folder’s disk is full: %s"),
                 cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else
    g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED, _("Could not use %s in the sync folder: %s"), path,
                 cause->message);
}

static GBytes *
clipper_sync_folder_get (ClipperSyncTarget  *target,
                         const char         *path,
                         const char         *if_none_match,
                         char              **etag,
                         GCancellable       *cancellable,
                         GError            **error)
{
  ClipperSyncFolder *self = CLIPPER_SYNC_FOLDER (target);
  g_autoptr(GFile) file = resolve (self, path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *tag = NULL;

  /* Only files, and none larger than Clipper writes. */
  if (info != NULL && (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
                       g_file_info_get_size (info) > CLIPPER_SYNC_MAX_FILE))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_TOO_LARGE,
                   _("%s in the sync folder is not a file Clipper wrote."), path);
      return NULL;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      set_error (error, local_error, path);
      return NULL;
    }
  tag = tag_of (bytes);
  if (if_none_match != NULL && g_str_equal (if_none_match, tag))
    return NULL;
  if (etag)
    *etag = g_steal_pointer (&tag);
  return g_steal_pointer (&bytes);
}

/* Creates @file with @data unless it exists, in one step: the data is
 * written to a hidden file beside it, then linked under the name, which
 * fails if the name is taken. A process killed on the way leaves no
 * empty or partial file under the name (only the hidden one, which lists
 * skip). */
static gboolean
create_whole (GFile       *file,
              const char  *data,
              gsize        size,
              GError     **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *temporary = g_build_filename (dir, ".clipper-XXXXXX", NULL);
  gboolean ok;
  int saved;
  int fd;

  if ((fd = g_mkstemp_full (temporary, O_WRONLY, 0644)) < 0)
    {
      saved = errno;
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return FALSE;
    }
  for (gsize written = 0; written < size;)
    {
      gssize n = write (fd, data + written, size - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      written += n;
    }
  ok = fsync (fd) == 0 && lseek (fd, 0, SEEK_CUR) == (off_t)size;
  saved = errno;
  close (fd);
  if (ok)
    {
      ok = link (temporary, path) == 0;
      saved = errno;
    }
  g_unlink (temporary);
  if (!ok)
    g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
  return ok;
}

static char *
clipper_sync_folder_put (ClipperSyncTarget  *target,
                         const char         *path,
                         GBytes             *bytes,
                         const char         *if_match,
                         GCancellable       *cancellable,
                         GError            **error)
{
  ClipperSyncFolder *self = CLIPPER_SYNC_FOLDER (target);
  g_autoptr(GFile) file = resolve (self, path);
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (if_match == NULL)
    {
      if (!create_whole (file, data, size, &local_error))
        {
          set_error (error, local_error, path);
          return NULL;
        }
      return tag_of (bytes);
    }
  else
    {
      g_autoptr(GBytes) current = g_file_load_bytes (file, cancellable, NULL, NULL);
      g_autofree char *tag = current ? tag_of (current) : NULL;

      if (g_strcmp0 (tag, if_match) != 0)
        {
          g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_CONFLICT, _("%s was written meanwhile."), path);
          return NULL;
        }
    }

  if (!g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE, NULL, cancellable, &local_error))
    {
      set_error (error, local_error, path);
      return NULL;
    }
  return tag_of (bytes);
}

static gboolean
clipper_sync_folder_make_dir (ClipperSyncTarget  *target,
                              const char         *path,
                              GCancellable       *cancellable,
                              GError            **error)
{
  ClipperSyncFolder *self = CLIPPER_SYNC_FOLDER (target);
  g_autoptr(GFile) dir = resolve (self, path);
  g_autoptr(GError) local_error = NULL;

  if (g_file_make_directory_with_parents (dir, cancellable, &local_error) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return TRUE;
  set_error (error, local_error, path);
  return FALSE;
}

static char **
clipper_sync_folder_list (ClipperSyncTarget  *target,
                          const char         *path,
                          GCancellable       *cancellable,
                          GError            **error)
{
  ClipperSyncFolder *self = CLIPPER_SYNC_FOLDER (target);
  g_autoptr(GFile) dir = resolve (self, path);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  if (!(children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                              cancellable, &local_error)))
    {
      set_error (error, local_error, path);
      return NULL;
    }
  while ((info = g_file_enumerator_next_file (children, cancellable, &local_error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      /* A file a sync client is still writing, or its leftover. */
      if (name[0] != '.' && !g_str_has_suffix (name, "~") && !g_str_has_suffix (name, ".tmp"))
        g_ptr_array_add (names, g_strdup (name));
      g_object_unref (info);
    }
  if (local_error != NULL)
    {
      set_error (error, local_error, path);
      return NULL;
    }
  g_ptr_array_add (names, NULL);
  return (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static char *
clipper_sync_folder_describe (ClipperSyncTarget *target)
{
  return g_file_get_parse_name (CLIPPER_SYNC_FOLDER (target)->root);
}

static void
clipper_sync_folder_finalize (GObject *object)
{
  g_clear_object (&CLIPPER_SYNC_FOLDER (object)->root);

  G_OBJECT_CLASS (clipper_sync_folder_parent_class)->finalize (object);
}

static void
clipper_sync_folder_class_init (ClipperSyncFolderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClipperSyncTargetClass *target_class = CLIPPER_SYNC_TARGET_CLASS (klass);

  object_class->finalize = clipper_sync_folder_finalize;
  target_class->get = clipper_sync_folder_get;
  target_class->put = clipper_sync_folder_put;
  target_class->make_dir = clipper_sync_folder_make_dir;
  target_class->list = clipper_sync_folder_list;
  target_class->describe = clipper_sync_folder_describe;
}

static void
clipper_sync_folder_init (ClipperSyncFolder *self)
{
}

ClipperSyncTarget *
clipper_sync_folder_new (GFile *root)
{
  ClipperSyncFolder *self;

  g_return_val_if_fail (G_IS_FILE (root), NULL);

  self = g_object_new (CLIPPER_TYPE_SYNC_FOLDER, NULL);
  self->root = g_object_ref (root);
  return CLIPPER_SYNC_TARGET (self);
}
