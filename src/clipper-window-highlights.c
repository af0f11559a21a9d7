/* clipper-window-highlights.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Highlights in the open clipping: loading and drawing them, creating them
 * from a selection or a live page, recolouring, notes and tags, deleting
 * with undo, and the popover at a selection.
 */

#define G_LOG_DOMAIN "clipper-window"

#include "config.h"

#include <glib/gi18n.h>
#include "clipper-anchor.h"
#include "clipper-highlight-popover.h"
#include "clipper-highlights-pane.h"
#include "clipper-error.h"
#include "clipper-query.h"
#include "clipper-reader.h"
#include "clipper-uri.h"
#include "clipper-window.h"
#include "clipper-window-private.h"

static void
create_highlight (ClipperWindow *self,
                  gint64         start,
                  gint64         end,
                  const char    *color,
                  gboolean       with_note);

static void
on_highlights_pane_activated_cb (ClipperWindow         *self,
                                 ClipperHighlight      *highlight,
                                 ClipperHighlightsPane *pane);

static void
on_highlights_pane_recolor_requested_cb (ClipperWindow         *self,
                                         ClipperHighlight      *highlight,
                                         const char            *color,
                                         ClipperHighlightsPane *pane);

static void
on_highlights_pane_note_changed_cb (ClipperWindow         *self,
                                    ClipperHighlight      *highlight,
                                    ClipperHighlightsPane *pane);

static void
on_highlights_pane_place_requested_cb (ClipperWindow         *self,
                                       ClipperHighlight      *highlight,
                                       ClipperHighlightsPane *pane);

static void
on_highlights_pane_clipping_changed_cb (ClipperWindow         *self,
                                        const char            *note,
                                        char                 **tags,
                                        ClipperHighlightsPane *pane);

static void
on_highlights_pane_delete_requested_cb (ClipperWindow         *self,
                                        ClipperHighlight      *highlight,
                                        ClipperHighlightsPane *pane);

/* The Highlights page is built when first needed (a clipping opened, or
 * the page shown): it is a fair part of the window's start-up. */
