/* clipper-reader.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "clipper-error.h"
#include "clipper-reader.h"

/* The reader is the only part of Clipper that needs WebKit. It lives in a
 * module loaded when the first page is opened: linking WebKit costs every
 * start of the app and of the command line some 55 ms and 37 MiB here. */

G_DEFINE_INTERFACE (ClipperReader, clipper_reader, GTK_TYPE_WIDGET)

static void
clipper_reader_default_init (ClipperReaderInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_interface_install_property (iface,
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * ClipperReader::load-changed:
   * @event: a #ClipperReaderLoadEvent
   */
  g_signal_new ("load-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  /**
   * ClipperReader::ready:
   * @length: the length of the page's text, in characters
   *
   * The page can show highlights.
   */
  g_signal_new ("ready", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * ClipperReader::highlight-requested:
   * @start, @end: the selection, as text offsets
   * @color: (nullable): the colour chosen
   * @with_note: whether a note is to be written at once
   */
  g_signal_new ("highlight-requested", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL,
                G_TYPE_NONE, 4, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * ClipperReader::selection-changed:
   * @start, @end: the selection, as text offsets
   * @x, @y, @width, @height: where it is, in the reader's coordinates
   */
  g_signal_new ("selection-changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL,
                G_TYPE_NONE, 6, G_TYPE_INT64, G_TYPE_INT64,
                G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * ClipperReader::highlight-activated:
   * @id: the highlight
   * @x, @y, @width, @height: where it is; a negative @width when unknown
   */
  g_signal_new ("highlight-activated", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL,
                G_TYPE_NONE, 5, G_TYPE_INT64,
                G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * ClipperReader::live-highlight-requested:
   *
   * A highlight on a page that is not a clipping yet: its offsets in the
   * page, its quote with some context, and its colour.
   */
  g_signal_new ("live-highlight-requested", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 6, G_TYPE_INT64, G_TYPE_INT64,
                G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * ClipperReader::crashed:
   * @message: what happened, for people
   *
   * The page stopped working (its web process ended); reloading it starts
   * it again.
   */
  g_signal_new ("crashed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * ClipperReader::load-failed:
   * @uri: the address that could not be loaded
   * @message: why, for people
   *
   * The page could not be loaded: nothing of it is shown.
   */
  g_signal_new ("load-failed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * ClipperReader::dismissed:
   *
   * The selection went, or the page was clicked elsewhere.
   */
  g_signal_new ("dismissed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A stored clipping was scrolled: how far down, in thousandths. */
  g_signal_new ("read", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static GType
load_reader_type (GError **error)
{
  static GType type;
  static char *failure;
  g_autofree char *path = NULL;
  GType (*get_type) (void) = NULL;
  const char *dir;
  GModule *module;

  if (type != G_TYPE_INVALID)
    return type;

  /* Once failed, the same message every time rather than another try. */
  if (failure != NULL)
    {
      g_set_error_literal (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED, failure);
      return G_TYPE_INVALID;
    }

  if (!(dir = g_getenv ("CLIPPER_MODULE_DIR")))
    dir = CLIPPER_MODULE_DIR;
  path = g_build_filename (dir, "libclipper-reader." G_MODULE_SUFFIX, NULL);

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      failure = g_strdup_printf (_("The web view could not be loaded: %s"), g_module_error ());
    }
  else if (!g_module_symbol (module, CLIPPER_READER_MODULE_ENTRY, (gpointer *)&get_type) ||
           get_type == NULL)
    {
      failure = g_strdup_printf (_("The web view could not be loaded: %s"), g_module_error ());
      g_module_close (module);
    }
  else if (!g_type_is_a (get_type (), CLIPPER_TYPE_READER))
    {
      failure = g_strdup_printf (_("The web view could not be loaded: %s"),
                                 _("the module is not Clipper’s reader"));
      g_module_make_resident (module);
    }
  else
    {
      /* Its types cannot be unloaded. */
      g_module_make_resident (module);
      type = get_type ();
      return type;
    }

  g_warning ("%s", failure);
  g_set_error_literal (error, CLIPPER_ERROR, CLIPPER_ERROR_FAILED, failure);
  return G_TYPE_INVALID;
}

/**
 * clipper_reader_new:
 *
 * Creates the web view that shows pages and clippings, loading WebKit on
 * first use.
 *
 * Returns: (transfer floating) (nullable): a reader, or %NULL with @error
 *   set when WebKit could not be loaded
 */
ClipperReader *
clipper_reader_new (GError **error)
{
  GType type = load_reader_type (error);

  if (type == G_TYPE_INVALID)
    return NULL;

  return g_object_new (type, NULL);
}

void
clipper_reader_set_store (ClipperReader *self,
                          ClipperStore  *store,
                          const GError  *error)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->set_store (self, store, error);
}

void
clipper_reader_load_uri (ClipperReader *self,
                         const char    *uri)
{
  g_return_if_fail (CLIPPER_IS_READER (self));
  g_return_if_fail (uri != NULL);

  CLIPPER_READER_GET_IFACE (self)->load_uri (self, uri);
}

void
clipper_reader_go_back (ClipperReader *self)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->go_back (self);
}

void
clipper_reader_go_forward (ClipperReader *self)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->go_forward (self);
}

void
clipper_reader_reload (ClipperReader *self)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->reload (self);
}

void
clipper_reader_stop (ClipperReader *self)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->stop (self);
}

const char *
clipper_reader_get_uri (ClipperReader *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER (self), NULL);

  return CLIPPER_READER_GET_IFACE (self)->get_uri (self);
}

const char *
clipper_reader_get_title (ClipperReader *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER (self), NULL);

  return CLIPPER_READER_GET_IFACE (self)->get_title (self);
}

double
clipper_reader_get_progress (ClipperReader *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER (self), 0.0);

  return CLIPPER_READER_GET_IFACE (self)->get_progress (self);
}

gboolean
clipper_reader_is_loading (ClipperReader *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER (self), FALSE);

  return CLIPPER_READER_GET_IFACE (self)->is_loading (self);
}

/**
 * clipper_reader_get_http_status:
 *
 * The HTTP status of the page shown, or 0 when it did not come over HTTP.
 */
guint
clipper_reader_get_http_status (ClipperReader *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER (self), 0);

  return CLIPPER_READER_GET_IFACE (self)->get_http_status (self);
}

/**
 * clipper_reader_set_caret_browsing:
 *
 * Whether a caret moves through the page, so that the keyboard alone can
 * select text (with Shift and the arrows) to highlight.
 */
void
clipper_reader_set_caret_browsing (ClipperReader *self,
                                   gboolean       enabled)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->set_caret_browsing (self, enabled);
}

