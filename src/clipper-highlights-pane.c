/* clipper-highlights-pane.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-highlights-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "clipper-highlights-pane.h"
#include "clipper-tag-completion.h"
#include "clipper-menu.h"

#define NOTE_SAVE_DELAY_MS 500

struct _ClipperHighlightsPane
{
  GtkWidget           parent_instance;

  GtkLabel           *count_label;
  GtkDropDown        *color_filter;
  GtkDropDown        *tag_filter;
  GtkStringList      *tag_filter_model;
  GtkExpander        *clipping_expander;
  ClipperCitationEditor *citation_editor;
  GtkTextView        *clipping_note_view;
  GtkEntry           *clipping_tags_entry;
  GtkEntry           *tags_entry;
  GtkStringList      *known_tags;
  ClipperTagCompletion *tags_completion;
  ClipperTagCompletion *clipping_tags_completion;
  GHashTable         *typed_tags;    /* tags typed in this session, kept offered */
  guint               clipping_save_id;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkRevealer        *note_revealer;
  GtkTextView        *note_view;

  GListStore         *highlights;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  ClipperHighlight   *editing;
  guint               save_id;
  gboolean            loading_note;
  gboolean            has_clipping;
};

G_DEFINE_FINAL_TYPE (ClipperHighlightsPane, clipper_highlights_pane, GTK_TYPE_WIDGET)

enum {
  HIGHLIGHT_ACTIVATED,
  DELETE_REQUESTED,
  PLACE_REQUESTED,
  RECOLOR_REQUESTED,
  HIGHLIGHT_CHANGED,
  CLIPPING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_document_order (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  ClipperHighlight *x = (ClipperHighlight *)a;
  ClipperHighlight *y = (ClipperHighlight *)b;

  if (clipper_highlight_get_orphaned (x) != clipper_highlight_get_orphaned (y))
    return clipper_highlight_get_orphaned (x) ? 1 : -1;
  if (clipper_highlight_get_start (x) != clipper_highlight_get_start (y))
    return clipper_highlight_get_start (x) < clipper_highlight_get_start (y) ? -1 : 1;
  if (clipper_highlight_get_end (x) != clipper_highlight_get_end (y))
    return clipper_highlight_get_end (x) < clipper_highlight_get_end (y) ? -1 : 1;
  return clipper_highlight_get_id (x) < clipper_highlight_get_id (y) ? -1 : 1;
}

static void
update_page (ClipperHighlightsPane *self)
{
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->highlights));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *count = NULL;

  if (!self->has_clipping)
    gtk_stack_set_visible_child_name (self->stack, "none");
  else if (total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  if (shown == total)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights", total), total);
  else
    /* Translators: "3 of 10 highlights" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u highlight", "%u of %u highlights", total),
                             shown, total);

  gtk_label_set_text (self->count_label, self->has_clipping ? count : "");
}

/* "a, b ,, A" → { "a", "b" }: trimmed, no empty ones, no repeats. */
static char **
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i]; i++)
    {
      char *tag = g_strstrip (parts[i]);
      g_autofree char *folded = g_utf8_casefold (tag, -1);
      gboolean repeated = FALSE;

      if (tag[0] == '\0')
        continue;
      for (guint j = 0; j < seen->len && !repeated; j++)
        repeated = g_str_equal (g_ptr_array_index (seen, j), folded);
      if (repeated)
        continue;

      g_ptr_array_add (seen, g_steal_pointer (&folded));
      g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}

static char *
format_tags (const char * const *tags)
{
  return g_strjoinv (", ", (char **)tags);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  ClipperHighlightsPane *self = user_data;
  guint selected = gtk_drop_down_get_selected (self->color_filter);
  guint tag = gtk_drop_down_get_selected (self->tag_filter);
  const char * const *colors = clipper_highlight_get_colors ();

  if (selected != 0 && selected != GTK_INVALID_LIST_POSITION &&
      g_strcmp0 (clipper_highlight_get_color (item), colors[selected - 1]) != 0)
    return FALSE;

  if (tag != 0 && tag != GTK_INVALID_LIST_POSITION && gtk_widget_get_visible (GTK_WIDGET (self->tag_filter)))
    {
      const char *wanted = gtk_string_list_get_string (self->tag_filter_model, tag);

      return g_strv_contains (clipper_highlight_get_tags (item), wanted);
    }

  return TRUE;
}

