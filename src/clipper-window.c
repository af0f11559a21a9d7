/* clipper-window.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-window"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-export-dialog.h"
#include "clipper-highlight-popover.h"
#include "clipper-highlights-pane.h"
#include "clipper-image-saver.h"
#include "clipper-error.h"
#include "clipper-query.h"
#include "clipper-reader.h"
#include "clipper-uri.h"
#include "clipper-window.h"
#include "clipper-store-check.h"

/* How often the window looks for changes other programs made to the
 * library: a cheap query, run off the main loop. */
#define WATCH_INTERVAL_SECONDS 2

struct _ClipperWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkEntry             *address_entry;
  GtkRevealer          *address_error_revealer;
  GtkLabel             *address_error_label;
  GtkStack             *reload_stop_stack;
  AdwSqueezer          *nav_squeezer;
  AdwSqueezer          *sidebar_squeezer;
  GtkActionBar         *narrow_bar;
  guint                 narrow_idle;
  AdwFlap              *flap;
  ClipperLibraryView   *library_view;
  GtkBox               *highlights_box;
  ClipperHighlightsPane *highlights_pane;   /* made when first needed */
  ClipperTagsView      *tags_view;
  ClipperQuery         *reveal_query;    /* a search whose match to show on opening */
  gint64                reveal_id;
  GtkStack             *sidebar_stack;
  GtkOverlay           *reader_overlay;
  GtkStack             *content_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *crashed_page;
  AdwStatusPage        *failed_page;
  char                 *failed_uri;    /* the address that did not load, while its failure shows */
  guint                 watch_id;      /* looks for other programs' changes to the library */
  guint64               data_version;
  gboolean              watching;      /* a look is under way */
  GtkProgressBar       *progress_bar;
  GtkWidget            *popover;

  ClipperStore         *store;
  GError               *store_error;
  ClipperImageSaver    *image_saver;
  GSettings            *settings;
  GCancellable         *cancellable;
  ClipperClipping      *captured;
  GHashTable           *pending_deletes;
  gboolean              clipping;

  /* The clipping shown in the reader, created on first use */
  ClipperReader        *reader;
  GCancellable         *reader_cancellable;
  gint64                reader_id;
  ClipperAnchorText    *reader_text;
  gboolean              reader_ready;
  gboolean              reader_applied;
  gint64                selection_start;
  gint64                selection_end;

  /* Highlights made on live pages, by address, until the page is clipped */
  GHashTable           *live_highlights;
  gint64                next_live_id;
};

G_DEFINE_FINAL_TYPE (ClipperWindow, clipper_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_actions (ClipperWindow *self);
static void on_highlights_pane_activated_cb (ClipperWindow         *self,
                                             ClipperHighlight      *highlight,
                                             ClipperHighlightsPane *pane);
static void on_highlights_pane_delete_requested_cb (ClipperWindow         *self,
                                                    ClipperHighlight      *highlight,
                                                    ClipperHighlightsPane *pane);
static void on_highlights_pane_recolor_requested_cb (ClipperWindow         *self,
                                                     ClipperHighlight      *highlight,
                                                     const char            *color,
                                                     ClipperHighlightsPane *pane);
static void on_highlights_pane_note_changed_cb (ClipperWindow         *self,
                                                ClipperHighlight      *highlight,
                                                ClipperHighlightsPane *pane);
static void on_highlights_pane_clipping_changed_cb (ClipperWindow         *self,
                                                    const char            *note,
                                                    char                 **tags,
                                                    ClipperHighlightsPane *pane);

/* The Highlights page is built when first needed (a clipping opened, or
 * the page shown): it is a fair part of the window's start-up. */
static ClipperHighlightsPane *
get_highlights_pane (ClipperWindow *self)
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
  g_signal_connect_object (self->highlights_pane, "highlight-changed",
                           G_CALLBACK (on_highlights_pane_note_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->highlights_pane, "clipping-changed",
                           G_CALLBACK (on_highlights_pane_clipping_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->highlights_box, GTK_WIDGET (self->highlights_pane));

  return self->highlights_pane;
}

/* The popover belongs to the page: working elsewhere puts it away. */
static void
on_focus_widget_cb (ClipperWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->popover == NULL || !gtk_widget_get_visible (self->popover) || focus == NULL)
    return;
  if ((self->reader != NULL && (focus == GTK_WIDGET (self->reader) ||
                                gtk_widget_is_ancestor (focus, GTK_WIDGET (self->reader)))) ||
      gtk_widget_is_ancestor (focus, self->popover))
    return;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_sidebar_pressed_cb (ClipperWindow *self)
{
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* Narrow, the page's buttons and the sidebar toggle move to a bar below,
 * so the address keeps room in the header. */
static gboolean
apply_narrow_mode_cb (gpointer data)
{
  ClipperWindow *self = data;
  gboolean narrow = adw_flap_get_folded (self->flap);

  self->narrow_idle = 0;
  for (AdwSqueezer **squeezer = (AdwSqueezer *[]) { self->nav_squeezer, self->sidebar_squeezer, NULL };
       *squeezer; squeezer++)
    adw_squeezer_page_set_enabled (
      adw_squeezer_get_page (*squeezer, gtk_widget_get_first_child (GTK_WIDGET (*squeezer))), !narrow);
  gtk_action_bar_set_revealed (self->narrow_bar, narrow);

  return G_SOURCE_REMOVE;
}

/* The flap folds while it is being allocated; the header changes after. */
static void
on_flap_folded_cb (ClipperWindow *self,
                   GParamSpec    *pspec,
                   AdwFlap       *flap)
{
  if (self->narrow_idle == 0)
    self->narrow_idle = g_idle_add (apply_narrow_mode_cb, self);
}

static void
on_sidebar_page_cb (ClipperWindow *self,
                    GParamSpec    *pspec,
                    GtkStack      *stack)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "highlights") == 0)
    get_highlights_pane (self);
}