ClipperHighlightsPane *
_clipper_window_get_highlights_pane (ClipperWindow *self)
{
  if (self->highlights_pane != NULL)
    return self->highlights_pane;

  self->highlights_pane = CLIPPER_HIGHLIGHTS_PANE (g_object_new (CLIPPER_TYPE_HIGHLIGHTS_PANE,
                                                                 "vexpand", TRUE,
                                                                 NULL));
  g_signal_connect_object (self->highlights_pane, "highlight-activated",
                           G_CALLBACK (on_highlights_pane_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->highlights_pane, "delete-requested",
                           G_CALLBACK (on_highlights_pane_delete_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->highlights_pane, "recolor-requested",
                           G_CALLBACK (on_highlights_pane_recolor_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->highlights_pane, "place-requested",
                           G_CALLBACK (on_highlights_pane_place_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->highlights_pane, "highlight-changed",
                           G_CALLBACK (on_highlights_pane_note_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->highlights_pane, "clipping-changed",
                           G_CALLBACK (on_highlights_pane_clipping_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (clipper_highlights_pane_get_citation_editor (self->highlights_pane), "field-changed",
                           G_CALLBACK (_clipper_window_on_citation_field_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->highlights_box, GTK_WIDGET (self->highlights_pane));

  return self->highlights_pane;
}

typedef struct
{
  gint64             id;
  ClipperAnchorText *text;
  GPtrArray         *highlights;
  GPtrArray         *known_tags;
  char              *note;
  char             **tags;
  ClipperCitation   *citation;
  char              *url;
} ReaderData;

static void
reader_data_free (ReaderData *data)
{
  g_clear_pointer (&data->text, clipper_anchor_text_free);
  g_clear_pointer (&data->highlights, g_ptr_array_unref);
  g_clear_pointer (&data->known_tags, g_ptr_array_unref);
  g_clear_pointer (&data->note, g_free);
  g_clear_pointer (&data->tags, g_strfreev);
  g_clear_pointer (&data->citation, clipper_citation_free);
  g_free (data->url);
  g_free (data);
}

static gpointer
load_reader_job (ClipperStore  *store,
                 gpointer       user_data,
                 GError       **error)
{
  gint64 id = *(gint64 *)user_data;
  g_autoptr(ClipperClipping) clipping = NULL;
  ReaderData *data;
  GPtrArray *highlights;

  if (!(clipping = clipper_store_find_clipping (store, id, error)) ||
      !(highlights = clipper_store_list_highlights (store, id, error)))
    return NULL;

  data = g_new0 (ReaderData, 1);
  data->id = id;
  data->highlights = highlights;
  data->text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  data->note = clipper_store_dup_clipping_note (store, id, NULL);
  data->tags = g_strdupv ((char **)clipper_clipping_get_tags (clipping));
  data->known_tags = clipper_store_list_tags (store, NULL);
  data->citation = clipper_store_find_citation (store, id, NULL);
  data->url = g_strdup (clipper_clipping_get_url (clipping));
  return data;
}

/* Opened from a search that matched a highlight or its note: go there. */
static void
reveal_match (ClipperWindow *self,
              GPtrArray     *highlights)
{
  g_autoptr(ClipperQuery) query = NULL;

  if (self->reveal_query == NULL || self->reveal_id != self->reader_id)
    return;

  query = g_steal_pointer (&self->reveal_query);
  for (guint i = 0; i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);

      if (!clipper_highlight_get_orphaned (highlight) &&
          (clipper_query_matches (query, clipper_highlight_get_exact (highlight)) ||
           clipper_query_matches (query, clipper_highlight_get_note (highlight))))
        {
          clipper_highlights_pane_select (_clipper_window_get_highlights_pane (self), clipper_highlight_get_id (highlight));
          clipper_reader_scroll_to (self->reader, clipper_highlight_get_id (highlight));
          return;
        }
    }
}

static void
apply_highlights_if_ready (ClipperWindow *self)
{
  GListModel *model = clipper_highlights_pane_get_model (_clipper_window_get_highlights_pane (self));
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  if (!self->reader_ready || self->reader_text == NULL || self->reader_applied)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (list, g_list_model_get_item (model, i));

  self->reader_applied = TRUE;
  clipper_reader_apply_highlights (self->reader, list);
  reveal_match (self, list);
}

static void
on_reader_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  ReaderData *data;

  data = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not load the clipping's highlights: %s", error->message);
      return;
    }

  /* Imported without its text: the page itself, to be clipped. */
  if (data->id == self->reader_id && clipper_anchor_text_get_length (data->text) == 0 &&
      clipper_uri_is_web (data->url))
    {
      g_autofree char *message =
        data->highlights->len > 0
          ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "This page was imported without its text: it opens from the web, and "
                                          "Clip keeps it with its highlight placed",
                                          "This page was imported without its text: it opens from the web, and "
                                          "Clip keeps it with its %u highlights placed",
                                          data->highlights->len),
                             data->highlights->len)
          : g_strdup (_("This page was imported without its text: it opens from the web, and Clip keeps it"));

      _clipper_window_show_toast (self, message);
      clipper_reader_load_uri (self->reader, data->url);
      reader_data_free (data);
      return;
    }

  if (data->id == self->reader_id)
    {
      self->selection_live = FALSE;
      g_clear_pointer (&self->reader_text, clipper_anchor_text_free);
      self->reader_text = g_steal_pointer (&data->text);
      clipper_highlights_pane_set_highlights (_clipper_window_get_highlights_pane (self), data->highlights);
      clipper_highlights_pane_set_clipping_details (_clipper_window_get_highlights_pane (self), data->note,
                                                    (const char * const *)data->tags);
      clipper_highlights_pane_set_known_tags (_clipper_window_get_highlights_pane (self), data->known_tags);
      clipper_citation_editor_set_citation (
        clipper_highlights_pane_get_citation_editor (_clipper_window_get_highlights_pane (self)), data->citation);
      apply_highlights_if_ready (self);
    }

  reader_data_free (data);
}

static gboolean
same_text (ClipperAnchorText *a,
           ClipperAnchorText *b)
{
  return g_strcmp0 (clipper_anchor_text_get_utf8 (a), clipper_anchor_text_get_utf8 (b)) == 0;
}

/* Whether @shown already holds @fresh, in the same order: most changes
 * elsewhere in the library leave the open clipping as it is. */
static gboolean
same_highlights (GListModel *shown,
                 GPtrArray  *fresh)
{
  if (g_list_model_get_n_items (shown) != fresh->len)
    return FALSE;

  for (guint i = 0; i < fresh->len; i++)
    {
      g_autoptr(ClipperHighlight) a = g_list_model_get_item (shown, i);
      ClipperHighlight *b = g_ptr_array_index (fresh, i);

      if (clipper_highlight_get_id (a) != clipper_highlight_get_id (b) ||
          clipper_highlight_get_start (a) != clipper_highlight_get_start (b) ||
          clipper_highlight_get_end (a) != clipper_highlight_get_end (b) ||
          clipper_highlight_get_orphaned (a) != clipper_highlight_get_orphaned (b) ||
          g_strcmp0 (clipper_highlight_get_color (a), clipper_highlight_get_color (b)) != 0 ||
          g_strcmp0 (clipper_highlight_get_note (a), clipper_highlight_get_note (b)) != 0 ||
          !g_strv_equal (clipper_highlight_get_tags (a), clipper_highlight_get_tags (b)))
        return FALSE;
    }
  return TRUE;
}

static void
on_reader_reloaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  ClipperHighlightsPane *pane;
  GListModel *model;
  ReaderData *data;

  data = clipper_store_run_finish (CLIPPER_STORE (object), result, NULL);
  if (data == NULL)
    return;
  if (data->id != self->reader_id || self->reader_text == NULL)
    {
      reader_data_free (data);
      return;
    }

  /* Clipped again elsewhere: the page itself is new. */
  if (!same_text (data->text, self->reader_text))
    {
      reader_data_free (data);
      clipper_reader_reload (self->reader);
      return;
    }

  pane = _clipper_window_get_highlights_pane (self);
  model = clipper_highlights_pane_get_model (pane);
  if (same_highlights (model, data->highlights))
    goto details;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClipperHighlight) old = g_list_model_get_item (model, i);
      gint64 id = clipper_highlight_get_id (old);
      gboolean kept = FALSE;

      for (guint j = 0; j < data->highlights->len && !kept; j++)
        kept = clipper_highlight_get_id (g_ptr_array_index (data->highlights, j)) == id;
      if (!kept && self->reader_applied)
        clipper_reader_remove_highlight (self->reader, id);
    }
  clipper_highlights_pane_update (pane, data->highlights);
  if (self->reader_applied)
    clipper_reader_apply_highlights (self->reader, data->highlights);

details:
  if (!clipper_highlights_pane_is_editing_clipping (pane))
    clipper_highlights_pane_set_clipping_details (pane, data->note, (const char * const *)data->tags);
  clipper_highlights_pane_set_known_tags (pane, data->known_tags);
  clipper_citation_editor_set_citation (clipper_highlights_pane_get_citation_editor (pane), data->citation);

  reader_data_free (data);
}