/* The tag filter offers the tags the clipping's highlights carry. */
static void
update_tag_filter (ClipperHighlightsPane *self)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  guint selected = gtk_drop_down_get_selected (self->tag_filter);
  g_autofree char *current = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->highlights));
  guint keep = 0;

  if (selected != 0 && selected != GTK_INVALID_LIST_POSITION)
    current = g_strdup (gtk_string_list_get_string (self->tag_filter_model, selected));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClipperHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (self->highlights), i);
      const char * const *own = clipper_highlight_get_tags (highlight);

      for (guint j = 0; own[j]; j++)
        {
          gboolean known = FALSE;

          for (guint k = 0; k < tags->len && !known; k++)
            known = g_str_equal (g_ptr_array_index (tags, k), own[j]);
          if (!known)
            g_ptr_array_add (tags, g_strdup (own[j]));
        }
    }

  g_ptr_array_sort (tags, (GCompareFunc)g_strcmp0);
  g_ptr_array_insert (tags, 0, g_strdup (_("All Tags")));
  g_ptr_array_add (tags, NULL);

  for (guint i = 1; current && tags->pdata[i]; i++)
    if (g_str_equal (tags->pdata[i], current))
      keep = i;

  gtk_string_list_splice (self->tag_filter_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tag_filter_model)),
                          (const char * const *)tags->pdata);
  gtk_drop_down_set_selected (self->tag_filter, keep);
  gtk_widget_set_visible (GTK_WIDGET (self->tag_filter), tags->len > 2);
}

/* Tags typed here are offered at once, in this clipping and the next,
 * not only once the library is read again. */
static void
remember_tags (ClipperHighlightsPane *self,
               const char * const    *tags)
{
  GListModel *model = G_LIST_MODEL (self->known_tags);

  for (guint i = 0; tags && tags[i]; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (model) && !known; j++)
        known = g_strcmp0 (gtk_string_list_get_string (self->known_tags, j), tags[i]) == 0;
      if (!known)
        gtk_string_list_append (self->known_tags, tags[i]);
      g_hash_table_add (self->typed_tags, g_strdup (tags[i]));
    }
}

static void
save_highlight_tags (ClipperHighlightsPane *self)
{
  g_auto(GStrv) tags = NULL;

  if (self->editing == NULL)
    return;

  tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)));
  {
    g_autofree char *tidy = format_tags ((const char * const *)tags);

    /* Show the tags as they are kept. */
    if (!g_str_equal (tidy, gtk_editable_get_text (GTK_EDITABLE (self->tags_entry))))
      gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), tidy);
  }
  if (g_strv_equal ((const char * const *)tags, clipper_highlight_get_tags (self->editing)))
    return;

  clipper_highlight_set_tags (self->editing, (const char * const *)tags);
  remember_tags (self, (const char * const *)tags);
  g_signal_emit (self, signals[HIGHLIGHT_CHANGED], 0, self->editing);
  clipper_highlights_pane_refresh (self, self->editing);
  update_tag_filter (self);
}

static void
save_clipping_now (ClipperHighlightsPane *self)
{
  g_autofree char *note = NULL;
  g_auto(GStrv) tags = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->clipping_note_view);
  GtkTextIter start, end;

  g_clear_handle_id (&self->clipping_save_id, g_source_remove);
  if (!self->has_clipping)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->clipping_tags_entry)));
  {
    g_autofree char *tidy = format_tags ((const char * const *)tags);

    if (!g_str_equal (tidy, gtk_editable_get_text (GTK_EDITABLE (self->clipping_tags_entry))))
      gtk_editable_set_text (GTK_EDITABLE (self->clipping_tags_entry), tidy);
  }
  remember_tags (self, (const char * const *)tags);
  g_signal_emit (self, signals[CLIPPING_CHANGED], 0, note, tags);
}