static void
set_action_enabled (ClipperWindow *self,
                    const char    *name,
                    gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
show_toast (ClipperWindow *self,
            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

typedef enum
{
  SAVING_HIGHLIGHT,
  SAVING_CLIPPING_DETAILS,
} Saving;

/* In a toast; nothing when the window went meanwhile. */
static void
show_save_error (ClipperWindow *self,
                 Saving         what,
                 const GError  *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (what == SAVING_HIGHLIGHT)
    message = g_strdup_printf (_("The highlight could not be saved: %s"), error->message);
  else
    message = g_strdup_printf (_("The clipping’s note could not be saved: %s"), error->message);
  show_toast (self, message);
}

typedef struct
{
  ClipperWindow *self;
  Saving         what;
} Write;

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Write *write = user_data;
  g_autoptr(ClipperWindow) self = write->self;
  Saving what = write->what;
  g_autoptr(GError) error = NULL;

  g_free (write);
  clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (error != NULL)
    show_save_error (self, what, error);
}

/* Writes go to the store's thread, in the order they are made; the
 * window never waits on the disk or on a long job queued before them. */
static void
write_in_background (ClipperWindow   *self,
                     ClipperStoreJob  job,
                     gpointer         data,
                     GDestroyNotify   data_free,
                     Saving           what)
{
  Write *write = g_new0 (Write, 1);

  write->self = g_object_ref (self);
  write->what = what;
  clipper_store_run_async (self->store, job, data, data_free, NULL, self->cancellable,
                           on_written_cb, write);
}

static gboolean
uri_is_clippable (const char *uri)
{
  g_autofree char *scheme = uri ? g_uri_parse_scheme (uri) : NULL;

  return scheme != NULL && (g_str_equal (scheme, "http") ||
                            g_str_equal (scheme, "https") ||
                            g_str_equal (scheme, "file"));
}

static const char *
reader_uri (ClipperWindow *self)
{
  return self->reader ? clipper_reader_get_uri (self->reader) : NULL;
}

static void
update_actions (ClipperWindow *self)
{
  const char *uri = reader_uri (self);
  gboolean loading = self->reader && clipper_reader_is_loading (self->reader);

  set_action_enabled (self, "back", self->reader && clipper_reader_can_go_back (self->reader));
  set_action_enabled (self, "forward", self->reader && clipper_reader_can_go_forward (self->reader));
  set_action_enabled (self, "reload", uri != NULL && !loading);
  set_action_enabled (self, "stop", loading);
  set_action_enabled (self, "export", self->store != NULL);
  set_action_enabled (self, "try-again", self->failed_uri != NULL && !loading);
  /* Nothing to clip while a page loads, after it failed, or when the
   * server answered with an error page. */
  set_action_enabled (self, "clip",
                      self->store != NULL &&
                      !self->clipping &&
                      !loading &&
                      self->failed_uri == NULL &&
                      (self->reader == NULL || clipper_reader_get_http_status (self->reader) < 400) &&
                      uri_is_clippable (uri));
}

static void
show_address_error (ClipperWindow *self,
                    const char    *message)
{
  gtk_label_set_text (self->address_error_label, message);
  gtk_revealer_set_reveal_child (self->address_error_revealer, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->address_entry), "error");
}

static void
hide_address_error (ClipperWindow *self)
{
  gtk_revealer_set_reveal_child (self->address_error_revealer, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->address_entry), "error");
}

static void
sync_address (ClipperWindow *self)
{
  const char *uri = reader_uri (self);

  /* Never overwrite what the user is typing. */
  if (gtk_widget_has_focus (GTK_WIDGET (self->address_entry)) &&
      gtk_widget_is_focus (GTK_WIDGET (self->address_entry)))
    return;

  /* A page that stopped working keeps its address, for Reload. */
  if ((uri == NULL || uri[0] == '\0') &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "crashed") == 0)
    return;

  if (uri == NULL || g_str_equal (uri, "about:blank"))
    uri = "";

  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), uri);
}

static void
on_address_entry_activate_cb (ClipperWindow *self,
                              GtkEntry      *entry)
{
  clipper_window_load_address (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_address_entry_changed_cb (ClipperWindow *self,
                             GtkEntry      *entry)
{
  hide_address_error (self);
}

typedef struct
{
  gint64             id;
  ClipperAnchorText *text;
  GPtrArray         *highlights;
  GPtrArray         *known_tags;
  char              *note;
  char             **tags;
} ReaderData;

static void
reader_data_free (ReaderData *data)
{
  g_clear_pointer (&data->text, clipper_anchor_text_free);
  g_clear_pointer (&data->highlights, g_ptr_array_unref);
  g_clear_pointer (&data->known_tags, g_ptr_array_unref);
  g_clear_pointer (&data->note, g_free);
  g_clear_pointer (&data->tags, g_strfreev);
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
          clipper_highlights_pane_select (get_highlights_pane (self), clipper_highlight_get_id (highlight));
          clipper_reader_scroll_to (self->reader, clipper_highlight_get_id (highlight));
          return;
        }
    }
}

