/* clipper-menu.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "clipper-menu.h"

static void
unparent_popover (gpointer data)
{
  g_autoptr(GtkWidget) popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
}

static void
on_popover_closed_cb (GtkPopover *popover)
{
  /* After the chosen action has run; what it acted on may be gone. */
  g_idle_add_once (unparent_popover, g_object_ref (popover));
}

/**
 * clipper_popup_menu:
 * @parent: the widget the menu belongs to; its actions are the menu's
 * @pointing_to: where, in @parent's coordinates
 *
 * Shows @model in a menu of its own, made for this once and gone when it
 * closes: for context menus and per-row menus of lists, whose rows are
 * recycled under an open menu.
 */
void
clipper_popup_menu (GtkWidget          *parent,
                    GMenuModel         *model,
                    const GdkRectangle *pointing_to,
                    gboolean            has_arrow)
{
  GtkWidget *popover;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  popover = gtk_popover_menu_new_from_model (model);
  gtk_widget_set_parent (popover, parent);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), has_arrow);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), pointing_to);
  g_signal_connect (popover, "closed", G_CALLBACK (on_popover_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}