/* Another program changed the library: the open clipping's highlights,
 * note and tags are read again and shown in place. */
void
_clipper_window_reload_reader_data (ClipperWindow *self)
{
  if (self->reader_id <= 0 || self->store == NULL || self->reader_cancellable == NULL)
    return;

  /* What is being typed is saved first, so it is what comes back. */
  if (self->highlights_pane != NULL)
    clipper_highlights_pane_flush (self->highlights_pane);
  clipper_store_run_async (self->store, load_reader_job, g_memdup2 (&self->reader_id, sizeof self->reader_id),
                           g_free, (GDestroyNotify)reader_data_free, self->reader_cancellable,
                           on_reader_reloaded_cb, g_object_ref (self));
}

/* Follows the reader: highlights belong to the clipping on show. */
void
_clipper_window_sync_reader (ClipperWindow *self)
{
  gint64 id = clipper_uri_parse_clipping_id (_clipper_window_reader_uri (self));

  /* Notes being typed belong to the clipping on show until now. */
  if (self->highlights_pane != NULL)
    clipper_highlights_pane_flush (self->highlights_pane);
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));

  /* Every load, reloads too: the page starts without marks. */
  g_cancellable_cancel (self->reader_cancellable);
  g_clear_object (&self->reader_cancellable);
  g_clear_pointer (&self->reader_text, clipper_anchor_text_free);
  self->reader_id = id;
  self->reader_ready = FALSE;
  self->reader_applied = FALSE;
  /* The app opens again on the clipping read last; a web page read
   * since is not one to come back to. */
  if (id > 0 || g_strcmp0 (_clipper_window_reader_uri (self), "about:blank") != 0)
    g_settings_set_int64 (self->settings, "last-clipping", MAX (id, 0));

  if (id <= 0 || self->store == NULL)
    {
      if (self->highlights_pane != NULL)
        clipper_highlights_pane_clear (self->highlights_pane);
      return;
    }

  self->reader_cancellable = g_cancellable_new ();
  clipper_store_run_async (self->store, load_reader_job, g_memdup2 (&id, sizeof id), g_free,
                           (GDestroyNotify)reader_data_free, self->reader_cancellable,
                           on_reader_loaded_cb, g_object_ref (self));
}