static void
apply_highlights_if_ready (ClipperWindow *self)
{
  GListModel *model = clipper_highlights_pane_get_model (get_highlights_pane (self));
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

  if (data->id == self->reader_id)
    {
      g_clear_pointer (&self->reader_text, clipper_anchor_text_free);
      self->reader_text = g_steal_pointer (&data->text);
      clipper_highlights_pane_set_highlights (get_highlights_pane (self), data->highlights);
      clipper_highlights_pane_set_clipping_details (get_highlights_pane (self), data->note,
                                                    (const char * const *)data->tags);
      clipper_highlights_pane_set_known_tags (get_highlights_pane (self), data->known_tags);
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

  pane = get_highlights_pane (self);
  model = clipper_highlights_pane_get_model (pane);
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
  if (!clipper_highlights_pane_is_editing_clipping (pane))
    clipper_highlights_pane_set_clipping_details (pane, data->note, (const char * const *)data->tags);
  clipper_highlights_pane_set_known_tags (pane, data->known_tags);
  if (self->reader_applied)
    clipper_reader_apply_highlights (self->reader, data->highlights);

  reader_data_free (data);
}

/* Another program changed the library: the open clipping's highlights,
 * note and tags are read again and shown in place. */
static void
reload_reader_data (ClipperWindow *self)
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
static void
sync_reader (ClipperWindow *self)
{
  gint64 id = clipper_uri_parse_clipping_id (reader_uri (self));

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

static void
on_reader_ready_cb (ClipperWindow *self,
                    gint64         length,
                    ClipperReader *reader)
{
  GPtrArray *live;

  if (self->reader_id <= 0)
    {
      /* A live page: draw what was highlighted on it before. */
      live = g_hash_table_lookup (self->live_highlights, reader_uri (self) ?: "");
      if (live != NULL)
        clipper_reader_apply_highlights (self->reader, live);
      return;
    }

  self->reader_ready = TRUE;
  self->reader_applied = FALSE;
  apply_highlights_if_ready (self);
}

static void
on_reader_live_highlight_requested_cb (ClipperWindow *self,
                                       gint64         start,
                                       gint64         end,
                                       const char    *exact,
                                       const char    *prefix,
                                       const char    *suffix,
                                       const char    *color,
                                       ClipperReader *reader)
{
  const char *uri = reader_uri (self);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  ClipperHighlight *highlight;
  GPtrArray *live;

  if (uri == NULL || !uri_is_clippable (uri))
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
    show_toast (self, _("Highlighted. Clip the page to keep its highlights."));
}

/* In the store's thread: highlights made on the live page join its
 * clipping, found by quote, in one transaction. */
static guint
carry_live_highlights (ClipperStore    *store,
                       ClipperClipping *clipping,
                       gint64           clipping_id,
                       GPtrArray       *live)
{
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(GPtrArray) carried = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  for (guint i = 0; i < live->len; i++)
    {
      ClipperHighlight *pending = g_ptr_array_index (live, i);
      ClipperHighlight *highlight = clipper_highlight_new ();
      ClipperSelector quote = {
        (char *)clipper_highlight_get_exact (pending),
        (char *)clipper_highlight_get_prefix (pending),
        (char *)clipper_highlight_get_suffix (pending),
        -1, -1,
      };
      gint64 start, end;

      clipper_highlight_set_clipping_id (highlight, clipping_id);
      clipper_highlight_set_color (highlight, clipper_highlight_get_color (pending));

      if (clipper_anchor_locate (text, &quote, &start, &end) != CLIPPER_ANCHOR_ORPHAN)
        {
          g_autoptr(ClipperSelector) found = clipper_selector_new (text, start, end);

          clipper_highlight_set_selector (highlight, found);
        }
      else
        {
          /* Not in the article (in the site's menus, say): kept, orphaned. */
          clipper_highlight_set_exact (highlight, quote.exact);
          clipper_highlight_set_prefix (highlight, quote.prefix);
          clipper_highlight_set_suffix (highlight, quote.suffix);
          clipper_highlight_set_orphaned (highlight, TRUE);
        }

      g_ptr_array_add (carried, highlight);
    }

  /* The clipping is saved either way; its live highlights are not lost
   * from the window either, which keeps them until a clip carries them. */
  if (!clipper_store_add_highlights (store, carried, &error))
    {
      g_warning ("Could not keep the page's highlights: %s", error->message);
      return 0;
    }

  return carried->len;
}

static void create_highlight (ClipperWindow *self,
                              gint64         start,
                              gint64         end,
                              const char    *color,
                              gboolean       with_note);

static void
on_reader_highlight_requested_cb (ClipperWindow *self,
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

static gpointer
add_highlight_job (ClipperStore  *store,
                   gpointer       data,
                   GError       **error)
{
  if (clipper_store_add_highlight (store, data, error) == 0)
    return NULL;

  return g_object_ref (data);
}

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
  highlight = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (highlight == NULL)
    {
      show_save_error (self, SAVING_HIGHLIGHT, error);
      return;
    }

  /* Saved; drawn only if its clipping is still the one on show. */
  if (clipper_highlight_get_clipping_id (highlight) != self->reader_id || self->reader == NULL)
    return;

  clipper_highlights_pane_add (get_highlights_pane (self), highlight);
  one = g_ptr_array_new ();
  g_ptr_array_add (one, highlight);
  clipper_reader_apply_highlights (self->reader, one);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "highlights");
  /* A folded sidebar would cover the page being read; it opens only for
   * the note the user asked to write. */
  if (!adw_flap_get_folded (self->flap) || with_note)
    adw_flap_set_reveal_flap (self->flap, TRUE);
  clipper_highlights_pane_select (get_highlights_pane (self), clipper_highlight_get_id (highlight));
  if (with_note)
    clipper_highlights_pane_edit_note (get_highlights_pane (self), clipper_highlight_get_id (highlight));
}

static void
create_highlight (ClipperWindow *self,
                  gint64         start,
                  gint64         end,
                  const char    *color,
                  gboolean       with_note)
{
  g_autoptr(ClipperSelector) selector = NULL;
  ClipperHighlight *highlight;
  AddRequest *request;

  if (self->reader_text == NULL || self->store == NULL ||
      end > clipper_anchor_text_get_length (self->reader_text))
    {
      g_warning ("Ignoring a highlight outside the clipping's text");
      return;
    }

  selector = clipper_selector_new (self->reader_text, start, end);
  {
    g_autofree char *stripped = g_strstrip (g_strdup (selector->exact));

    /* White space alone is nothing to highlight. */
    if (stripped[0] == '\0')
      return;
  }

  highlight = clipper_highlight_new ();
  clipper_highlight_set_clipping_id (highlight, self->reader_id);
  clipper_highlight_set_color (highlight, color ? color : "yellow");
  clipper_highlight_set_selector (highlight, selector);

  request = g_new0 (AddRequest, 1);
  request->self = g_object_ref (self);
  request->with_note = with_note;
  clipper_store_run_async (self->store, add_highlight_job, highlight, g_object_unref, g_object_unref,
                           self->cancellable, on_highlight_added_cb, request);
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

static void
on_reader_highlight_activated_cb (ClipperWindow *self,
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
  clipper_highlights_pane_select (get_highlights_pane (self), id);

  if (width >= 0 && clipper_highlights_pane_find (get_highlights_pane (self), id))
    {
      GdkRectangle area;

      if (visible_area (self, x, y, width, height, &area))
        clipper_highlight_popover_show_highlight (CLIPPER_HIGHLIGHT_POPOVER (self->popover), id, &area);
    }
}

static void
on_reader_selection_changed_cb (ClipperWindow *self,
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
  clipper_highlight_popover_show_selection (CLIPPER_HIGHLIGHT_POPOVER (self->popover), &area);
}

static void
on_reader_dismissed_cb (ClipperWindow *self,
                        ClipperReader *reader)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
on_popover_color_chosen_cb (ClipperWindow           *self,
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

  if ((highlight = clipper_highlights_pane_find (get_highlights_pane (self), id)))
    g_signal_emit_by_name (get_highlights_pane (self), "recolor-requested", highlight, color);
}

static void
on_popover_note_requested_cb (ClipperWindow           *self,
                              ClipperHighlightPopover *popover)
{
  gint64 id = clipper_highlight_popover_get_highlight (popover);

  if (id == 0)
    create_highlight (self, self->selection_start, self->selection_end, NULL, TRUE);
  else
    clipper_highlights_pane_edit_note (get_highlights_pane (self), id);
}

static void
on_popover_copy_requested_cb (ClipperWindow           *self,
                              ClipperHighlightPopover *popover)
{
  g_autofree char *quote = NULL;

  if (self->reader_text == NULL)
    return;

  quote = clipper_anchor_text_slice (self->reader_text, self->selection_start, self->selection_end);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), quote);
  show_toast (self, _("Quote copied"));
}