static gboolean
on_clipping_save_timeout_cb (gpointer user_data)
{
  ClipperHighlightsPane *self = user_data;

  self->clipping_save_id = 0;
  save_clipping_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_clipping_note_changed_cb (ClipperHighlightsPane *self)
{
  if (self->loading_note || !self->has_clipping)
    return;

  g_clear_handle_id (&self->clipping_save_id, g_source_remove);
  self->clipping_save_id = g_timeout_add (NOTE_SAVE_DELAY_MS, on_clipping_save_timeout_cb, self);
}

static void
on_entry_focus_leave_cb (GtkEventControllerFocus *controller,
                         ClipperHighlightsPane   *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (entry == GTK_WIDGET (self->tags_entry))
    save_highlight_tags (self);
  else
    save_clipping_now (self);
}

static void
watch_focus (ClipperHighlightsPane *self,
             GtkEntry              *entry)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_focus_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (entry), focus);
}

static void
on_color_filter_changed_cb (ClipperHighlightsPane *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);
}

static void
save_note_now (ClipperHighlightsPane *self)
{
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_clear_handle_id (&self->save_id, g_source_remove);

  if (self->editing == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (g_strcmp0 (text, clipper_highlight_get_note (self->editing) ?: "") == 0)
    return;

  clipper_highlight_set_note (self->editing, text[0] ? text : NULL);
  g_signal_emit (self, signals[HIGHLIGHT_CHANGED], 0, self->editing);
}

static gboolean
on_save_timeout_cb (gpointer user_data)
{
  ClipperHighlightsPane *self = user_data;

  self->save_id = 0;
  save_note_now (self);

  return G_SOURCE_REMOVE;
}

static void
on_note_changed_cb (ClipperHighlightsPane *self,
                    GtkTextBuffer         *buffer)
{
  if (self->loading_note || self->editing == NULL)
    return;

  /* Saved as the user types, a moment after they stop. */
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (NOTE_SAVE_DELAY_MS, on_save_timeout_cb, self);
}

static void
edit (ClipperHighlightsPane *self,
      ClipperHighlight      *highlight)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);

  if (self->editing == highlight)
    return;

  save_note_now (self);
  save_highlight_tags (self);
  g_set_object (&self->editing, highlight);

  self->loading_note = TRUE;
  gtk_text_buffer_set_text (buffer, highlight ? (clipper_highlight_get_note (highlight) ?: "") : "", -1);
  if (highlight != NULL)
    {
      g_autofree char *tags = format_tags (clipper_highlight_get_tags (highlight));

      gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), tags);
    }
  self->loading_note = FALSE;

  gtk_revealer_set_reveal_child (self->note_revealer, highlight != NULL);
}

static void
on_selection_changed_cb (ClipperHighlightsPane *self)
{
  edit (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_list_view_activate_cb (ClipperHighlightsPane *self,
                          guint                  position)
{
  g_autoptr(ClipperHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (highlight != NULL)
    g_signal_emit (self, signals[HIGHLIGHT_ACTIVATED], 0, highlight);
}

static void
recolor_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  ClipperHighlightsPane *self = CLIPPER_HIGHLIGHTS_PANE (widget);
  const char *color;
  gint64 id;
  ClipperHighlight *highlight;

  g_variant_get (param, "(x&s)", &id, &color);
  highlight = clipper_highlights_pane_find (self, id);
  if (highlight != NULL && clipper_highlight_is_color (color))
    g_signal_emit (self, signals[RECOLOR_REQUESTED], 0, highlight, color);
}

static void
place_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ClipperHighlightsPane *self = CLIPPER_HIGHLIGHTS_PANE (widget);
  ClipperHighlight *highlight = clipper_highlights_pane_find (self, g_variant_get_int64 (param));

  if (highlight != NULL && clipper_highlight_get_orphaned (highlight))
    g_signal_emit (self, signals[PLACE_REQUESTED], 0, highlight);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  ClipperHighlightsPane *self = CLIPPER_HIGHLIGHTS_PANE (widget);
  ClipperHighlight *highlight = clipper_highlights_pane_find (self, g_variant_get_int64 (param));

  if (highlight != NULL)
    g_signal_emit (self, signals[DELETE_REQUESTED], 0, highlight);
}

static void
edit_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  clipper_highlights_pane_edit_note (CLIPPER_HIGHLIGHTS_PANE (widget), g_variant_get_int64 (param));
}