void
_clipper_window_on_reader_ready_cb (ClipperWindow *self,
                                    gint64         length,
                                    ClipperReader *reader)
{
  GPtrArray *live;

  if (self->reader_id <= 0)
    {
      /* A live page: draw what was highlighted on it before. */
      live = g_hash_table_lookup (self->live_highlights, _clipper_window_reader_uri (self) ?: "");
      if (live != NULL)
        clipper_reader_apply_highlights (self->reader, live);
      return;
    }

  self->reader_ready = TRUE;
  self->reader_applied = FALSE;
  apply_highlights_if_ready (self);
  _clipper_window_restore_reading (self);
}

void
_clipper_window_on_reader_live_highlight_requested_cb (ClipperWindow *self,
                                                       gint64         start,
                                                       gint64         end,
                                                       const char    *exact,
                                                       const char    *prefix,
                                                       const char    *suffix,
                                                       const char    *color,
                                                       ClipperReader *reader)
{
  const char *uri = _clipper_window_reader_uri (self);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  ClipperHighlight *highlight;
  GPtrArray *live;

  if (uri == NULL || !_clipper_window_uri_is_clippable (uri))
    return;

  highlight = clipper_highlight_new ();
  clipper_highlight_set_id (highlight, self->next_live_id--);
  clipper_highlight_set_color (highlight, color ? color : "yellow");
  clipper_highlight_set_exact (highlight, exact);
  clipper_highlight_set_prefix (highlight, prefix);
  clipper_highlight_set_suffix (highlight, suffix);
  clipper_highlight_set_start (highlight, start);
  clipper_highlight_set_end (highlight, end);

  live = g_hash_table_lookup (self->live_highlights, uri);
  if (live == NULL)
    {
      live = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->live_highlights, g_strdup (uri), live);
    }
  g_ptr_array_add (live, highlight);

  g_ptr_array_add (one, highlight);
  clipper_reader_apply_highlights (self->reader, one);

  if (live->len == 1)
    _clipper_window_show_toast (self, _("Highlighted. Clip the page to keep its highlights."));
}

void
_clipper_window_on_reader_highlight_requested_cb (ClipperWindow *self,
                                                  gint64         start,
                                                  gint64         end,
                                                  const char    *color,
                                                  gboolean       with_note,
                                                  ClipperReader *reader)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  create_highlight (self, start, end, color, with_note);
}

typedef struct
{
  ClipperWindow *self;
  gboolean       with_note;
} AddRequest;

/* The mark is drawn once the highlight has its id, a few milliseconds
 * later (some 25 for a 25,000-word article, whose index is rewritten). */