static void
on_popover_delete_requested_cb (ClipperWindow           *self,
                                ClipperHighlightPopover *popover)
{
  ClipperHighlight *highlight;

  highlight = clipper_highlights_pane_find (get_highlights_pane (self),
                                            clipper_highlight_popover_get_highlight (popover));
  if (highlight != NULL)
    g_signal_emit_by_name (get_highlights_pane (self), "delete-requested", highlight);
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

static gpointer
update_highlight_job (ClipperStore  *store,
                      gpointer       data,
                      GError       **error)
{
  clipper_store_update_highlight (store, data, error);
  return NULL;
}

static void
save_highlight (ClipperWindow    *self,
                ClipperHighlight *highlight)
{
  if (self->store == NULL)
    return;

  /* A copy: the pane goes on editing its own. */
  write_in_background (self, update_highlight_job, clipper_highlight_copy (highlight),
                       g_object_unref, SAVING_HIGHLIGHT);
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
  clipper_highlights_pane_refresh (get_highlights_pane (self), highlight);
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

typedef struct
{
  gint64  id;
  char   *note;
  char  **tags;
} ClippingDetails;

static void
clipping_details_free (ClippingDetails *details)
{
  g_free (details->note);
  g_strfreev (details->tags);
  g_free (details);
}

static gpointer
save_clipping_details_job (ClipperStore  *store,
                           gpointer       data,
                           GError       **error)
{
  ClippingDetails *details = data;

  /* Together: a note and its tags are one thing the user did. */
  clipper_store_set_clipping_details (store, details->id, details->note, (const char * const *)details->tags, error);
  return NULL;
}

static void
on_highlights_pane_clipping_changed_cb (ClipperWindow         *self,
                                        const char            *note,
                                        char                 **tags,
                                        ClipperHighlightsPane *pane)
{
  ClippingDetails *details;

  if (self->store == NULL || self->reader_id <= 0)
    return;

  details = g_new0 (ClippingDetails, 1);
  details->id = self->reader_id;
  details->note = g_strdup (note);
  details->tags = g_strdupv (tags);
  write_in_background (self, save_clipping_details_job, details,
                       (GDestroyNotify)clipping_details_free, SAVING_CLIPPING_DETAILS);
}

static gpointer
delete_highlight_job (ClipperStore  *store,
                      gpointer       data,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Gone already (its clipping deleted meanwhile) is what was wanted. */
  if (!clipper_store_delete_highlight (store, *(gint64 *)data, &local_error) &&
      !g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static void
on_highlight_deleted_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (error != NULL)
    g_warning ("Could not delete a highlight: %s", error->message);
}

static void
on_highlight_toast_dismissed_cb (AdwToast      *toast,
                                 ClipperWindow *self)
{
  ClipperHighlight *highlight = g_object_get_data (G_OBJECT (toast), "highlight");
  gint64 id = clipper_highlight_get_id (highlight);

  if (g_object_get_data (G_OBJECT (toast), "undone") || self->store == NULL)
    return;

  /* No cancellable: the deletion stands even if the window goes. */
  clipper_store_run_async (self->store, delete_highlight_job, g_memdup2 (&id, sizeof id), g_free,
                           NULL, NULL, on_highlight_deleted_cb, NULL);
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

  clipper_highlights_pane_add (get_highlights_pane (self), highlight);
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
  clipper_highlights_pane_remove (get_highlights_pane (self), highlight);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* At once, not when the page starts loading: the first page waits for
 * WebKit's processes to start. */
static void
show_loading (ClipperWindow *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, 0.1);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
}

static void
on_reader_load_changed_cb (ClipperWindow *self,
                           int            event,
                           ClipperReader *reader)
{
  switch ((ClipperReaderLoadEvent)event)
    {
    case CLIPPER_READER_LOAD_STARTED:
      g_clear_pointer (&self->failed_uri, g_free);
      gtk_stack_set_visible_child_name (self->reload_stop_stack, "stop");
      show_loading (self);
      break;

    case CLIPPER_READER_LOAD_COMMITTED:
      sync_address (self);
      sync_reader (self);
      if (clipper_reader_get_http_status (reader) >= 400)
        {
          /* Translators: %u is an HTTP status code, such as 404 */
          g_autofree char *message = g_strdup_printf (_("The server answered with an error (%u) instead of "
                                                        "the page: it cannot be clipped"),
                                                      clipper_reader_get_http_status (reader));

          show_toast (self, message);
        }
      /* A blank page is nothing open. */
      gtk_stack_set_visible_child_name (self->content_stack,
                                        g_strcmp0 (reader_uri (self), "about:blank") == 0 ? "empty" : "reader");
      break;

    case CLIPPER_READER_LOAD_REDIRECTED:
      sync_address (self);
      break;

    case CLIPPER_READER_LOAD_FINISHED:
      gtk_stack_set_visible_child_name (self->reload_stop_stack, "reload");
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
      clipper_library_view_select (self->library_view, clipper_uri_parse_clipping_id (reader_uri (self)));
      break;

    default:
      break;
    }

  update_actions (self);
}

static void
on_reader_progress_cb (ClipperWindow *self,
                       GParamSpec    *pspec,
                       ClipperReader *reader)
{
  gtk_progress_bar_set_fraction (self->progress_bar, MAX (0.1, clipper_reader_get_progress (reader)));
}

static void
on_reader_uri_cb (ClipperWindow *self,
                  GParamSpec    *pspec,
                  ClipperReader *reader)
{
  sync_address (self);
  update_actions (self);
}

static void
on_reader_title_cb (ClipperWindow *self,
                    GParamSpec    *pspec,
                    ClipperReader *reader)
{
  const char *title = clipper_reader_get_title (reader);

  if (title != NULL && title[0] != '\0')
    {
      /* Translators: the window title, the page title and the app's name */
      g_autofree char *text = g_strdup_printf (_("%s — Clipper"), title);

      gtk_window_set_title (GTK_WINDOW (self), text);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Clipper"));
}

/* Said in the page's place, with a button to reload it. */
static void
on_reader_load_failed_cb (ClipperWindow *self,
                          const char    *uri,
                          const char    *message,
                          ClipperReader *reader)
{
  g_autofree char *description = NULL;
  g_autofree char *escaped_uri = g_markup_escape_text (uri, -1);
  g_autofree char *escaped_message = g_markup_escape_text (message, -1);

  g_free (self->failed_uri);
  self->failed_uri = g_strdup (uri);

  description = g_strdup_printf ("<b>%s</b>\n%s", escaped_uri, escaped_message);
  adw_status_page_set_description (self->failed_page, description);
  gtk_stack_set_visible_child_name (self->content_stack, "failed");
  gtk_stack_set_visible_child_name (self->reload_stop_stack, "reload");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);

  /* The address stays as typed, to correct or to try again. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->address_entry)))
    gtk_editable_set_text (GTK_EDITABLE (self->address_entry), uri);
  update_actions (self);
}

static void
try_again_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  ClipperWindow *self = user_data;
  g_autofree char *uri = g_strdup (self->failed_uri);

  if (uri != NULL && self->reader != NULL)
    clipper_reader_load_uri (self->reader, uri);
}

static void
caret_browsing_changed (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  ClipperWindow *self = user_data;

  g_simple_action_set_state (action, state);
  if (self->reader != NULL)
    clipper_reader_set_caret_browsing (self->reader, g_variant_get_boolean (state));
  show_toast (self, g_variant_get_boolean (state)
                      ? _("Caret browsing on: Shift and the arrow keys select text to highlight")
                      : _("Caret browsing off"));
}

static void
on_reader_crashed_cb (ClipperWindow *self,
                      const char    *message,
                      ClipperReader *reader)
{
  adw_status_page_set_description (self->crashed_page, message);
  gtk_stack_set_visible_child_name (self->content_stack, "crashed");
  gtk_stack_set_visible_child_name (self->reload_stop_stack, "reload");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
  update_actions (self);
}

/* WebKit loads with the first page opened rather than with the window:
 * it is most of the app's start-up time and memory. */
static ClipperReader *
ensure_reader (ClipperWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->reader != NULL)
    return self->reader;

  self->reader = clipper_reader_new (&error);
  if (self->reader == NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("Pages Cannot Be Shown"));
      adw_status_page_set_description (self->empty_page, error->message);
      show_toast (self, error->message);
      return NULL;
    }

  gtk_widget_set_hexpand (GTK_WIDGET (self->reader), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->reader), TRUE);
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->reader), "reader");

  if (self->store != NULL)
    clipper_reader_set_store (self->reader, self->store, NULL);
  else if (self->store_error != NULL)
    clipper_reader_set_store (self->reader, NULL, self->store_error);

  g_signal_connect_object (self->reader, "load-changed",
                           G_CALLBACK (on_reader_load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::progress",
                           G_CALLBACK (on_reader_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::uri",
                           G_CALLBACK (on_reader_uri_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::title",
                           G_CALLBACK (on_reader_title_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "ready",
                           G_CALLBACK (on_reader_ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "highlight-requested",
                           G_CALLBACK (on_reader_highlight_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "highlight-activated",
                           G_CALLBACK (on_reader_highlight_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "live-highlight-requested",
                           G_CALLBACK (on_reader_live_highlight_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "selection-changed",
                           G_CALLBACK (on_reader_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "dismissed",
                           G_CALLBACK (on_reader_dismissed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "crashed",
                           G_CALLBACK (on_reader_crashed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "load-failed",
                           G_CALLBACK (on_reader_load_failed_cb), self, G_CONNECT_SWAPPED);
  {
    g_autoptr(GVariant) caret = g_action_group_get_action_state (G_ACTION_GROUP (self), "caret-browsing");

    clipper_reader_set_caret_browsing (self->reader, g_variant_get_boolean (caret));
  }

  return self->reader;
}

typedef struct
{
  ClipperClipping *clipping;
  GPtrArray       *live;   /* copies of the live page's highlights */
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_clear_object (&request->clipping);
  g_clear_pointer (&request->live, g_ptr_array_unref);
  g_free (request);
}

typedef struct
{
  gint64   id;
  gboolean refreshed;
  guint    live;       /* how many of the live page's highlights went with it */
} SaveResult;

/* In the store's thread: a page already in the library is refreshed and
 * its highlights re-anchored, which can take a moment on long articles;
 * then what was highlighted on the live page joins it. */
static gpointer
save_clipping_job (ClipperStore  *store,
                   gpointer       data,
                   GError       **error)
{
  SaveRequest *request = data;
  SaveResult *result = g_new0 (SaveResult, 1);

  result->id = clipper_capture_save (store, request->clipping, FALSE, &result->refreshed, error);
  if (result->id == 0)
    {
      g_clear_pointer (&result, g_free);
      return NULL;
    }

  if (request->live != NULL)
    {
      carry_live_highlights (store, request->clipping, result->id, request->live);
      result->live = request->live->len;
    }

  return result;
}

static void
on_clipping_saved_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(ClipperClipping) clipping = g_steal_pointer (&self->captured);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree SaveResult *saved = NULL;
  GPtrArray *live;
  AdwToast *toast;
  gint64 id;

  saved = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  self->clipping = FALSE;
  update_actions (self);

  if (saved == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The page could not be saved: %s"), error->message);
      show_toast (self, message);
      return;
    }

  id = saved->id;
  /* Carried into the clipping now; any made while it was saved stay. */
  live = g_hash_table_lookup (self->live_highlights, clipper_clipping_get_url (clipping) ?: "");
  if (live != NULL && saved->live > 0)
    {
      g_ptr_array_remove_range (live, 0, MIN (saved->live, live->len));
      if (live->len == 0)
        g_hash_table_remove (self->live_highlights, clipper_clipping_get_url (clipping));
    }
  clipper_library_view_reload (self->library_view);

  if (saved->refreshed)
    toast = adw_toast_new_format (_("Updated “%s” in the library, keeping its highlights"),
                                  clipper_clipping_get_title (clipping));
  else if (clipper_clipping_get_is_article (clipping))
    toast = adw_toast_new_format (_("Saved “%s” to the library"),
                                  clipper_clipping_get_title (clipping));
  else
    toast = adw_toast_new (_("No article was found in this page; the whole page was saved."));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-clipping");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_images_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(ClipperImageReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SaveRequest *request;
  GPtrArray *live;

  report = clipper_image_saver_save_finish (CLIPPER_IMAGE_SAVER (object), result, &error);
  if (report == NULL)
    {
      self->clipping = FALSE;
      g_clear_object (&self->captured);
      update_actions (self);
      return;
    }

  clipper_clipping_set_content (self->captured, report->html);
  if (report->failed > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u image could not be saved for offline reading",
                                      "%u images could not be saved for offline reading",
                                      report->failed),
                         report->failed);

      show_toast (self, message);
    }

  request = g_new0 (SaveRequest, 1);
  request->clipping = g_object_ref (self->captured);
  live = g_hash_table_lookup (self->live_highlights, clipper_clipping_get_url (self->captured) ?: "");
  if (live != NULL)
    {
      request->live = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < live->len; i++)
        g_ptr_array_add (request->live, clipper_highlight_copy (g_ptr_array_index (live, i)));
    }

  clipper_store_run_async (self->store, save_clipping_job, request, (GDestroyNotify)save_request_free,
                           g_free, self->cancellable, on_clipping_saved_cb, g_object_ref (self));
}

static void
on_page_captured_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->captured = clipper_capture_page_finish (result, &error);
  if (self->captured == NULL)
    {
      g_autofree char *message = NULL;

      self->clipping = FALSE;
      update_actions (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The page could not be clipped: %s"), error->message);
      show_toast (self, message);
      return;
    }

  clipper_image_saver_save_async (self->image_saver, clipper_clipping_get_content (self->captured),
                                  clipper_clipping_get_url (self->captured),
                                  self->cancellable, on_images_saved_cb, g_object_ref (self));
}

static void
on_page_serialized_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = clipper_reader_serialize_finish (CLIPPER_READER (object), result, &error);
  if (bytes == NULL)
    {
      g_autofree char *message = NULL;

      self->clipping = FALSE;
      update_actions (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The page could not be read: %s"), error->message);
      show_toast (self, message);
      return;
    }

  clipper_capture_page_async (bytes, clipper_reader_get_uri (CLIPPER_READER (object)), "UTF-8",
                              self->cancellable, on_page_captured_cb, g_object_ref (self));
}

static void
clip_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->store == NULL || self->reader == NULL || self->clipping)
    return;

  self->clipping = TRUE;
  update_actions (self);
  clipper_reader_serialize_async (self->reader, self->cancellable,
                                  on_page_serialized_cb, g_object_ref (self));
}

static void
back_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->reader != NULL)
    clipper_reader_go_back (self->reader);
}

static void
forward_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->reader != NULL)
    clipper_reader_go_forward (self->reader);
}

