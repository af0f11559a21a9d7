/* clipper-test-widgets.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the window tests share.
 */

#pragma once

#include <gtk/gtk.h>

/* Adds every widget of @type below @root (and @root itself), in tree
 * order, to @out. */
static inline void
clipper_test_find_all (GtkWidget *root,
                       GType      type,
                       GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    clipper_test_find_all (child, type, out);
}
