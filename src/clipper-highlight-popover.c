/* clipper-highlight-popover.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small popover at a selection (colours, a note, copy the quote) or
 * at a highlight clicked in the page (recolour, note, delete). It does not
 * take the keyboard, so H and 1–5 keep working in the page.
 */

#define G_LOG_DOMAIN "clipper-highlight-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-highlight.h"
#include "clipper-highlight-popover.h"

struct _ClipperHighlightPopover
{
  GtkPopover  parent_instance;

  GtkWidget  *copy_button;
  GtkWidget  *delete_button;
  gint64      highlight;
};

G_DEFINE_FINAL_TYPE (ClipperHighlightPopover, clipper_highlight_popover, GTK_TYPE_POPOVER)

enum {
  COLOR_CHOSEN,
  NOTE_REQUESTED,
  COPY_REQUESTED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_color_clicked_cb (GtkButton               *button,
                     ClipperHighlightPopover *self)
{
  const char *color = g_object_get_data (G_OBJECT (button), "color");

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[COLOR_CHOSEN], 0, color);
}

static void
on_note_clicked_cb (ClipperHighlightPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[NOTE_REQUESTED], 0);
}

static void
on_copy_clicked_cb (ClipperHighlightPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[COPY_REQUESTED], 0);
}

static void
on_delete_clicked_cb (ClipperHighlightPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DELETE_REQUESTED], 0);
}

static void
clipper_highlight_popover_class_init (ClipperHighlightPopoverClass *klass)
{
  signals[COLOR_CHOSEN] =
    g_signal_new ("color-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NOTE_REQUESTED] =
    g_signal_new ("note-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[COPY_REQUESTED] =
    g_signal_new ("copy-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
clipper_highlight_popover_init (ClipperHighlightPopover *self)
{
  const char * const *colors = clipper_highlight_get_colors ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *note;

  for (guint i = 0; colors[i]; i++)
    {
      GtkWidget *button = gtk_button_new ();
      /* Translators: a tooltip, "Highlight in Yellow (1)" */
      g_autofree char *tooltip = g_strdup_printf (_("Highlight in %s (%u)"),
                                                  clipper_highlight_color_label (colors[i]), i + 1);

      gtk_widget_add_css_class (button, "color-button");
      gtk_widget_add_css_class (button, colors[i]);
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      g_object_set_data (G_OBJECT (button), "color", (gpointer)colors[i]);
      g_signal_connect (button, "clicked", G_CALLBACK (on_color_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }

  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  note = gtk_button_new_with_mnemonic (_("_Note…"));
  gtk_widget_add_css_class (note, "flat");
  gtk_widget_set_tooltip_text (note, _("Highlight and write a note (N)"));
  g_signal_connect_swapped (note, "clicked", G_CALLBACK (on_note_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), note);

  self->copy_button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_add_css_class (self->copy_button, "flat");
  gtk_widget_set_tooltip_text (self->copy_button, _("Copy Quote"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy Quote"), -1);
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (on_copy_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->copy_button);

  self->delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (self->delete_button, "flat");
  gtk_widget_set_tooltip_text (self->delete_button, _("Delete Highlight"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Highlight"), -1);
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (on_delete_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->delete_button);

  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_popover_set_position (GTK_POPOVER (self), GTK_POS_TOP);
  gtk_popover_set_autohide (GTK_POPOVER (self), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "highlight-popover");
}

GtkWidget *
clipper_highlight_popover_new (void)
{
  return g_object_new (CLIPPER_TYPE_HIGHLIGHT_POPOVER, NULL);
}

#define POPOVER_CHROME 24

/* Beside @area, never over it: above its first line if the window has
 * room there, else below its last; a selection filling the page gets the
 * popover above it, over the header bar, without the arrow that would not
 * fit there. */
static void
place (ClipperHighlightPopover *self,
       const GdkRectangle      *area)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (parent));
  GdkRectangle edge = { area->x, area->y, area->width, 1 };
  double x, top, bottom;
  int height;

  gtk_popover_set_has_arrow (GTK_POPOVER (self), TRUE);
  /* A hidden popover measures nothing: its buttons, and room for its
   * frame and arrow. */
  gtk_widget_measure (gtk_popover_get_child (GTK_POPOVER (self)), GTK_ORIENTATION_VERTICAL, -1, NULL, &height,
                      NULL, NULL);
  height += POPOVER_CHROME;
  if (!gtk_widget_translate_coordinates (parent, root, area->x, area->y, &x, &top) ||
      !gtk_widget_translate_coordinates (parent, root, area->x, area->y + area->height, &x, &bottom))
    top = bottom = 0;

  if (top >= height)
    gtk_popover_set_position (GTK_POPOVER (self), GTK_POS_TOP);
  else if (gtk_widget_get_height (root) - bottom >= height)
    {
      gtk_popover_set_position (GTK_POPOVER (self), GTK_POS_BOTTOM);
      edge.y = area->y + area->height - 1;
    }
  else
    {
      gtk_popover_set_has_arrow (GTK_POPOVER (self), FALSE);
      gtk_popover_set_position (GTK_POPOVER (self), GTK_POS_TOP);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self), &edge);
}

/* For a new selection: colours, a note, or copy the quote. */
void
clipper_highlight_popover_show_selection (ClipperHighlightPopover *self,
                                          const GdkRectangle      *area)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT_POPOVER (self));

  self->highlight = 0;
  gtk_widget_set_visible (self->copy_button, TRUE);
  gtk_widget_set_visible (self->delete_button, FALSE);
  place (self, area);
  gtk_popover_popup (GTK_POPOVER (self));
  /* Its parent does not place popovers as it allocates; it is shown
   * briefly, so placing it once is enough. */
  gtk_popover_present (GTK_POPOVER (self));
}

/* For a highlight clicked in the page: recolour, note, delete. */
void
clipper_highlight_popover_show_highlight (ClipperHighlightPopover *self,
                                          gint64                   id,
                                          const GdkRectangle      *area)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT_POPOVER (self));

  self->highlight = id;
  gtk_widget_set_visible (self->copy_button, FALSE);
  gtk_widget_set_visible (self->delete_button, TRUE);
  place (self, area);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_popover_present (GTK_POPOVER (self));
}

/* The highlight the popover is about, or 0 for a new selection. */
gint64
clipper_highlight_popover_get_highlight (ClipperHighlightPopover *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT_POPOVER (self), 0);

  return self->highlight;
}