static void
reload_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->reader != NULL)
    clipper_reader_reload (self->reader);
}

static void
stop_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  ClipperWindow *self = user_data;

  if (self->reader != NULL)
    clipper_reader_stop (self->reader);
}

static void
focus_address_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  ClipperWindow *self = user_data;

  gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->address_entry), 0, -1);
}

/* Built when first asked for, not with every window. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/com/example/Clipper/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Replaces this action with GTK's own, which shows the overlay. */
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

static void
toggle_sidebar_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  ClipperWindow *self = user_data;

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
on_export_failed_cb (ClipperWindow       *self,
                     const char          *message,
                     ClipperExportDialog *dialog)
{
  g_autofree char *text = g_strdup_printf (_("The export failed: %s"), message);

  show_toast (self, text);
}

static void
on_exported_cb (ClipperWindow       *self,
                GPtrArray           *written,
                ClipperExportDialog *dialog)
{
  AdwToast *toast;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (written->len == 0)
    return;

  file = g_file_new_for_path (g_ptr_array_index (written, 0));
  if (written->len == 1)
    {
      g_autofree char *name = g_file_get_basename (file);

      toast = adw_toast_new_format (_("Exported “%s”"), name);
      adw_toast_set_button_label (toast, _("_Open"));
      uri = g_file_get_uri (file);
    }
  else
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u clipping",
                                                               "Exported %u clippings", written->len),
                                                  written->len);

      toast = adw_toast_new (message);
      adw_toast_set_button_label (toast, _("Show in _Folder"));
      uri = g_file_get_uri (folder);
    }

  adw_toast_set_action_name (toast, "win.show-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
present_export_dialog (ClipperWindow       *self,
                       ClipperExportDialog *dialog)
{
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_exported_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (on_export_failed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ClipperWindow *self = user_data;
  ClipperExportDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = clipper_export_dialog_new (GTK_WINDOW (self), self->store, self->reader_id,
                                      self->reader ? clipper_reader_get_title (self->reader) : NULL);
  present_export_dialog (self, dialog);
}

static void
show_uri_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  gtk_show_uri (GTK_WINDOW (user_data), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

static void
open_clipping_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  ClipperWindow *self = user_data;

  clipper_window_open_clipping (self, g_variant_get_int64 (param));
}

static gpointer
delete_clipping_job (ClipperStore  *store,
                     gpointer       data,
                     GError       **error)
{
  return clipper_store_delete_clipping (store, *(gint64 *)data, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_clipping_deleted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (clipper_store_run_finish (CLIPPER_STORE (object), result, &error) == NULL && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The clipping could not be deleted: %s"),
                                                  error->message);

      show_toast (self, message);
      clipper_library_view_reload (self->library_view);
    }
}

static void
on_delete_toast_dismissed_cb (AdwToast      *toast,
                              ClipperWindow *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (toast), "ids");

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      /* Undone already, or flushed when the window closed. */
      if (self->pending_deletes == NULL || !g_hash_table_remove (self->pending_deletes, &id))
        continue;

      if (clipper_uri_parse_clipping_id (reader_uri (self)) == id)
        clipper_reader_load_uri (self->reader, "about:blank");

      clipper_store_run_async (self->store, delete_clipping_job, g_memdup2 (&id, sizeof id), g_free, NULL, NULL,
                               on_clipping_deleted_cb, g_object_ref (self));
    }
}

