/* clipper-sync-target.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CLIPPER_TYPE_SYNC_TARGET (clipper_sync_target_get_type ())

G_DECLARE_DERIVABLE_TYPE (ClipperSyncTarget, clipper_sync_target, CLIPPER, SYNC_TARGET, GObject)

/* Where libraries meet: files under a root, read and written whole, each
 * write with a condition. Paths are relative, with "/" between parts.
 * Called from a worker thread; a call blocks until done. */
struct _ClipperSyncTargetClass
{
  GObjectClass parent_class;

  /* The file, and its entity tag; %NULL with CLIPPER_ERROR_NOT_FOUND when
   * there is none. With @if_none_match its tag, %NULL and no error when
   * it has not changed. */
  GBytes   *(*get)      (ClipperSyncTarget  *self,
                         const char         *path,
                         const char         *if_none_match,
                         char              **etag,
                         GCancellable       *cancellable,
                         GError            **error);
  /* Writes the file if it does not exist (@if_match %NULL) or is still
   * the one tagged @if_match; else CLIPPER_ERROR_CONFLICT. Returns the
   * new tag (maybe "" when the target gives none). */
  char     *(*put)      (ClipperSyncTarget  *self,
                         const char         *path,
                         GBytes             *bytes,
                         const char         *if_match,
                         GCancellable       *cancellable,
                         GError            **error);
  /* Makes a folder; one that exists already is fine. */
  gboolean  (*make_dir) (ClipperSyncTarget  *self,
                         const char         *path,
                         GCancellable       *cancellable,
                         GError            **error);
  /* The names in a folder; CLIPPER_ERROR_NOT_FOUND when it is missing. */
  char    **(*list)     (ClipperSyncTarget  *self,
                         const char         *path,
                         GCancellable       *cancellable,
                         GError            **error);
  char     *(*describe) (ClipperSyncTarget  *self);
};

GBytes   *clipper_sync_target_get          (ClipperSyncTarget  *self,
                                            const char         *path,
                                            const char         *if_none_match,
                                            char              **etag,
                                            GCancellable       *cancellable,
                                            GError            **error);
char     *clipper_sync_target_put          (ClipperSyncTarget  *self,
                                            const char         *path,
                                            GBytes             *bytes,
                                            const char         *if_match,
                                            GCancellable       *cancellable,
                                            GError            **error);
gboolean  clipper_sync_target_make_dir     (ClipperSyncTarget  *self,
                                            const char         *path,
                                            GCancellable       *cancellable,
                                            GError            **error);
char    **clipper_sync_target_list         (ClipperSyncTarget  *self,
                                            const char         *path,
                                            GCancellable       *cancellable,
                                            GError            **error);
char     *clipper_sync_target_describe     (ClipperSyncTarget  *self);
guint     clipper_sync_target_get_requests (ClipperSyncTarget  *self);

G_END_DECLS