static GMenuModel *
build_row_menu (ClipperHighlight *highlight)
{
  GMenu *model = g_menu_new ();
  g_autoptr(GMenu) colors_section = g_menu_new ();
  g_autoptr(GMenu) actions_section = g_menu_new ();
  g_autoptr(GMenuItem) edit_note = g_menu_item_new (_("Edit _Note"), NULL);
  g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete Highlight"), NULL);
  const char * const *colors = clipper_highlight_get_colors ();
  gint64 id = clipper_highlight_get_id (highlight);

  for (guint i = 0; colors[i]; i++)
    {
      g_autoptr(GMenuItem) entry = g_menu_item_new (clipper_highlight_color_label (colors[i]), NULL);

      g_menu_item_set_action_and_target (entry, "pane.recolor", "(xs)", id, colors[i]);
      g_menu_append_item (colors_section, entry);
    }

  /* An orphan goes where the reader chooses, by selecting the passage. */
  if (clipper_highlight_get_orphaned (highlight))
    {
      g_autoptr(GMenuItem) place = g_menu_item_new (_("_Place at Selected Text"), NULL);

      g_menu_item_set_action_and_target (place, "pane.place", "x", id);
      g_menu_append_item (actions_section, place);
    }
  g_menu_item_set_action_and_target (edit_note, "pane.edit-note", "x", id);
  g_menu_item_set_action_and_target (remove, "pane.delete", "x", id);
  g_menu_append_item (actions_section, edit_note);
  g_menu_append_item (actions_section, remove);

  g_menu_append_section (model, NULL, G_MENU_MODEL (colors_section));
  g_menu_append_section (model, NULL, G_MENU_MODEL (actions_section));
  return G_MENU_MODEL (model);
}

/* The row's menu lives on the pane, outside the list: a click in it must
 * not reach the row (selecting it, and rebinding the row under the menu
 * before its action runs). */
static void
open_row_menu (GtkWidget   *button,
               GtkListItem *item)
{
  ClipperHighlight *highlight = gtk_list_item_get_item (item);
  GtkWidget *pane = gtk_widget_get_ancestor (button, CLIPPER_TYPE_HIGHLIGHTS_PANE);
  g_autoptr(GMenuModel) model = NULL;
  graphene_rect_t bounds;

  if (highlight == NULL || pane == NULL || !gtk_widget_compute_bounds (button, pane, &bounds))
    return;

  model = build_row_menu (highlight);
  clipper_popup_menu (pane, model,
                      &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                        bounds.size.width, bounds.size.height },
                      TRUE);
}

static void
on_row_menu_pressed_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        GtkListItem     *item)
{
  /* Claimed before the row sees the press: choosing the menu does not
   * first select the row. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  open_row_menu (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), item);
}

/* A click on a row shows its highlight in the page (the list then selects
 * the row for the editor). Rows are not chosen by hovering, as a
 * single-click list would: the editor must not follow the pointer. */
static void
on_row_released_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkListItem     *item)
{
  ClipperHighlight *highlight = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *pane = gtk_widget_get_ancestor (row, CLIPPER_TYPE_HIGHLIGHTS_PANE);

  if (n_press == 1 && highlight != NULL && pane != NULL)
    g_signal_emit (pane, signals[HIGHLIGHT_ACTIVATED], 0, highlight);
}