static void
undo_delete_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  ClipperWindow *self = user_data;
  gint64 first = g_variant_get_int64 (param);
  AdwToast *toast;
  GArray *ids;

  toast = g_hash_table_lookup (self->pending_deletes, &first);
  if (toast == NULL)
    return;

  ids = g_object_get_data (G_OBJECT (toast), "ids");
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (g_hash_table_remove (self->pending_deletes, &id))
        clipper_library_view_unhide (self->library_view, id);
    }
}

/* Whether any of the clippings @data (a GArray of ids) has a note. */
static gpointer
has_note_job (ClipperStore  *store,
              gpointer       data,
              GError       **error)
{
  GArray *ids = data;
  gboolean *found = g_new0 (gboolean, 1);

  for (guint i = 0; i < ids->len && !*found; i++)
    {
      g_autofree char *note = clipper_store_dup_clipping_note (store, g_array_index (ids, gint64, i), NULL);

      *found = note != NULL && note[0] != '\0';
    }
  return found;
}

static void
on_has_note_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AdwToast) toast = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gboolean *found = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  GtkWidget *overlay;

  /* The window is gone: its pending deletions were carried out. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (found != NULL && *found)
    adw_toast_set_timeout (toast, 0);
  overlay = g_object_get_data (G_OBJECT (toast), "overlay");
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&toast));
}

/* The rows go now; the clippings go when the toast does, unless undone. */
static void
delete_clippings (ClipperWindow *self,
                  GArray        *ids,
                  const char    *title)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  AdwToast *toast;
  gboolean annotated = FALSE;

  if (self->store == NULL)
    return;

  for (guint i = 0; i < ids->len; i++)
    if (!g_hash_table_contains (self->pending_deletes, &g_array_index (ids, gint64, i)))
      g_array_append_val (pending, g_array_index (ids, gint64, i));
  if (pending->len == 0)
    return;

  if (pending->len == 1 && title != NULL)
    toast = adw_toast_new_format (_("“%s” deleted"), title);
  else
    toast = adw_toast_new_format (g_dngettext (GETTEXT_PACKAGE, "%u clipping deleted",
                                               "%u clippings deleted", pending->len),
                                  pending->len);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (g_array_index (pending, gint64, 0)));
  g_object_set_data_full (G_OBJECT (toast), "ids", g_array_ref (pending), (GDestroyNotify)g_array_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed_cb), self, 0);
  g_object_set_data (G_OBJECT (toast), "overlay", self->toast_overlay);

  for (guint i = 0; i < pending->len; i++)
    {
      gint64 id = g_array_index (pending, gint64, i);

      g_hash_table_insert (self->pending_deletes, g_memdup2 (&id, sizeof id), g_object_ref (toast));
      if (clipper_library_view_has_highlights (self->library_view, id))
        annotated = TRUE;
      clipper_library_view_hide (self->library_view, id);
    }

  /* Highlights and notes are work: their Undo stays until dismissed. The
   * rows know their highlights; notes are looked up off the main loop,
   * and the toast shows when that is known. */
  if (annotated)
    {
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  clipper_store_run_async (self->store, has_note_job, g_array_ref (pending), (GDestroyNotify)g_array_unref,
                           g_free, self->cancellable, on_has_note_cb, toast);
}