static void
on_highlight_added_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AddRequest *request = user_data;
  g_autoptr(ClipperWindow) self = request->self;
  gboolean with_note = request->with_note;
  g_autoptr(ClipperHighlight) highlight = NULL;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GError) error = NULL;

  g_free (request);
  highlight = clipper_highlight_editor_create_finish (CLIPPER_HIGHLIGHT_EDITOR (object), result, &error);
  if (highlight == NULL)
    {
      if (g_error_matches (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT))
        g_warning ("Ignoring a highlight: %s", error->message);
      else if (error != NULL)
        _clipper_window_show_save_error (self, SAVING_HIGHLIGHT, error);
      return;
    }

  /* Saved; drawn only if its clipping is still the one on show. */
  if (clipper_highlight_get_clipping_id (highlight) != self->reader_id || self->reader == NULL)
    return;

  clipper_highlights_pane_add (_clipper_window_get_highlights_pane (self), highlight);
  one = g_ptr_array_new ();
  g_ptr_array_add (one, highlight);
  clipper_reader_apply_highlights (self->reader, one);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "highlights");
  /* A folded sidebar would cover the page being read; it opens only for
   * the note the user asked to write. */
  if (!adw_flap_get_folded (self->flap) || with_note)
    adw_flap_set_reveal_flap (self->flap, TRUE);
  clipper_highlights_pane_select (_clipper_window_get_highlights_pane (self), clipper_highlight_get_id (highlight));
  if (with_note)
    clipper_highlights_pane_edit_note (_clipper_window_get_highlights_pane (self), clipper_highlight_get_id (highlight));
}

static void
create_highlight (ClipperWindow *self,
                  gint64         start,
                  gint64         end,
                  const char    *color,
                  gboolean       with_note)
{
  AddRequest *request;

  if (self->reader_text == NULL || self->highlight_editor == NULL)
    return;

  request = g_new0 (AddRequest, 1);
  request->self = g_object_ref (self);
  request->with_note = with_note;
  clipper_highlight_editor_create_async (self->highlight_editor, self->reader_id, self->reader_text,
                                         start, end, color, self->cancellable, on_highlight_added_cb,
                                         request);
}

/* Page coordinates to a rectangle on show in the reader, or FALSE when
 * the area is scrolled out of sight. */
static gboolean
visible_area (ClipperWindow *self,
              double         x,
              double         y,
              double         width,
              double         height,
              GdkRectangle  *area)
{
  int view_width = gtk_widget_get_width (GTK_WIDGET (self->reader));
  int view_height = gtk_widget_get_height (GTK_WIDGET (self->reader));
  double right = MIN (x + MAX (width, 1), view_width);
  double bottom = MIN (y + MAX (height, 1), view_height);

  x = MAX (x, 0);
  y = MAX (y, 0);
  if (right <= x || bottom <= y)
    return FALSE;

  area->x = x;
  area->y = y;
  area->width = MAX (1, right - x);
  area->height = MAX (1, bottom - y);
  return TRUE;
}

void
_clipper_window_on_reader_highlight_activated_cb (ClipperWindow *self,
                                                  gint64         id,
                                                  double         x,
                                                  double         y,
                                                  double         width,
                                                  double         height,
                                                  ClipperReader *reader)
{
  gtk_stack_set_visible_child_name (self->sidebar_stack, "highlights");
  /* Folded, the popover at the highlight is enough. */
  if (!adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, TRUE);
  clipper_highlights_pane_select (_clipper_window_get_highlights_pane (self), id);

  if (width >= 0 && clipper_highlights_pane_find (_clipper_window_get_highlights_pane (self), id))
    {
      GdkRectangle area;

      if (visible_area (self, x, y, width, height, &area))
        clipper_highlight_popover_show_highlight (CLIPPER_HIGHLIGHT_POPOVER (self->popover), id, &area);
    }
}

void
_clipper_window_on_reader_selection_changed_cb (ClipperWindow *self,
                                                gint64         start,
                                                gint64         end,
                                                double         x,
                                                double         y,
                                                double         width,
                                                double         height,
                                                ClipperReader *reader)
{
  GdkRectangle area;

  if (self->reader_text == NULL || end > clipper_anchor_text_get_length (self->reader_text) ||
      !visible_area (self, x, y, width, height, &area))
    return;

  self->selection_start = start;
  self->selection_end = end;
  self->selection_live = TRUE;
  clipper_highlight_popover_show_selection (CLIPPER_HIGHLIGHT_POPOVER (self->popover), &area);
}

