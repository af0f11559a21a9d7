/* clipper-window-private.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's struct and what its files share: clipper-window.c (the
 * template, sidebar, toasts, settings and the library's watch) and the
 * rooms it wires together: -actions.c, -browse.c, -highlights.c, -clip.c
 * and -library.c.
 */

#pragma once

#include <adwaita.h>

#include "clipper-anchor.h"
#include "clipper-export-dialog.h"
#include "clipper-highlight-popover.h"
#include "clipper-highlights-pane.h"
#include "clipper-image-saver.h"
#include "clipper-library-view.h"
#include "clipper-query.h"
#include "clipper-clip-controller.h"
#include "clipper-highlight-editor.h"
#include "clipper-reader.h"
#include "clipper-store.h"
#include "clipper-sync-indicator.h"
#include "clipper-tags-view.h"
#include "clipper-window.h"

G_BEGIN_DECLS

typedef enum
{
  SAVING_HIGHLIGHT,
  SAVING_CLIPPING_DETAILS,
} Saving;

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
  ClipperSyncIndicator *sync_indicator;
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
  ClipperClipController *clip_controller;
  ClipperHighlightEditor *highlight_editor;
  GSettings            *settings;
  GCancellable         *cancellable;
  char                 *clip_url; /* the address being clipped, whose live highlights go along */
  GHashTable           *pending_deletes;
  gboolean              clipping;
  gboolean              clip_when_loaded;  /* the page being loaded is to be clipped */

  /* The clipping shown in the reader, created on first use */
  ClipperReader        *reader;
  GCancellable         *reader_cancellable;
  gint64                reader_id;
  ClipperAnchorText    *reader_text;
  gboolean              reader_ready;
  gboolean              reader_applied;
  gint64                selection_start;
  gint64                selection_end;
  gboolean              selection_live;  /* the selection is still there in the page */
  gint64                read_id;         /* the clipping whose reading is to be kept */
  int                   read_permille;   /* how far it was read */
  guint                 read_save_id;

  /* Highlights made on live pages, by address, until the page is clipped */
  GHashTable           *live_highlights;
  gint64                next_live_id;
};

void
_clipper_window_present_export_dialog (ClipperWindow       *self,
                                       ClipperExportDialog *dialog);

gboolean
_clipper_window_uri_is_clippable (const char *uri);

void
_clipper_window_show_address_error (ClipperWindow *self,
                                    const char    *message);

void
_clipper_window_hide_address_error (ClipperWindow *self);

void
_clipper_window_on_address_entry_activate_cb (ClipperWindow *self,
                                              GtkEntry      *entry);

void
_clipper_window_on_address_entry_changed_cb (ClipperWindow *self,
                                             GtkEntry      *entry);

void
_clipper_window_show_loading (ClipperWindow *self);

ClipperReader *
_clipper_window_ensure_reader (ClipperWindow *self);

ClipperHighlightsPane *
_clipper_window_get_highlights_pane (ClipperWindow *self);

void
_clipper_window_reload_reader_data (ClipperWindow *self);

void
_clipper_window_sync_reader (ClipperWindow *self);

void
_clipper_window_on_reader_ready_cb (ClipperWindow *self,
                                    gint64         length,
                                    ClipperReader *reader);

void
_clipper_window_on_reader_live_highlight_requested_cb (ClipperWindow *self,
                                                       gint64         start,
                                                       gint64         end,
                                                       const char    *exact,
                                                       const char    *prefix,
                                                       const char    *suffix,
                                                       const char    *color,
                                                       ClipperReader *reader);

void
_clipper_window_on_reader_highlight_requested_cb (ClipperWindow *self,
                                                  gint64         start,
                                                  gint64         end,
                                                  const char    *color,
                                                  gboolean       with_note,
                                                  ClipperReader *reader);

void
_clipper_window_on_reader_highlight_activated_cb (ClipperWindow *self,
                                                  gint64         id,
                                                  double         x,
                                                  double         y,
                                                  double         width,
                                                  double         height,
                                                  ClipperReader *reader);