static void
on_library_view_delete_requested_cb (ClipperWindow      *self,
                                     ClipperClipping    *clipping,
                                     ClipperLibraryView *view)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = clipper_clipping_get_id (clipping);

  g_array_append_val (ids, id);
  delete_clippings (self, ids, clipper_clipping_get_title (clipping));
}

static void
on_library_view_delete_selection_requested_cb (ClipperWindow      *self,
                                               ClipperLibraryView *view)
{
  g_autoptr(GArray) ids = clipper_library_view_dup_selected_ids (view);

  delete_clippings (self, ids, NULL);
}

static void
on_library_view_export_selection_requested_cb (ClipperWindow      *self,
                                               ClipperLibraryView *view)
{
  g_autoptr(GArray) ids = clipper_library_view_dup_selected_ids (view);
  ClipperExportDialog *dialog;

  if (self->store == NULL || ids->len == 0)
    return;

  dialog = clipper_export_dialog_new (GTK_WINDOW (self), self->store, 0, NULL);
  clipper_export_dialog_set_selection (dialog, (const gint64 *)(gpointer)ids->data, ids->len);
  present_export_dialog (self, dialog);
}

static void
on_tags_view_tag_activated_cb (ClipperWindow   *self,
                               const char      *name,
                               ClipperTagsView *view)
{
  g_autofree char *query = g_strdup_printf ("tag:\"%s\"", name);

  gtk_stack_set_visible_child_name (self->sidebar_stack, "library");
  clipper_library_view_search (self->library_view, query);
}

static void
on_tags_view_tags_changed_cb (ClipperWindow   *self,
                              ClipperTagsView *view)
{
  clipper_library_view_reload (self->library_view);
  /* The highlights pane shows the old names until the clipping is read again. */
  if (self->reader_id > 0 && self->reader != NULL)
    clipper_reader_reload (self->reader);
}

static void
on_tags_view_failed_cb (ClipperWindow   *self,
                        const char      *message,
                        ClipperTagsView *view)
{
  show_toast (self, message);
}

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  ClipperWindow *self = user_data;

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "library");
  clipper_library_view_focus_search (self->library_view);
}

static void
on_library_view_clipping_activated_cb (ClipperWindow      *self,
                                       ClipperClipping    *clipping,
                                       ClipperLibraryView *view)
{
  const char *search = clipper_library_view_get_search (view);

  g_clear_pointer (&self->reveal_query, clipper_query_free);
  if (search != NULL)
    {
      self->reveal_query = clipper_query_parse (search);
      self->reveal_id = clipper_clipping_get_id (clipping);
    }

  /* A folded sidebar steps aside for the clipping chosen in it. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  clipper_window_open_clipping (self, clipper_clipping_get_id (clipping));
}

/* Deletions still waiting on their toast happen now, before the window goes. */
static void
flush_pending_deletes (ClipperWindow *self)
{
  GHashTableIter iter;
  gint64 *id;

  if (self->store == NULL)
    return;

  g_hash_table_iter_init (&iter, self->pending_deletes);
  while (g_hash_table_iter_next (&iter, (gpointer *)&id, NULL))
    {
      g_autoptr(GError) error = NULL;

      if (!clipper_store_delete_clipping (self->store, *id, &error))
        g_warning ("Could not delete clipping %" G_GINT64_FORMAT ": %s", *id, error->message);
      g_hash_table_iter_remove (&iter);
    }
}

static gboolean
clipper_window_close_request (GtkWindow *window)
{
  ClipperWindow *self = CLIPPER_WINDOW (window);
  int width;
  int height;

  flush_pending_deletes (self);
  if (self->highlights_pane != NULL)
    clipper_highlights_pane_flush (self->highlights_pane);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  /* A folded sidebar hides by itself; only an unfolded one says what the
   * user wants next time. */
  if (!adw_flap_get_folded (self->flap))
    g_settings_set_boolean (self->settings, "sidebar-visible", adw_flap_get_reveal_flap (self->flap));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  return GTK_WINDOW_CLASS (clipper_window_parent_class)->close_request (window);
}

static void
clipper_window_dispose (GObject *object)
{
  ClipperWindow *self = (ClipperWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->reader_cancellable);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
  g_clear_pointer (&self->live_highlights, g_hash_table_unref);
  g_clear_object (&self->reader_cancellable);
  g_clear_pointer (&self->reader_text, clipper_anchor_text_free);
  g_clear_pointer (&self->reveal_query, clipper_query_free);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_WINDOW);
  /* Children of the template's widgets, gone with them. */
  self->reader = NULL;
  self->highlights_pane = NULL;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->captured);
  g_clear_object (&self->settings);
  g_clear_object (&self->image_saver);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_pointer (&self->failed_uri, g_free);
  g_clear_handle_id (&self->watch_id, g_source_remove);

  G_OBJECT_CLASS (clipper_window_parent_class)->dispose (object);
}

static void
clipper_window_class_init (ClipperWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = clipper_window_dispose;
  window_class->close_request = clipper_window_close_request;

  g_type_ensure (CLIPPER_TYPE_LIBRARY_VIEW);
  g_type_ensure (CLIPPER_TYPE_TAGS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Clipper/ui/clipper-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, address_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, address_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, address_error_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reload_stop_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, nav_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, sidebar_squeezer);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, narrow_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, library_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, highlights_box);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, tags_view);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_view_tag_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_view_tags_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_view_failed_cb);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, crashed_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reader_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_address_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_flap_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_address_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_library_view_clipping_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_library_view_delete_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_library_view_delete_selection_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_library_view_export_selection_requested_cb);
}

static const GActionEntry win_actions[] = {
  { "back", back_action },
  { "forward", forward_action },
  { "reload", reload_action },
  { "stop", stop_action },
  { "clip", clip_action },
  { "try-again", try_again_action },
  { "caret-browsing", NULL, NULL, "false", caret_browsing_changed },
  { "focus-address", focus_address_action },
  { "toggle-sidebar", toggle_sidebar_action },
  { "show-help-overlay", show_help_overlay_action },
  { "open-clipping", open_clipping_action, "x" },
  { "export", export_action },
  { "show-uri", show_uri_action, "s" },
  { "undo-delete", undo_delete_action, "x" },
  { "search", search_action },
};

