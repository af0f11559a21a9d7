/* clipper-reader.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "clipper-highlight.h"
#include "clipper-store.h"

G_BEGIN_DECLS

/* The symbol the reader module exports: it returns the module's reader type. */
#define CLIPPER_READER_MODULE_ENTRY "clipper_reader_module_get_type"

typedef enum
{
  CLIPPER_READER_LOAD_STARTED,
  CLIPPER_READER_LOAD_REDIRECTED,
  CLIPPER_READER_LOAD_COMMITTED,
  CLIPPER_READER_LOAD_FINISHED,
} ClipperReaderLoadEvent;

#define CLIPPER_TYPE_READER (clipper_reader_get_type ())

G_DECLARE_INTERFACE (ClipperReader, clipper_reader, CLIPPER, READER, GtkWidget)

struct _ClipperReaderInterface
{
  GTypeInterface parent_iface;

  void        (*set_store)         (ClipperReader        *self,
                                    ClipperStore         *store,
                                    const GError         *error);
  void        (*load_uri)          (ClipperReader        *self,
                                    const char           *uri);
  void        (*go_back)           (ClipperReader        *self);
  void        (*go_forward)        (ClipperReader        *self);
  void        (*reload)            (ClipperReader        *self);
  void        (*stop)              (ClipperReader        *self);
  const char *(*get_uri)           (ClipperReader        *self);
  const char *(*get_title)         (ClipperReader        *self);
  double      (*get_progress)      (ClipperReader        *self);
  gboolean    (*is_loading)        (ClipperReader        *self);
  gboolean    (*can_go_back)       (ClipperReader        *self);
  gboolean    (*can_go_forward)    (ClipperReader        *self);
  void        (*serialize_async)   (ClipperReader        *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
  GBytes     *(*serialize_finish)  (ClipperReader        *self,
                                    GAsyncResult         *result,
                                    GError              **error);
  void        (*apply_highlights)  (ClipperReader        *self,
                                    GPtrArray            *highlights);
  void        (*remove_highlight)  (ClipperReader        *self,
                                    gint64                id);
  void        (*recolor_highlight) (ClipperReader        *self,
                                    gint64                id,
                                    const char           *color);
  void        (*set_highlight_note)(ClipperReader        *self,
                                    gint64                id,
                                    const char           *note);
  void        (*scroll_to)         (ClipperReader        *self,
                                    gint64                id);
  guint       (*get_http_status)   (ClipperReader        *self);
  void        (*set_caret_browsing)(ClipperReader        *self,
                                    gboolean              enabled);
  void        (*set_reader_style)  (ClipperReader        *self,
                                    const char           *css);
  void        (*set_zoom)          (ClipperReader        *self,
                                    double                zoom);
  void        (*scroll_to_progress)(ClipperReader        *self,
                                    int                   permille);
};

ClipperReader *clipper_reader_new                (GError              **error);
void           clipper_reader_set_store          (ClipperReader        *self,
                                                  ClipperStore         *store,
                                                  const GError         *error);
void           clipper_reader_load_uri           (ClipperReader        *self,
                                                  const char           *uri);
void           clipper_reader_go_back            (ClipperReader        *self);
void           clipper_reader_go_forward         (ClipperReader        *self);
void           clipper_reader_reload             (ClipperReader        *self);
void           clipper_reader_stop               (ClipperReader        *self);
const char    *clipper_reader_get_uri            (ClipperReader        *self);
const char    *clipper_reader_get_title          (ClipperReader        *self);
double         clipper_reader_get_progress       (ClipperReader        *self);
gboolean       clipper_reader_is_loading         (ClipperReader        *self);
guint          clipper_reader_get_http_status    (ClipperReader        *self);
void           clipper_reader_set_caret_browsing (ClipperReader        *self,
                                                  gboolean              enabled);
void           clipper_reader_set_reader_style   (ClipperReader        *self,
                                                  const char           *css);
void           clipper_reader_set_zoom           (ClipperReader        *self,
                                                  double                zoom);
void           clipper_reader_scroll_to_progress (ClipperReader        *self,
                                                  int                   permille);
gboolean       clipper_reader_can_go_back        (ClipperReader        *self);
gboolean       clipper_reader_can_go_forward     (ClipperReader        *self);
void           clipper_reader_serialize_async    (ClipperReader        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes        *clipper_reader_serialize_finish   (ClipperReader        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void           clipper_reader_apply_highlights   (ClipperReader        *self,
                                                  GPtrArray            *highlights);
void           clipper_reader_remove_highlight   (ClipperReader        *self,
                                                  gint64                id);
void           clipper_reader_recolor_highlight  (ClipperReader        *self,
                                                  gint64                id,
                                                  const char           *color);
void           clipper_reader_set_highlight_note (ClipperReader        *self,
                                                  gint64                id,
                                                  const char           *note);
void           clipper_reader_scroll_to          (ClipperReader        *self,
                                                  gint64                id);

G_END_DECLS