void
_clipper_window_on_reader_selection_changed_cb (ClipperWindow *self,
                                                gint64         start,
                                                gint64         end,
                                                double         x,
                                                double         y,
                                                double         width,
                                                double         height,
                                                ClipperReader *reader);

void
_clipper_window_on_reader_dismissed_cb (ClipperWindow *self,
                                        ClipperReader *reader);

void
_clipper_window_on_popover_color_chosen_cb (ClipperWindow           *self,
                                            const char              *color,
                                            ClipperHighlightPopover *popover);

void
_clipper_window_on_popover_note_requested_cb (ClipperWindow           *self,
                                              ClipperHighlightPopover *popover);

void
_clipper_window_on_popover_copy_requested_cb (ClipperWindow           *self,
                                              ClipperHighlightPopover *popover);

void
_clipper_window_on_popover_delete_requested_cb (ClipperWindow           *self,
                                                ClipperHighlightPopover *popover);

void
_clipper_window_clip_page (ClipperWindow *self);

void
_clipper_window_flush_reading (ClipperWindow *self);

void
_clipper_window_restore_reading (ClipperWindow *self);

void
_clipper_window_set_archived (ClipperWindow *self,
                              gint64         id,
                              gboolean       archived);

void
_clipper_window_on_library_view_copy_citation_requested_cb (ClipperWindow      *self,
                                                            gint64              id,
                                                            ClipperLibraryView *view);

void
_clipper_window_on_library_view_send_to_zotero_requested_cb (ClipperWindow      *self,
                                                             gint64              id,
                                                             ClipperLibraryView *view);

void
_clipper_window_on_library_view_delete_requested_cb (ClipperWindow      *self,
                                                     ClipperClipping    *clipping,
                                                     ClipperLibraryView *view);

void
_clipper_window_on_library_view_delete_selection_requested_cb (ClipperWindow      *self,
                                                               ClipperLibraryView *view);

void
_clipper_window_on_library_view_export_selection_requested_cb (ClipperWindow      *self,
                                                               ClipperLibraryView *view);

void
_clipper_window_on_library_view_report_selection_requested_cb (ClipperWindow      *self,
                                                               ClipperLibraryView *view);

void
_clipper_window_on_library_view_fetch_requested_cb (ClipperWindow      *self,
                                                    gint64              id,
                                                    ClipperLibraryView *view);

void
_clipper_window_on_library_view_report_requested_cb (ClipperWindow      *self,
                                                     ClipperLibraryView *view);

void
_clipper_window_on_tags_view_report_requested_cb (ClipperWindow   *self,
                                                  const char      *name,
                                                  ClipperTagsView *view);

void
_clipper_window_on_citation_field_changed_cb (ClipperWindow         *self,
                                              const char            *field,
                                              const char            *value,
                                              ClipperCitationEditor *editor);

void
_clipper_window_on_tags_view_tag_activated_cb (ClipperWindow   *self,
                                               const char      *name,
                                               ClipperTagsView *view);

void
_clipper_window_on_tags_view_tags_changed_cb (ClipperWindow   *self,
                                              ClipperTagsView *view);

void
_clipper_window_on_tags_view_failed_cb (ClipperWindow   *self,
                                        const char      *message,
                                        ClipperTagsView *view);

void
_clipper_window_on_library_view_clipping_activated_cb (ClipperWindow      *self,
                                                       ClipperClipping    *clipping,
                                                       ClipperLibraryView *view);

void
_clipper_window_flush_pending_deletes (ClipperWindow *self);

void
_clipper_window_show_toast (ClipperWindow *self,
                            const char    *message);

void
_clipper_window_show_save_error (ClipperWindow *self,
                                 Saving         what,
                                 const GError  *error);

const char *
_clipper_window_reader_uri (ClipperWindow *self);

void
_clipper_window_update_actions (ClipperWindow *self);

void
_clipper_window_add_actions (ClipperWindow *self);

G_END_DECLS
