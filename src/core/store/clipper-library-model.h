/* clipper-library-model.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_LIBRARY_MODEL (clipper_library_model_get_type ())

G_DECLARE_FINAL_TYPE (ClipperLibraryModel, clipper_library_model, CLIPPER, LIBRARY_MODEL, GObject)

ClipperLibraryModel *clipper_library_model_new         (ClipperStore        *store);
ClipperStore        *clipper_library_model_get_store   (ClipperLibraryModel *self);
const char          *clipper_library_model_get_query   (ClipperLibraryModel *self);
void                 clipper_library_model_set_query   (ClipperLibraryModel *self,
                                                        const char          *query);
ClipperSort          clipper_library_model_get_sort    (ClipperLibraryModel *self);
void                 clipper_library_model_set_sort    (ClipperLibraryModel *self,
                                                        ClipperSort          sort);
gboolean             clipper_library_model_get_loading (ClipperLibraryModel *self);
void                 clipper_library_model_reload      (ClipperLibraryModel *self);
void                 clipper_library_model_refresh      (ClipperLibraryModel *self,
                                                         gint64               id);
void                 clipper_library_model_hide        (ClipperLibraryModel *self,
                                                        gint64               id);
void                 clipper_library_model_unhide      (ClipperLibraryModel *self,
                                                        gint64               id);
gboolean             clipper_library_model_find        (ClipperLibraryModel *self,
                                                        gint64               id,
                                                        guint               *position);
gint64               clipper_library_model_get_id      (ClipperLibraryModel *self,
                                                        guint                position);
const char          *clipper_library_model_get_snippet (ClipperLibraryModel *self,
                                                        gint64               id);

G_END_DECLS