static void
on_row_menu_clicked_cb (GtkButton   *button,
                        GtkListItem *item)
{
  open_row_menu (GTK_WIDGET (button), item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *quote = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (NULL);
  GtkWidget *tags = gtk_label_new (NULL);
  GtkWidget *menu = gtk_button_new_from_icon_name ("view-more-symbolic");
  GtkGesture *press = gtk_gesture_click_new ();
  GtkGesture *click;

  gtk_widget_add_css_class (row, "highlight-row");
  gtk_widget_add_css_class (dot, "highlight-dot");
  gtk_widget_set_valign (dot, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (row), dot);

  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (row), labels);

  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (quote), 3);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (quote, "quote");
  gtk_box_append (GTK_BOX (labels), quote);

  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_lines (GTK_LABEL (note), 2);
  gtk_label_set_ellipsize (GTK_LABEL (note), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (labels), note);

  gtk_label_set_xalign (GTK_LABEL (tags), 0);
  gtk_label_set_ellipsize (GTK_LABEL (tags), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (tags, "caption");
  gtk_widget_add_css_class (tags, "accent");
  gtk_box_append (GTK_BOX (labels), tags);

  gtk_widget_set_tooltip_text (menu, _("Highlight Options"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Highlight Options"), -1);
  gtk_widget_set_valign (menu, GTK_ALIGN_START);
  gtk_widget_add_css_class (menu, "flat");
  gtk_widget_add_css_class (menu, "row-menu");
  gtk_widget_set_focus_on_click (menu, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE, -1);
  g_signal_connect (menu, "clicked", G_CALLBACK (on_row_menu_clicked_cb), item);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_row_menu_pressed_cb), item);
  gtk_widget_add_controller (menu, GTK_EVENT_CONTROLLER (press));
  gtk_box_append (GTK_BOX (row), menu);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_row_released_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  ClipperHighlight *highlight = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *dot = gtk_widget_get_first_child (row);
  GtkWidget *labels = gtk_widget_get_next_sibling (dot);
  GtkWidget *quote = gtk_widget_get_first_child (labels);
  GtkWidget *note = gtk_widget_get_next_sibling (quote);
  GtkWidget *tags = gtk_widget_get_next_sibling (note);
  g_autofree char *tag_text = g_strjoinv (" · ", (char **)clipper_highlight_get_tags (highlight));
  g_autofree char *quote_text = NULL;
  const char *classes[3] = { "highlight-dot", NULL, NULL };

  classes[1] = clipper_highlight_get_orphaned (highlight) ? "orphaned" : clipper_highlight_get_color (highlight);
  gtk_widget_set_css_classes (dot, classes);
  /* The colour by its name, for those who cannot tell the hues apart and
   * for screen readers. */
  {
    const char *color = clipper_highlight_color_label (clipper_highlight_get_color (highlight));
    /* Translators: how a highlight row is described; %s is a colour, such as “Yellow” */
    g_autofree char *description = g_strdup_printf (_("%s highlight"), color);

    gtk_widget_set_tooltip_text (dot, color);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  }

  if (clipper_highlight_get_orphaned (highlight))
    /* Translators: a highlight whose text is gone from the clipping */
    quote_text = g_strdup_printf (_("Orphaned: “%s”"), clipper_highlight_get_exact (highlight));
  else
    quote_text = g_strdup_printf ("“%s”", clipper_highlight_get_exact (highlight));
  gtk_label_set_text (GTK_LABEL (quote), quote_text);

  gtk_label_set_text (GTK_LABEL (note), clipper_highlight_get_note (highlight) ?: "");
  gtk_widget_set_visible (note, clipper_highlight_get_note (highlight) != NULL);
  gtk_label_set_text (GTK_LABEL (tags), tag_text);
  gtk_widget_set_visible (tags, tag_text[0] != '\0');

}

/* GTK 4.8 leaves a drop-down's own button unnamed, and screen readers
 * land on that button. */