static void
clipper_window_init (ClipperWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->pending_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->settings = g_settings_new (APP_ID);
  self->live_highlights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify)g_ptr_array_unref);
  self->next_live_id = -1;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "sidebar-visible"));
  {
    g_autoptr(GAction) page = G_ACTION (g_property_action_new ("sidebar-page", self->sidebar_stack,
                                                               "visible-child-name"));

    g_action_map_add_action (G_ACTION_MAP (self), page);
  }

  self->popover = clipper_highlight_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self->reader_overlay));
  g_signal_connect_object (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_cb), self,
                           G_CONNECT_SWAPPED);
  {
    GtkGesture *press = gtk_gesture_click_new ();

    /* Seen before the sidebar's own widgets act, and never claimed. */
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), 0);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
    g_signal_connect_object (press, "pressed", G_CALLBACK (on_sidebar_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (adw_flap_get_flap (self->flap), GTK_EVENT_CONTROLLER (press));
  }
  g_signal_connect_object (self->popover, "color-chosen",
                           G_CALLBACK (on_popover_color_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "note-requested",
                           G_CALLBACK (on_popover_note_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "copy-requested",
                           G_CALLBACK (on_popover_copy_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_stack, "notify::visible-child-name",
                           G_CALLBACK (on_sidebar_page_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->popover, "delete-requested",
                           G_CALLBACK (on_popover_delete_requested_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

ClipperWindow *
clipper_window_new (GtkApplication *application)
{
  return g_object_new (CLIPPER_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/* A toast that stays until it is dismissed: the user must see it. */
static void
show_lasting_toast (ClipperWindow *self,
                    const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
check_library_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GError *error = NULL;
  ClipperStoreCheck *check = clipper_store_check_file (task_data, FALSE, &error);

  if (check == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, check, (GDestroyNotify)clipper_store_check_free);
}

static void
on_library_checked_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  ClipperStore *store = CLIPPER_STORE (object);
  g_autoptr(ClipperWindow) self = user_data;
  g_autoptr(ClipperStoreCheck) check = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *message = NULL;

  if (check == NULL || check->problems == NULL)
    return;

  /* Writing to a damaged file can only lose more: from now on it is read,
   * never written, until it is repaired. */
  /* A toast is one line: short enough to read whole. */
  message = g_strdup_printf (_("“%s” is damaged: read-only until repaired with “clipper repair”"),
                             clipper_store_get_path (store));
  clipper_store_set_read_only (store, message);
  if (self->store == store)
    show_lasting_toast (self, message);
}

/* After opening, off the main loop and on a connection of its own: the
 * library is usable meanwhile. */
static void
check_library (ClipperWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (clipper_store_get_read_only (self->store))
    {
      g_autofree char *reason = clipper_store_dup_read_only_reason (self->store);

      show_lasting_toast (self, reason);
      return;
    }
  if (clipper_store_get_was_empty (self->store))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” was an empty file; a new library was made in it."),
                                                  clipper_store_get_path (self->store));

      show_toast (self, message);
    }

  task = g_task_new (self->store, self->cancellable, on_library_checked_cb, g_object_ref (self));
  g_task_set_source_tag (task, check_library);
  g_task_set_task_data (task, g_strdup (clipper_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, check_library_thread);
}

static gpointer
data_version_job (ClipperStore  *store,
                  gpointer       data,
                  GError       **error)
{
  guint64 version = clipper_store_get_data_version (store, error);

  return version ? g_memdup2 (&version, sizeof version) : NULL;
}

static void
on_data_version_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ClipperWindow) self = user_data;
  g_autofree guint64 *version = clipper_store_run_finish (CLIPPER_STORE (object), result, NULL);

  self->watching = FALSE;
  if (version == NULL || self->store == NULL)
    return;

  /* Another program (clipper clip, tag, note…) wrote to the library: the
   * lists show it, in place. */
  if (self->data_version != 0 && *version != self->data_version)
    {
      clipper_library_view_reload (self->library_view);
      clipper_tags_view_reload (self->tags_view);
      reload_reader_data (self);
    }
  self->data_version = *version;
}

static gboolean
on_watch_cb (gpointer user_data)
{
  ClipperWindow *self = user_data;

  if (self->store != NULL && !self->watching)
    {
      self->watching = TRUE;
      clipper_store_run_async (self->store, data_version_job, NULL, NULL, g_free, self->cancellable,
                               on_data_version_cb, g_object_ref (self));
    }
  return G_SOURCE_CONTINUE;
}

void
clipper_window_set_store (ClipperWindow *self,
                          ClipperStore  *store)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));
  g_return_if_fail (CLIPPER_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_clear_object (&self->image_saver);
  self->image_saver = clipper_image_saver_new (store);
  clipper_library_view_set_store (self->library_view, store);
  clipper_tags_view_set_store (self->tags_view, store);
  if (self->reader != NULL)
    clipper_reader_set_store (self->reader, store, NULL);
  update_actions (self);

  /* A clipping may be on show already. */
  sync_reader (self);

  check_library (self);

  self->data_version = 0;
  if (self->watch_id == 0)
    self->watch_id = g_timeout_add_seconds (WATCH_INTERVAL_SECONDS, on_watch_cb, self);
  on_watch_cb (self);
}

void
clipper_window_set_store_error (ClipperWindow *self,
                                const GError  *error)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->store_error);
  self->store_error = g_error_copy (error);
  if (self->reader != NULL)
    clipper_reader_set_store (self->reader, NULL, error);

  clipper_library_view_set_error (self->library_view, error->message);
  show_toast (self, error->message);
}

/**
 * clipper_window_load_address:
 * @text: what a user typed: a web address, a path or a file URI
 *
 * Loads the page, or shows why @text cannot be loaded below the header bar.
 */
void
clipper_window_load_address (ClipperWindow *self,
                             const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  uri = clipper_uri_from_user_input (text, &error);
  if (uri == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->address_entry), text);
      show_address_error (self, error->message);
      return;
    }

  hide_address_error (self);
  if (ensure_reader (self) == NULL)
    return;

  show_loading (self);
  clipper_reader_load_uri (self->reader, uri);
  gtk_widget_grab_focus (GTK_WIDGET (self->reader));
}

void
clipper_window_open_clipping (ClipperWindow *self,
                              gint64         id)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  uri = clipper_uri_dup_clipping_uri (id);
  hide_address_error (self);
  if (ensure_reader (self) == NULL)
    return;

  show_loading (self);
  clipper_reader_load_uri (self->reader, uri);
}

/**
 * clipper_window_get_reader:
 *
 * Returns: (transfer none) (nullable): the reader, or %NULL until a page
 *   has been opened
 */
ClipperReader *
clipper_window_get_reader (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return self->reader;
}

ClipperHighlightsPane *
clipper_window_get_highlights_pane (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return get_highlights_pane (self);
}

ClipperTagsView *
clipper_window_get_tags_view (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return self->tags_view;
}

ClipperLibraryView *
clipper_window_get_library_view (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return self->library_view;
}

/**
 * clipper_window_get_delete_toast:
 *
 * The Undo toast of clipping @id's pending deletion, or %NULL when it is
 * not waiting to be deleted.
 */
AdwToast *
clipper_window_get_delete_toast (ClipperWindow *self,
                                 gint64         id)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);

  return self->pending_deletes ? g_hash_table_lookup (self->pending_deletes, &id) : NULL;
}

gboolean
clipper_window_is_clipping (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), FALSE);

  return self->clipping;
}
