/* clipper-count-list.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clipper-store.h"

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_COUNT_TAGS,
  CLIPPER_COUNT_SITES,
} ClipperCountKind;

#define CLIPPER_TYPE_COUNT_LIST (clipper_count_list_get_type ())

G_DECLARE_FINAL_TYPE (ClipperCountList, clipper_count_list, CLIPPER, COUNT_LIST, GObject)

ClipperCountList   *clipper_count_list_new        (ClipperCountKind  kind);
void                clipper_count_list_set_store  (ClipperCountList *self,
                                                   ClipperStore     *store);
ClipperStore       *clipper_count_list_get_store  (ClipperCountList *self);
void                clipper_count_list_reload     (ClipperCountList *self);
gboolean            clipper_count_list_is_loading (ClipperCountList *self);
GListModel         *clipper_count_list_get_names  (ClipperCountList *self);
const ClipperCount *clipper_count_list_lookup     (ClipperCountList *self,
                                                   const char       *name);

G_END_DECLS