static void
label_dropdown_button (GtkDropDown *dropdown,
                       const char  *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
clipper_highlights_pane_dispose (GObject *object)
{
  ClipperHighlightsPane *self = (ClipperHighlightsPane *)object;
  GtkWidget *child;

  save_note_now (self);
  if (self->clipping_save_id != 0)
    save_clipping_now (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->clipping_save_id, g_source_remove);
  /* Their popovers hang on the entries the template is about to drop. */
  g_clear_object (&self->tags_completion);
  g_clear_object (&self->clipping_tags_completion);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_HIGHLIGHTS_PANE);
  /* GTK 4.8 leaves template children without an id in place. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->editing);
  g_clear_object (&self->known_tags);
  g_clear_pointer (&self->typed_tags, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->highlights);

  G_OBJECT_CLASS (clipper_highlights_pane_parent_class)->dispose (object);
}

static void
clipper_highlights_pane_class_init (ClipperHighlightsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_highlights_pane_dispose;

  g_type_ensure (CLIPPER_TYPE_CITATION_EDITOR);

  signals[HIGHLIGHT_ACTIVATED] =
    g_signal_new ("highlight-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CLIPPER_TYPE_HIGHLIGHT);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CLIPPER_TYPE_HIGHLIGHT);
  /**
   * ClipperHighlightsPane::place-requested:
   * @highlight: an orphaned highlight
   *
   * The highlight is to be placed at the text selected in the reader.
   */
  signals[PLACE_REQUESTED] =
    g_signal_new ("place-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CLIPPER_TYPE_HIGHLIGHT);
  signals[RECOLOR_REQUESTED] =
    g_signal_new ("recolor-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, CLIPPER_TYPE_HIGHLIGHT, G_TYPE_STRING);
  signals[HIGHLIGHT_CHANGED] =
    g_signal_new ("highlight-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CLIPPER_TYPE_HIGHLIGHT);
  signals[CLIPPING_CHANGED] =
    g_signal_new ("clipping-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Clipper/ui/clipper-highlights-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, count_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, color_filter);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, tag_filter);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, tag_filter_model);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, clipping_expander);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, citation_editor);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, clipping_note_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, clipping_tags_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, note_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClipperHighlightsPane, note_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "pane.recolor", "(xs)", recolor_action);
  gtk_widget_class_install_action (widget_class, "pane.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "pane.place", "x", place_action);
  gtk_widget_class_install_action (widget_class, "pane.edit-note", "x", edit_note_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clipperhighlightspane");
}

static void
clipper_highlights_pane_init (ClipperHighlightsPane *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  label_dropdown_button (self->color_filter, _("Show Highlights of One Colour"));
  label_dropdown_button (self->tag_filter, _("Show Highlights with One Tag"));

  self->highlights = g_list_store_new (CLIPPER_TYPE_HIGHLIGHT);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->highlights)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->highlights, "items-changed",
                           G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->color_filter, "notify::selected",
                           G_CALLBACK (on_color_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_note_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->clipping_note_view), "changed",
                           G_CALLBACK (on_clipping_note_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tag_filter, "notify::selected",
                           G_CALLBACK (on_color_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->highlights, "items-changed",
                           G_CALLBACK (update_tag_filter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tags_entry, "activate",
                           G_CALLBACK (save_highlight_tags), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clipping_tags_entry, "activate",
                           G_CALLBACK (save_clipping_now), self, G_CONNECT_SWAPPED);
  watch_focus (self, self->tags_entry);
  watch_focus (self, self->clipping_tags_entry);

  self->known_tags = gtk_string_list_new (NULL);
  self->typed_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tags_completion = clipper_tag_completion_new (self->tags_entry, G_LIST_MODEL (self->known_tags));
  self->clipping_tags_completion = clipper_tag_completion_new (self->clipping_tags_entry,
                                                               G_LIST_MODEL (self->known_tags));

  update_page (self);
}

/* Shows the highlights of the open clipping; %NULL when none is open. */
void
clipper_highlights_pane_set_highlights (ClipperHighlightsPane *self,
                                        GPtrArray             *highlights)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self));

  edit (self, NULL);
  /* A pending note belongs to the clipping before: saved by a flush. */
  g_clear_handle_id (&self->clipping_save_id, g_source_remove);
  self->has_clipping = highlights != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->clipping_expander), self->has_clipping);
  if (!self->has_clipping)
    clipper_citation_editor_set_citation (self->citation_editor, NULL);
  g_list_store_splice (self->highlights, 0, g_list_model_get_n_items (G_LIST_MODEL (self->highlights)),
                       highlights ? highlights->pdata : NULL, highlights ? highlights->len : 0);
  update_page (self);
}

void
clipper_highlights_pane_clear (ClipperHighlightsPane *self)
{
  clipper_highlights_pane_set_highlights (self, NULL);
}

void
clipper_highlights_pane_add (ClipperHighlightsPane *self,
                             ClipperHighlight      *highlight)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self));

  g_list_store_insert_sorted (self->highlights, highlight, compare_document_order, NULL);
}