void
_clipper_window_on_reader_dismissed_cb (ClipperWindow *self,
                                        ClipperReader *reader)
{
  /* A press in the page (or a scroll away) may have ended the selection. */
  self->selection_live = FALSE;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

void
_clipper_window_on_popover_color_chosen_cb (ClipperWindow           *self,
                                            const char              *color,
                                            ClipperHighlightPopover *popover)
{
  gint64 id = clipper_highlight_popover_get_highlight (popover);
  ClipperHighlight *highlight;

  if (id == 0)
    {
      create_highlight (self, self->selection_start, self->selection_end, color, FALSE);
      return;
    }

  if ((highlight = clipper_highlights_pane_find (_clipper_window_get_highlights_pane (self), id)))
    g_signal_emit_by_name (_clipper_window_get_highlights_pane (self), "recolor-requested", highlight, color);
}

void
_clipper_window_on_popover_note_requested_cb (ClipperWindow           *self,
                                              ClipperHighlightPopover *popover)
{
  gint64 id = clipper_highlight_popover_get_highlight (popover);

  if (id == 0)
    create_highlight (self, self->selection_start, self->selection_end, NULL, TRUE);
  else
    clipper_highlights_pane_edit_note (_clipper_window_get_highlights_pane (self), id);
}

void
_clipper_window_on_popover_copy_requested_cb (ClipperWindow           *self,
                                              ClipperHighlightPopover *popover)
{
  g_autofree char *quote = NULL;

  if (self->reader_text == NULL)
    return;

  quote = clipper_anchor_text_slice (self->reader_text, self->selection_start, self->selection_end);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), quote);
  _clipper_window_show_toast (self, _("Quote copied"));
}

void
_clipper_window_on_popover_delete_requested_cb (ClipperWindow           *self,
                                                ClipperHighlightPopover *popover)
{
  ClipperHighlight *highlight;

  highlight = clipper_highlights_pane_find (_clipper_window_get_highlights_pane (self),
                                            clipper_highlight_popover_get_highlight (popover));
  if (highlight != NULL)
    g_signal_emit_by_name (_clipper_window_get_highlights_pane (self), "delete-requested", highlight);
}

static void
on_highlights_pane_activated_cb (ClipperWindow         *self,
                                 ClipperHighlight      *highlight,
                                 ClipperHighlightsPane *pane)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  clipper_reader_scroll_to (self->reader, clipper_highlight_get_id (highlight));
}

static void
on_highlight_saved_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!clipper_highlight_editor_finish (CLIPPER_HIGHLIGHT_EDITOR (object), result, &error))
    _clipper_window_show_save_error (self, SAVING_HIGHLIGHT, error);
}

static void
save_highlight (ClipperWindow    *self,
                ClipperHighlight *highlight)
{
  if (self->highlight_editor == NULL)
    return;

  clipper_highlight_editor_save_async (self->highlight_editor, highlight, self->cancellable,
                                       on_highlight_saved_cb, g_object_ref (self));
}

static void
on_highlights_pane_recolor_requested_cb (ClipperWindow         *self,
                                         ClipperHighlight      *highlight,
                                         const char            *color,
                                         ClipperHighlightsPane *pane)
{
  clipper_highlight_set_color (highlight, color);
  save_highlight (self, highlight);
  if (self->reader != NULL)
    clipper_reader_recolor_highlight (self->reader, clipper_highlight_get_id (highlight), color);
  clipper_highlights_pane_refresh (_clipper_window_get_highlights_pane (self), highlight);
}

static void
on_highlight_placed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!clipper_highlight_editor_finish (CLIPPER_HIGHLIGHT_EDITOR (object), result, &error))
    _clipper_window_show_save_error (self, SAVING_HIGHLIGHT, error);
  /* Its mark in the page, and its row among the placed ones. */
  _clipper_window_reload_reader_data (self);
}

