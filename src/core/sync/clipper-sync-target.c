/* clipper-sync-target.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What sync needs of the storage it goes through, whatever it is: a
 * folder, or a WebDAV server. It counts the requests made, for the
 * benchmark and the tests that hold the cost of a sync to its changes.
 */

#define G_LOG_DOMAIN "clipper-sync"

#include "config.h"

#include "clipper-sync-target.h"

typedef struct
{
  guint requests;
} ClipperSyncTargetPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ClipperSyncTarget, clipper_sync_target, G_TYPE_OBJECT)

static void
clipper_sync_target_class_init (ClipperSyncTargetClass *klass)
{
}

static void
clipper_sync_target_init (ClipperSyncTarget *self)
{
}

static void
count (ClipperSyncTarget *self)
{
  ClipperSyncTargetPrivate *priv = clipper_sync_target_get_instance_private (self);

  g_atomic_int_inc (&priv->requests);
}

GBytes *
clipper_sync_target_get (ClipperSyncTarget  *self,
                         const char         *path,
                         const char         *if_none_match,
                         char              **etag,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_TARGET (self), NULL);

  count (self);
  return CLIPPER_SYNC_TARGET_GET_CLASS (self)->get (self, path, if_none_match, etag, cancellable, error);
}

char *
clipper_sync_target_put (ClipperSyncTarget  *self,
                         const char         *path,
                         GBytes             *bytes,
                         const char         *if_match,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_TARGET (self), NULL);

  count (self);
  return CLIPPER_SYNC_TARGET_GET_CLASS (self)->put (self, path, bytes, if_match, cancellable, error);
}

gboolean
clipper_sync_target_make_dir (ClipperSyncTarget  *self,
                              const char         *path,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_TARGET (self), FALSE);

  count (self);
  return CLIPPER_SYNC_TARGET_GET_CLASS (self)->make_dir (self, path, cancellable, error);
}

char **
clipper_sync_target_list (ClipperSyncTarget  *self,
                          const char         *path,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_TARGET (self), NULL);

  count (self);
  return CLIPPER_SYNC_TARGET_GET_CLASS (self)->list (self, path, cancellable, error);
}

/* Where it is, as a person would write it. */
char *
clipper_sync_target_describe (ClipperSyncTarget *self)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_TARGET (self), NULL);

  return CLIPPER_SYNC_TARGET_GET_CLASS (self)->describe (self);
}

/* How many requests were made through it so far. */
guint
clipper_sync_target_get_requests (ClipperSyncTarget *self)
{
  ClipperSyncTargetPrivate *priv = clipper_sync_target_get_instance_private (self);

  g_return_val_if_fail (CLIPPER_IS_SYNC_TARGET (self), 0);

  return g_atomic_int_get (&priv->requests);
}