void
clipper_highlights_pane_remove (ClipperHighlightsPane *self,
                                ClipperHighlight      *highlight)
{
  guint position;

  g_return_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self));

  if (self->editing == highlight)
    edit (self, NULL);
  if (g_list_store_find (self->highlights, highlight, &position))
    g_list_store_remove (self->highlights, position);
}

ClipperHighlight *
clipper_highlights_pane_find (ClipperHighlightsPane *self,
                              gint64                 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->highlights));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClipperHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (self->highlights), i);

      if (clipper_highlight_get_id (highlight) == id)
        return highlight;
    }

  return NULL;
}

void
clipper_highlights_pane_select (ClipperHighlightsPane *self,
                                gint64                 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClipperHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (clipper_highlight_get_id (highlight) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

void
clipper_highlights_pane_edit_note (ClipperHighlightsPane *self,
                                   gint64                 id)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self));

  clipper_highlights_pane_select (self, id);
  if (self->editing != NULL && clipper_highlight_get_id (self->editing) == id)
    gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

/* Saves notes and tags being typed now rather than after the pause. */
void
clipper_highlights_pane_flush (ClipperHighlightsPane *self)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self));

  save_note_now (self);
  save_highlight_tags (self);
  if (self->clipping_save_id != 0)
    save_clipping_now (self);
}

GListModel *
clipper_highlights_pane_get_model (ClipperHighlightsPane *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self), NULL);

  return G_LIST_MODEL (self->highlights);
}

/* Redraws a highlight's row after it changed. */
void
clipper_highlights_pane_refresh (ClipperHighlightsPane *self,
                                 ClipperHighlight      *highlight)
{
  g_autoptr(ClipperHighlight) keep = NULL;
  ClipperHighlight *selected;
  gint64 selected_id = 0;
  guint position;

  g_return_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self));

  keep = g_object_ref (highlight);
  /* Whichever row is selected stays so, not only the one redrawn. */
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    selected_id = clipper_highlight_get_id (selected);

  self->loading_note = TRUE;
  if (g_list_store_find (self->highlights, highlight, &position))
    g_list_store_splice (self->highlights, position, 1, (gpointer *)&highlight, 1);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->loading_note = FALSE;

  /* Replacing the row must not close the editor. */
  if (selected_id != 0)
    clipper_highlights_pane_select (self, selected_id);
  update_page (self);
}