/* An orphan placed by hand: its quote becomes the passage selected. */
static void
on_highlights_pane_place_requested_cb (ClipperWindow         *self,
                                       ClipperHighlight      *highlight,
                                       ClipperHighlightsPane *pane)
{
  g_autoptr(ClipperSelector) selector = NULL;
  g_autoptr(ClipperHighlight) placed = NULL;

  if (self->highlight_editor == NULL)
    return;
  if (!self->selection_live || self->reader_text == NULL || self->selection_end <= self->selection_start ||
      self->selection_end > clipper_anchor_text_get_length (self->reader_text))
    {
      _clipper_window_show_toast (self, _("Select the passage in the page first, then choose Place at Selected Text"));
      return;
    }

  /* A copy: the rows and the page change together once it is saved. */
  placed = clipper_highlight_copy (highlight);
  selector = clipper_selector_new (self->reader_text, self->selection_start, self->selection_end);
  clipper_highlight_set_selector (placed, selector);
  clipper_highlight_set_orphaned (placed, FALSE);
  self->selection_live = FALSE;
  clipper_highlight_editor_save_async (self->highlight_editor, placed, self->cancellable, on_highlight_placed_cb,
                                       g_object_ref (self));
}

static void
on_highlights_pane_note_changed_cb (ClipperWindow         *self,
                                    ClipperHighlight      *highlight,
                                    ClipperHighlightsPane *pane)
{
  save_highlight (self, highlight);
  if (self->reader != NULL)
    clipper_reader_set_highlight_note (self->reader, clipper_highlight_get_id (highlight),
                                       clipper_highlight_get_note (highlight));
}

static void
on_details_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!clipper_highlight_editor_finish (CLIPPER_HIGHLIGHT_EDITOR (object), result, &error))
    _clipper_window_show_save_error (self, SAVING_CLIPPING_DETAILS, error);
}

static void
on_highlights_pane_clipping_changed_cb (ClipperWindow         *self,
                                        const char            *note,
                                        char                 **tags,
                                        ClipperHighlightsPane *pane)
{
  if (self->highlight_editor == NULL || self->reader_id <= 0)
    return;

  clipper_highlight_editor_save_details_async (self->highlight_editor, self->reader_id, note,
                                               (const char * const *)tags, self->cancellable,
                                               on_details_saved_cb, g_object_ref (self));
}

static void
on_highlight_deleted_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!clipper_highlight_editor_finish (CLIPPER_HIGHLIGHT_EDITOR (object), result, &error))
    g_warning ("Could not delete a highlight: %s", error->message);
}

static void
on_highlight_toast_dismissed_cb (AdwToast      *toast,
                                 ClipperWindow *self)
{
  ClipperHighlight *highlight = g_object_get_data (G_OBJECT (toast), "highlight");
  gint64 id = clipper_highlight_get_id (highlight);

  if (g_object_get_data (G_OBJECT (toast), "undone") || self->highlight_editor == NULL)
    return;

  clipper_highlight_editor_delete_async (self->highlight_editor, id, on_highlight_deleted_cb, NULL);
}

static void
on_highlight_toast_undo_cb (AdwToast      *toast,
                            ClipperWindow *self)
{
  ClipperHighlight *highlight = g_object_get_data (G_OBJECT (toast), "highlight");
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_object_set_data (G_OBJECT (toast), "undone", GINT_TO_POINTER (TRUE));
  if (clipper_highlight_get_clipping_id (highlight) != self->reader_id)
    return;

  clipper_highlights_pane_add (_clipper_window_get_highlights_pane (self), highlight);
  g_ptr_array_add (one, highlight);
  clipper_reader_apply_highlights (self->reader, one);
}

static void
on_highlights_pane_delete_requested_cb (ClipperWindow         *self,
                                        ClipperHighlight      *highlight,
                                        ClipperHighlightsPane *pane)
{
  AdwToast *toast;

  /* Gone from view now; from the library when the toast goes. */
  toast = adw_toast_new (_("Highlight deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "highlight", g_object_ref (highlight), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_highlight_toast_undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_highlight_toast_dismissed_cb), self, 0);

  if (self->reader != NULL)
    clipper_reader_remove_highlight (self->reader, clipper_highlight_get_id (highlight));
  clipper_highlights_pane_remove (_clipper_window_get_highlights_pane (self), highlight);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