/**
 * clipper_reader_set_reader_style:
 * @css: (nullable): a user style sheet for the stored clippings' pages
 *
 * The reader's preferences, applied at once to the page on show and to
 * those opened after; pages get no script for it.
 */
void
clipper_reader_set_reader_style (ClipperReader *self,
                                 const char    *css)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->set_reader_style (self, css);
}

void
clipper_reader_set_zoom (ClipperReader *self,
                         double         zoom)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->set_zoom (self, zoom);
}

/* Scrolls a stored clipping to where its reading stopped, in thousandths. */
void
clipper_reader_scroll_to_progress (ClipperReader *self,
                                   int            permille)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->scroll_to_progress (self, permille);
}

gboolean
clipper_reader_can_go_back (ClipperReader *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER (self), FALSE);

  return CLIPPER_READER_GET_IFACE (self)->can_go_back (self);
}

gboolean
clipper_reader_can_go_forward (ClipperReader *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER (self), FALSE);

  return CLIPPER_READER_GET_IFACE (self)->can_go_forward (self);
}

/**
 * clipper_reader_serialize_async:
 *
 * Reads the page on show as HTML, as the page's scripts left it, without
 * Clipper's own highlight marks.
 */
void
clipper_reader_serialize_async (ClipperReader       *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->serialize_async (self, cancellable, callback, user_data);
}

/**
 * clipper_reader_serialize_finish:
 *
 * Returns: (transfer full): the page's HTML in UTF-8, or %NULL with @error set
 */
GBytes *
clipper_reader_serialize_finish (ClipperReader  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (CLIPPER_IS_READER (self), NULL);

  return CLIPPER_READER_GET_IFACE (self)->serialize_finish (self, result, error);
}

void
clipper_reader_apply_highlights (ClipperReader *self,
                                 GPtrArray     *highlights)
{
  g_return_if_fail (CLIPPER_IS_READER (self));
  g_return_if_fail (highlights != NULL);

  CLIPPER_READER_GET_IFACE (self)->apply_highlights (self, highlights);
}

void
clipper_reader_remove_highlight (ClipperReader *self,
                                 gint64         id)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->remove_highlight (self, id);
}

void
clipper_reader_recolor_highlight (ClipperReader *self,
                                  gint64         id,
                                  const char    *color)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->recolor_highlight (self, id, color);
}

void
clipper_reader_set_highlight_note (ClipperReader *self,
                                   gint64         id,
                                   const char    *note)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->set_highlight_note (self, id, note);
}

void
clipper_reader_scroll_to (ClipperReader *self,
                          gint64         id)
{
  g_return_if_fail (CLIPPER_IS_READER (self));

  CLIPPER_READER_GET_IFACE (self)->scroll_to (self, id);
}
