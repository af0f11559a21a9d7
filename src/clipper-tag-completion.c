/* clipper-tag-completion.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Offers known tags under an entry of comma-separated tags, for the one
 * being typed. A popover of our own rather than GtkEntryCompletion, whose
 * popup is placed over the entry it completes. The entry keeps the
 * keyboard: Down and Up choose, Enter or Tab take, Escape closes.
 */

#define G_LOG_DOMAIN "clipper-tag-completion"

#include "config.h"

#include <string.h>

#include "clipper-tag-completion.h"

#define MAX_OFFERED 8

struct _ClipperTagCompletion
{
  GObject     parent_instance;

  GtkEntry   *entry;
  GListModel *tags;
  GtkWidget  *popover;
  GtkListBox *list;
  gboolean    completing;
};

G_DEFINE_FINAL_TYPE (ClipperTagCompletion, clipper_tag_completion, G_TYPE_OBJECT)

/* The tag being typed: after the last comma, without leading spaces. */
static const char *
typed_part (const char *text)
{
  const char *last = strrchr (text, ',');

  last = last ? last + 1 : text;
  while (*last == ' ')
    last++;
  return last;
}

/* Whether @tag is already one of the finished tags before the last comma. */
static gboolean
already_given (const char *text,
               const char *tag)
{
  g_autofree char *before = g_strndup (text, typed_part (text) - text);
  g_auto(GStrv) parts = g_strsplit (before, ",", -1);

  for (guint i = 0; parts[i]; i++)
    if (g_str_equal (g_strstrip (parts[i]), tag))
      return TRUE;
  return FALSE;
}

static void
hide (ClipperTagCompletion *self)
{
  if (gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
accept (ClipperTagCompletion *self,
        GtkListBoxRow        *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "tag");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *kept = g_strndup (text, typed_part (text) - text);
  g_autofree char *completed = NULL;

  g_strchomp (kept);
  completed = g_strconcat (kept, kept[0] ? " " : "", name, ", ", NULL);
  self->completing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), completed);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->completing = FALSE;
  hide (self);
}

/* Below the whole entry, or above it when the window has no room below. */
static void
place (ClipperTagCompletion *self)
{
  GtkWidget *entry = GTK_WIDGET (self->entry);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (entry));
  int height;
  double x, bottom;

  gtk_widget_measure (GTK_WIDGET (self->list), GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  if (root != NULL &&
      gtk_widget_translate_coordinates (entry, root, 0, gtk_widget_get_height (entry), &x, &bottom) &&
      bottom + height + 16 > gtk_widget_get_height (root))
    gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
  else
    gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                               &(GdkRectangle) { 0, 0, gtk_widget_get_width (entry),
                                                 gtk_widget_get_height (entry) });
}

static void
on_entry_changed_cb (ClipperTagCompletion *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *key = g_utf8_casefold (typed_part (text), -1);
  GtkWidget *child;
  guint offered = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);

  /* Only for what the user types, not for text set by the program. */
  if (self->completing || key[0] == '\0' ||
      !(gtk_widget_get_state_flags (GTK_WIDGET (self->entry)) & GTK_STATE_FLAG_FOCUS_WITHIN))
    {
      hide (self);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (self->tags) && offered < MAX_OFFERED; i++)
    {
      const char *name = gtk_string_list_get_string (GTK_STRING_LIST (self->tags), i);
      g_autofree char *folded = g_utf8_casefold (name, -1);
      GtkWidget *label;
      GtkWidget *row;

      if (!g_str_has_prefix (folded, key) || g_str_equal (folded, key) || already_given (text, name))
        continue;
      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "tag", g_strdup (name), g_free);
      gtk_list_box_append (self->list, row);
      offered++;
    }

  if (offered == 0)
    {
      hide (self);
      return;
    }
  gtk_widget_set_size_request (self->popover, gtk_widget_get_width (GTK_WIDGET (self->entry)), -1);
  place (self);
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
move (ClipperTagCompletion *self,
      int                   step)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int count = 0;
  int index;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child;
       child = gtk_widget_get_next_sibling (child))
    count++;
  if (count == 0)
    return;
  index = row ? gtk_list_box_row_get_index (row) + step : (step > 0 ? 0 : count - 1);
  index = (index + count) % count;
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ClipperTagCompletion  *self)
{
  GtkListBoxRow *row;

  if (!gtk_widget_get_visible (self->popover))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move (self, -1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_Tab:
      row = gtk_list_box_get_selected_row (self->list);
      if (row == NULL)
        return FALSE;
      accept (self, row);
      return TRUE;
    case GDK_KEY_Escape:
      hide (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_row_activated_cb (ClipperTagCompletion *self,
                     GtkListBoxRow        *row)
{
  accept (self, row);
}

static void
clipper_tag_completion_dispose (GObject *object)
{
  ClipperTagCompletion *self = CLIPPER_TAG_COMPLETION (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_object (&self->tags);
  g_clear_weak_pointer (&self->entry);

  G_OBJECT_CLASS (clipper_tag_completion_parent_class)->dispose (object);
}

static void
clipper_tag_completion_class_init (ClipperTagCompletionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = clipper_tag_completion_dispose;
}

static void
clipper_tag_completion_init (ClipperTagCompletion *self)
{
}

/* Disposing the completion takes its popover off @entry: do it before
 * @entry goes. */
ClipperTagCompletion *
clipper_tag_completion_new (GtkEntry   *entry,
                            GListModel *tags)
{
  ClipperTagCompletion *self;
  GtkEventController *controller;
  GtkWidget *scrolled;

  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (GTK_IS_STRING_LIST (tags), NULL);

  self = g_object_new (CLIPPER_TYPE_TAG_COMPLETION, NULL);
  g_set_weak_pointer (&self->entry, entry);
  self->tags = g_object_ref (tags);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->list), FALSE);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), scrolled);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->popover, "tag-completion");
  gtk_widget_set_parent (self->popover, GTK_WIDGET (entry));

  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (entry), controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (hide), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), controller);

  return self;
}

GtkWidget *
clipper_tag_completion_get_popover (ClipperTagCompletion *self)
{
  g_return_val_if_fail (CLIPPER_IS_TAG_COMPLETION (self), NULL);

  return self->popover;
}