static gboolean
typing_in (GtkWidget *widget)
{
  return (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

static ClipperHighlight *
find_by_id (GPtrArray *highlights,
            gint64     id)
{
  for (guint i = 0; i < highlights->len; i++)
    if (clipper_highlight_get_id (g_ptr_array_index (highlights, i)) == id)
      return g_ptr_array_index (highlights, i);
  return NULL;
}

/* Brings the list up to date after another program changed the
 * clipping's highlights, in place: the selected row and the scroll
 * position stay, and a note or tags being typed are the user's. */
void
clipper_highlights_pane_update (ClipperHighlightsPane *self,
                                GPtrArray             *highlights)
{
  GtkAdjustment *vadjustment;
  ClipperHighlight *selected;
  gint64 selected_id = 0;
  gboolean typing;
  double scroll;
  guint n;

  g_return_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self));
  g_return_if_fail (highlights != NULL);

  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  scroll = vadjustment ? gtk_adjustment_get_value (vadjustment) : 0;
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    selected_id = clipper_highlight_get_id (selected);
  typing = typing_in (GTK_WIDGET (self->note_view)) || typing_in (GTK_WIDGET (self->tags_entry));

  self->loading_note = TRUE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->highlights));
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(ClipperHighlight) old = g_list_model_get_item (G_LIST_MODEL (self->highlights), i);
      ClipperHighlight *fresh = find_by_id (highlights, clipper_highlight_get_id (old));

      if (fresh == NULL)
        {
          if (self->editing == old)
            edit (self, NULL);
          g_list_store_remove (self->highlights, i);
        }
      else if (old != self->editing || !typing)
        g_list_store_splice (self->highlights, i, 1, (gpointer *)&fresh, 1);
    }
  for (guint i = 0; i < highlights->len; i++)
    {
      ClipperHighlight *fresh = g_ptr_array_index (highlights, i);

      if (!g_list_store_find (self->highlights, fresh, NULL) &&
          clipper_highlights_pane_find (self, clipper_highlight_get_id (fresh)) == NULL)
        g_list_store_insert_sorted (self->highlights, fresh, compare_document_order, NULL);
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->loading_note = FALSE;

  /* The same row stays selected, and on screen where it was. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; selected_id != 0 && i < n; i++)
    {
      g_autoptr(ClipperHighlight) highlight = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (clipper_highlight_get_id (highlight) == selected_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* A row replaced under the editor shows its new note. */
          if (self->editing != highlight)
            edit (self, highlight);
          break;
        }
    }
  if (vadjustment != NULL)
    gtk_adjustment_set_value (vadjustment, scroll);
  update_page (self);
}

/* Whether the clipping's own note or tags are being typed. */
gboolean
clipper_highlights_pane_is_editing_clipping (ClipperHighlightsPane *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self), FALSE);

  return typing_in (GTK_WIDGET (self->clipping_note_view)) || typing_in (GTK_WIDGET (self->clipping_tags_entry));
}

/* The open clipping's own note and tags. */
void
clipper_highlights_pane_set_clipping_details (ClipperHighlightsPane *self,
                                              const char            *note,
                                              const char * const    *tags)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self));

  text = format_tags (tags ? tags : (const char * const []) { NULL });
  self->loading_note = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->clipping_note_view), note ? note : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->clipping_tags_entry), text);
  self->loading_note = FALSE;
  gtk_expander_set_expanded (self->clipping_expander, (note && note[0]) || (tags && tags[0]));
}

/* The editor of the open clipping's citation, shown once it is given one. */
ClipperCitationEditor *
clipper_highlights_pane_get_citation_editor (ClipperHighlightsPane *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self), NULL);

  return self->citation_editor;
}

/* Tags the library knows, offered as completions. */
void
clipper_highlights_pane_set_known_tags (ClipperHighlightsPane *self,
                                        GPtrArray             *tags)
{
  g_autofree const char **typed = NULL;

  g_return_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self));

  gtk_string_list_splice (self->known_tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->known_tags)),
                          NULL);
  for (guint i = 0; tags && i < tags->len; i++)
    gtk_string_list_append (self->known_tags, g_ptr_array_index (tags, i));
  /* What was typed meanwhile may not have reached that list yet. */
  typed = (const char **)g_hash_table_get_keys_as_array (self->typed_tags, NULL);
  remember_tags (self, typed);
}

/* The tags offered as completions, as a list of strings. */
GListModel *
clipper_highlights_pane_get_known_tags (ClipperHighlightsPane *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self), NULL);

  return G_LIST_MODEL (self->known_tags);
}

/* The highlights the filters let through, as listed. */
GListModel *
clipper_highlights_pane_get_shown (ClipperHighlightsPane *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHTS_PANE (self), NULL);

  return G_LIST_MODEL (self->selection);
}
