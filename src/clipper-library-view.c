/* clipper-library-view.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-library-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "clipper-library-model.h"
#include "clipper-library-view.h"
#include "clipper-menu.h"
#include "clipper-query.h"
#include "clipper-site-picker.h"

struct _ClipperLibraryView
{
  GtkWidget            parent_instance;

  GtkSearchEntry      *search_entry;
  GtkMenuButton       *view_button;
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkListView         *list_view;
  AdwStatusPage       *error_page;
  GtkRevealer         *selection_revealer;
  GtkLabel            *selection_label;
  GtkWidget           *site_picker;   /* made when first asked for */

  ClipperLibraryModel *model;
  GtkMultiSelection   *selection;
  GSettings           *settings;
  char                *search_text;
  char                *sort;
  gboolean             only_highlighted;
  gboolean             only_noted;
  gboolean             has_error;
  gboolean             selecting;
};

G_DEFINE_FINAL_TYPE (ClipperLibraryView, clipper_library_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  PROP_SORT,
  PROP_ONLY_HIGHLIGHTED,
  PROP_ONLY_NOTED,
  N_PROPS
};

enum {
  CLIPPING_ACTIVATED,
  DELETE_REQUESTED,
  DELETE_SELECTION_REQUESTED,
  EXPORT_SELECTION_REQUESTED,
  COPY_CITATION_REQUESTED,
  SEND_TO_ZOTERO_REQUESTED,
  REPORT_SELECTION_REQUESTED,
  REPORT_REQUESTED,
  FETCH_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const sort_names[] = { "clipped", "published", "title", "site" };

static ClipperSort
sort_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (g_strcmp0 (name, sort_names[i]) == 0)
      return (ClipperSort)i;
  return CLIPPER_SORT_CLIPPED;
}

static gboolean
is_loading (ClipperLibraryView *self)
{
  return self->model == NULL || clipper_library_model_get_loading (self->model);
}

static gboolean
is_filtered (ClipperLibraryView *self)
{
  return self->search_text != NULL || self->only_highlighted || self->only_noted;
}

static void
update_count (ClipperLibraryView *self)
{
  guint n = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *text = NULL;

  if (self->model == NULL)
    text = g_strdup ("");
  else if (is_filtered (self) && n > 0 && is_loading (self))
    /* Translators: the older matches of a broad search are still being read */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u match so far", "%'u matches so far", n), n);
  else if (is_filtered (self))
    /* Translators: %'u is a count with thousands separators, as in “1,204 matches” */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u match", "%'u matches", n), n);
  else
    /* Translators: %'u is a count with thousands separators, as in “10,000 clippings” */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u clipping", "%'u clippings", n), n);

  gtk_label_set_text (self->count_label, text);
}

static void
update_page (ClipperLibraryView *self)
{
  if (self->has_error)
    return;

  /* The list stays up while a newer query runs; only the first load spins. */
  if (self->model == NULL ||
      (is_loading (self) && g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
       !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "no-results")))
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    gtk_stack_set_visible_child_name (self->stack, is_filtered (self) ? "no-results" : "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  update_count (self);
}

static void
on_model_loading_cb (ClipperLibraryView *self)
{
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_model_failed_cb (ClipperLibraryView  *self,
                    const char          *message,
                    ClipperLibraryModel *model)
{
  clipper_library_view_set_error (self, message);
}

/* What the model is asked: the typed query with the menu's filters. */
static char *
dup_query (ClipperLibraryView *self)
{
  GString *query = g_string_new (self->search_text);

  if (self->only_highlighted)
    g_string_append (query, " has:highlights");
  if (self->only_noted)
    g_string_append (query, " has:notes");
  return g_strstrip (g_string_free (query, FALSE));
}

static void
apply_query (ClipperLibraryView *self)
{
  g_autofree char *query = dup_query (self);
  g_autoptr(ClipperQuery) parsed = NULL;

  /* Relevance orders a query with words; the sort is for the rest. */
  parsed = clipper_query_parse (self->search_text ? self->search_text : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.sort", parsed->match == NULL);

  if (self->model != NULL)
    clipper_library_model_set_query (self->model, query);
  update_page (self);
}

static void
on_search_changed_cb (ClipperLibraryView *self,
                      GtkSearchEntry     *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_text, g_free);
  if (stripped[0] != '\0')
    self->search_text = g_steal_pointer (&stripped);

  apply_query (self);
}

static void
on_search_stopped_cb (ClipperLibraryView *self,
                      GtkSearchEntry     *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
activate_position (ClipperLibraryView *self,
                   guint               position)
{
  g_autoptr(ClipperClipping) clipping = NULL;

  clipping = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (clipping != NULL && clipper_clipping_get_title (clipping) != NULL)
    g_signal_emit (self, signals[CLIPPING_ACTIVATED], 0, clipping);
}

static void
on_list_view_activate_cb (ClipperLibraryView *self,
                          guint               position)
{
  activate_position (self, position);
}

static guint
update_selection_bar (ClipperLibraryView *self,
                      GtkBitset          *selected)
{
  guint count = (guint)gtk_bitset_get_size (selected);

  if (count > 1)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Selected", "%u Selected", count),
                                               count);

      gtk_label_set_text (self->selection_label, text);
    }
  gtk_revealer_set_reveal_child (self->selection_revealer, count > 1);

  return count;
}

static void
on_selection_changed_cb (ClipperLibraryView *self,
                         guint               position,
                         guint               n_items,
                         GtkSelectionModel  *model)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);

  /* Choosing one row opens it; picking several is for export or delete. */
  if (update_selection_bar (self, selected) == 1 && !self->selecting)
    activate_position (self, gtk_bitset_get_nth (selected, 0));
}

/* Rows that leave the list leave the selection without a signal. */
static void
on_selection_items_changed_cb (ClipperLibraryView *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  update_selection_bar (self, selected);
}

static void
on_delete_clicked_cb (GtkButton   *button,
                      GtkListItem *item)
{
  ClipperClipping *clipping = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_widget_get_ancestor (GTK_WIDGET (button), CLIPPER_TYPE_LIBRARY_VIEW);

  if (clipping != NULL && widget != NULL)
    g_signal_emit (widget, signals[DELETE_REQUESTED], 0, clipping);
}

/* FTS5 marks matches with \x02 and \x03; Pango wants markup. */
static char *
snippet_markup (const char *snippet)
{
  GString *out = g_string_new (NULL);
  const char *p = snippet;
  gboolean open = FALSE;

  while (*p)
    {
      const char *mark = strpbrk (p, "\002\003");
      gsize len = mark ? (gsize)(mark - p) : strlen (p);
      g_autofree char *escaped = g_markup_escape_text (p, len);

      g_string_append (out, escaped);
      if (mark == NULL)
        break;
      if ((*mark == '\002') != open)
        {
          g_string_append (out, open ? "</b>" : "<b>");
          open = !open;
        }
      p = mark + 1;
    }
  if (open)
    g_string_append (out, "</b>");

  return g_string_free (out, FALSE);
}

/* Inscriptions rather than labels: their size comes from a line count,
 * not from laying out the text, which matters with hundreds of rows. */
static GtkWidget *
add_text (GtkBox     *box,
          const char *css_class,
          guint       lines)
{
  GtkWidget *text = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (text), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (text), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (text), lines);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (text), lines);
  if (lines > 1)
    gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (text), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (text, css_class);
  gtk_box_append (box, text);

  return text;
}

/* A row's menu: what can be done with that clipping and its site. */
static void
show_row_menu (GtkListItem *item,
               GtkWidget   *row,
               double       x,
               double       y)
{
  ClipperClipping *clipping = gtk_list_item_get_item (item);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) delete_section = g_menu_new ();
  g_autoptr(GMenuItem) delete_item = NULL;
  g_autofree char *site = NULL;

  if (clipping == NULL)
    return;

  site = clipper_clipping_dup_display_site (clipping);
  if (site[0] != '\0')
    {
      g_autoptr(GMenuItem) menu_item = NULL;
      /* Translators: %s is a site's name, such as “The Example Times” */
      g_autofree char *label = g_strdup_printf (_("Show Clippings From “%s”"), site);

      menu_item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (menu_item, "library.show-site", g_variant_new_string (site));
      g_menu_append_item (menu, menu_item);
    }

  if (!clipper_clipping_get_fetched (clipping))
    {
      g_autoptr(GMenuItem) fetch_item = g_menu_item_new (_("_Fetch Page"), NULL);

      g_menu_item_set_action_and_target_value (fetch_item, "library.fetch-clipping",
                                               g_variant_new_int64 (clipper_clipping_get_id (clipping)));
      g_menu_append_item (menu, fetch_item);
    }

  {
    gboolean archived = clipper_clipping_get_archived (clipping);
    g_autoptr(GMenuItem) archive_item = g_menu_item_new (archived ? _("_Restore to the Library") : _("_Archive"), NULL);

    g_menu_item_set_action_and_target_value (archive_item, archived ? "win.restore-clipping" : "win.archive-clipping",
                                             g_variant_new_int64 (clipper_clipping_get_id (clipping)));
    g_menu_append_item (menu, archive_item);
  }

  {
    g_autoptr(GMenuItem) copy_item = g_menu_item_new (_("Copy _Citation"), NULL);

    g_menu_item_set_action_and_target_value (copy_item, "library.copy-citation",
                                             g_variant_new_int64 (clipper_clipping_get_id (clipping)));
    g_menu_append_item (menu, copy_item);
  }

  {
    g_autoptr(GMenuItem) zotero_item = g_menu_item_new (_("Send to _Zotero"), NULL);

    g_menu_item_set_action_and_target_value (zotero_item, "library.send-to-zotero",
                                             g_variant_new_int64 (clipper_clipping_get_id (clipping)));
    g_menu_append_item (menu, zotero_item);
  }

  delete_item = g_menu_item_new (_("_Delete Clipping"), NULL);
  g_menu_item_set_action_and_target_value (delete_item, "library.delete-clipping",
                                           g_variant_new_int64 (clipper_clipping_get_id (clipping)));
  g_menu_append_item (delete_section, delete_item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (delete_section));

  clipper_popup_menu (row, G_MENU_MODEL (menu), &(GdkRectangle) { x, y, 1, 1 }, FALSE);
}

static void
on_row_pressed_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkListItem     *item)
{
  show_row_menu (item, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The Menu key and Shift+F10: the menu of the row with the focus. The
 * focus is on the list's own item widget, the row's parent. */
static gboolean
on_menu_key_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  for (GtkWidget *w = focus; w != NULL && w != widget; w = gtk_widget_get_parent (w))
    {
      GtkWidget *row = gtk_widget_get_first_child (w);
      GtkListItem *item = row ? g_object_get_data (G_OBJECT (row), "clipper-list-item") : NULL;

      if (item != NULL && gtk_list_item_get_item (item) != NULL)
        {
          show_row_menu (item, row, gtk_widget_get_width (row) / 2.0, gtk_widget_get_height (row) / 2.0);
          return TRUE;
        }
    }
  return FALSE;
}

/* The row's trash button shows only while the pointer moves over the row:
 * after a deletion the next row slides under a still pointer, and its
 * button must not be there to take a second click. */
static void
set_delete_button_shown (GtkWidget *button,
                         gboolean   shown)
{
  gtk_widget_set_opacity (button, shown ? 1 : 0);
  gtk_widget_set_can_target (button, shown);
}

static void
on_row_motion_cb (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  GtkWidget                *button)
{
  set_delete_button_shown (button, TRUE);
}

static void
on_row_leave_cb (GtkEventControllerMotion *motion,
                 GtkWidget                *button)
{
  set_delete_button_shown (button, FALSE);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row;
  GtkWidget *labels;
  GtkWidget *button;
  GtkGesture *click;
  GtkEventController *motion;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (row, "library-row");
  g_object_set_data (G_OBJECT (row), "clipper-list-item", item);

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_box_append (GTK_BOX (row), labels);

  add_text (GTK_BOX (labels), "title", 2);
  {
    /* Labels here, sized by their text: a box fills the shorter one
     * first, so a long site gives way before the date, and the highlight
     * count is always whole. */
    GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    const char *classes[] = { "site", "date", "count" };

    gtk_widget_set_halign (line, GTK_ALIGN_START);
    for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
      {
        GtkWidget *label = gtk_label_new (NULL);

        if (i < 2)
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
        gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (label, "subtitle");
        gtk_widget_add_css_class (label, classes[i]);
        gtk_box_append (GTK_BOX (line), label);
      }
    gtk_box_append (GTK_BOX (labels), line);
  }
  add_text (GTK_BOX (labels), "snippet", 3);

  /* Off the keyboard path: Delete, the context menu and the selection
   * bar delete from the keyboard; a row's next focus stop is never this. */
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Delete Clipping"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete Clipping"), -1);
  gtk_widget_set_focusable (button, FALSE);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "row-delete");
  set_delete_button_shown (button, FALSE);
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked_cb), item);
  gtk_box_append (GTK_BOX (row), button);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (on_row_motion_cb), button);
  g_signal_connect (motion, "motion", G_CALLBACK (on_row_motion_cb), button);
  g_signal_connect (motion, "leave", G_CALLBACK (on_row_leave_cb), button);
  gtk_widget_add_controller (row, motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed_cb), item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ClipperLibraryView       *self)
{
  ClipperClipping *clipping = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *labels = gtk_widget_get_first_child (row);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *line_box = gtk_widget_get_next_sibling (title);
  GtkWidget *site_label = gtk_widget_get_first_child (line_box);
  GtkWidget *date_label = gtk_widget_get_next_sibling (site_label);
  GtkWidget *count = gtk_widget_get_next_sibling (date_label);
  GtkWidget *snippet = gtk_widget_get_next_sibling (line_box);
  GtkWidget *button = gtk_widget_get_last_child (row);
  g_autofree char *site = clipper_clipping_dup_display_site (clipping);
  g_autofree char *date = NULL;
  g_autofree char *dated = NULL;
  guint highlights = clipper_clipping_get_highlight_count (clipping);
  const char *match = NULL;

  /* Sorted by date published, rows say that date, or that it is unknown. */
  if (g_strcmp0 (self->sort, "published") == 0)
    {
      g_autofree char *published = clipper_clipping_format_published (clipping);

      /* Translators: %s is a date, as in “4 Mar 2025” */
      date = published ? g_strdup_printf (_("Published %s"), published) : g_strdup (_("Date published unknown"));
    }
  else
    date = clipper_clipping_format_clipped_at (clipping);

  gtk_label_set_text (GTK_LABEL (site_label), site);
  gtk_widget_set_visible (site_label, site[0] != '\0');
  dated = site[0] != '\0' ? g_strdup_printf (" · %s", date) : g_strdup (date);

  gtk_label_set_text (GTK_LABEL (date_label), dated);
  {
      g_autoptr(GString) text = g_string_new (NULL);
      double progress = clipper_clipping_get_progress (clipping);

      if (highlights > 0)
        {
          g_string_append (text, " · ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights", highlights),
                                  highlights);
        }
      /* Imported as an address: opening it shows the page from the web. */
      if (!clipper_clipping_get_fetched (clipping))
        g_string_append_printf (text, " · %s", _("not fetched"));
      /* Found by a search, or listed with is:archived. */
      if (clipper_clipping_get_archived (clipping))
        g_string_append_printf (text, " · %s", _("archived"));
      /* How far it was read. */
      if (progress <= 0)
        g_string_append_printf (text, " · %s", _("unread"));
      else if (progress >= 0.98)
        g_string_append_printf (text, " · %s", _("read"));
      else
        {
          /* Translators: how much of a clipping was read, such as “42 %” */
          g_autofree char *percent = g_strdup_printf (_("%d %%"), (int)(progress * 100 + 0.5));

          g_string_append_printf (text, " · %s", percent);
        }
      gtk_label_set_text (GTK_LABEL (count), text->str);
  }
  gtk_widget_set_visible (count, TRUE);

  if (self->model != NULL)
    match = clipper_library_model_get_snippet (self->model, clipper_clipping_get_id (clipping));
  if (match != NULL)
    {
      g_autofree char *markup = snippet_markup (match);

      gtk_inscription_set_markup (GTK_INSCRIPTION (snippet), markup);
    }
  gtk_widget_set_visible (snippet, match != NULL);

  gtk_inscription_set_text (GTK_INSCRIPTION (title), clipper_clipping_get_title (clipping));
  gtk_widget_set_tooltip_text (row, clipper_clipping_get_title (clipping));
  set_delete_button_shown (button, FALSE);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ClipperLibraryView *self = CLIPPER_LIBRARY_VIEW (widget);

  self->selecting = TRUE;
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
  self->selecting = FALSE;
}

static void
unselect_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ClipperLibraryView *self = CLIPPER_LIBRARY_VIEW (widget);

  self->selecting = TRUE;
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  self->selecting = FALSE;
}

static void
delete_clipping_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  ClipperLibraryView *self = CLIPPER_LIBRARY_VIEW (widget);
  guint position;

  if (self->model != NULL &&
      clipper_library_model_find (self->model, g_variant_get_int64 (param), &position))
    {
      g_autoptr(ClipperClipping) clipping = g_list_model_get_item (G_LIST_MODEL (self->model), position);

      g_signal_emit (self, signals[DELETE_REQUESTED], 0, clipping);
    }
}

static void
copy_citation_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  g_signal_emit (widget, signals[COPY_CITATION_REQUESTED], 0, g_variant_get_int64 (param));
}

static void
send_to_zotero_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  g_signal_emit (widget, signals[SEND_TO_ZOTERO_REQUESTED], 0, g_variant_get_int64 (param));
}

static void
fetch_clipping_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  g_signal_emit (widget, signals[FETCH_REQUESTED], 0, g_variant_get_int64 (param));
}

static void
fetch_all_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  g_signal_emit (widget, signals[FETCH_REQUESTED], 0, (gint64)0);
}

static void
show_archived_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  clipper_library_view_search (CLIPPER_LIBRARY_VIEW (widget), "is:archived");
}

static void
delete_selection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  g_signal_emit (widget, signals[DELETE_SELECTION_REQUESTED], 0);
}

static void
export_selection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  g_signal_emit (widget, signals[EXPORT_SELECTION_REQUESTED], 0);
}

static void
report_selection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  g_signal_emit (widget, signals[REPORT_SELECTION_REQUESTED], 0);
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  g_signal_emit (widget, signals[REPORT_REQUESTED], 0);
}

static void
show_site_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  g_autofree char *site = g_strdup (g_variant_get_string (param, NULL));
  g_autofree char *query = NULL;

  /* A quote would end the filter's value early. */
  g_strdelimit (site, "\"", ' ');
  query = g_strdup_printf ("site:\"%s\"", site);
  clipper_library_view_search (CLIPPER_LIBRARY_VIEW (widget), query);
}

static void
on_site_chosen_cb (ClipperLibraryView *self,
                   const char         *site,
                   ClipperSitePicker  *picker)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "library.show-site", "s", site);
}

static void
choose_site_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ClipperLibraryView *self = CLIPPER_LIBRARY_VIEW (widget);
  graphene_rect_t bounds;

  if (self->site_picker == NULL)
    {
      self->site_picker = clipper_site_picker_new ();
      gtk_widget_set_parent (self->site_picker, widget);
      g_signal_connect_object (self->site_picker, "site-chosen",
                               G_CALLBACK (on_site_chosen_cb), self, G_CONNECT_SWAPPED);
    }

  clipper_site_picker_set_store (CLIPPER_SITE_PICKER (self->site_picker),
                                 self->model ? clipper_library_model_get_store (self->model) : NULL);

  /* From the menu's button, where the choice was made. */
  if (gtk_widget_compute_bounds (GTK_WIDGET (self->view_button), widget, &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->site_picker),
                                 &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                   bounds.size.width, bounds.size.height });
  gtk_popover_popup (GTK_POPOVER (self->site_picker));
}

/* The popover that lists sites, once it has been shown. */
GtkWidget *
clipper_library_view_get_site_picker (ClipperLibraryView *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_VIEW (self), NULL);

  return self->site_picker;
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  clipper_library_view_focus_search (CLIPPER_LIBRARY_VIEW (widget));
}

static void
clipper_library_view_dispose (GObject *object)
{
  ClipperLibraryView *self = (ClipperLibraryView *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_LIBRARY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  self->site_picker = NULL;

  G_OBJECT_CLASS (clipper_library_view_parent_class)->dispose (object);
}

static void
clipper_library_view_finalize (GObject *object)
{
  ClipperLibraryView *self = (ClipperLibraryView *)object;

  g_free (self->search_text);
  g_free (self->sort);

  G_OBJECT_CLASS (clipper_library_view_parent_class)->finalize (object);
}

static void
clipper_library_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ClipperLibraryView *self = CLIPPER_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->model ? clipper_library_model_get_store (self->model) : NULL);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, is_loading (self));
      break;

    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;

    case PROP_ONLY_HIGHLIGHTED:
      g_value_set_boolean (value, self->only_highlighted);
      break;

    case PROP_ONLY_NOTED:
      g_value_set_boolean (value, self->only_noted);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_library_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ClipperLibraryView *self = CLIPPER_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      clipper_library_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_SORT:
      {
        ClipperSort sort = sort_from_name (g_value_get_string (value));

        if (g_strcmp0 (self->sort, sort_names[sort]) == 0)
          break;
        g_free (self->sort);
        self->sort = g_strdup (sort_names[sort]);
        if (self->model != NULL)
          clipper_library_model_set_sort (self->model, sort);
        g_object_notify_by_pspec (object, pspec);
      }
      break;

    case PROP_ONLY_HIGHLIGHTED:
      if (self->only_highlighted != g_value_get_boolean (value))
        {
          self->only_highlighted = g_value_get_boolean (value);
          apply_query (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_ONLY_NOTED:
      if (self->only_noted != g_value_get_boolean (value))
        {
          self->only_noted = g_value_get_boolean (value);
          apply_query (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_library_view_class_init (ClipperLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_library_view_dispose;
  object_class->finalize = clipper_library_view_finalize;
  object_class->get_property = clipper_library_view_get_property;
  object_class->set_property = clipper_library_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLIPPER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* clipped, published, title or site */
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL,
                         "clipped",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ONLY_HIGHLIGHTED] =
    g_param_spec_boolean ("only-highlighted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ONLY_NOTED] =
    g_param_spec_boolean ("only-noted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CLIPPING_ACTIVATED] =
    g_signal_new ("clipping-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CLIPPER_TYPE_CLIPPING);

  signals[DELETE_REQUESTED] =
    g_signal_new ("delete-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CLIPPER_TYPE_CLIPPING);

  signals[DELETE_SELECTION_REQUESTED] =
    g_signal_new ("delete-selection-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[EXPORT_SELECTION_REQUESTED] =
    g_signal_new ("export-selection-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * ClipperLibraryView::copy-citation-requested:
   * @id: the clipping's id
   *
   * The clipping's formatted reference is wanted on the clipboard.
   */
  signals[COPY_CITATION_REQUESTED] =
    g_signal_new ("copy-citation-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * ClipperLibraryView::send-to-zotero-requested:
   * @id: the clipping's id
   *
   * The clipping is to go to the Zotero desktop on this computer.
   */
  signals[SEND_TO_ZOTERO_REQUESTED] =
    g_signal_new ("send-to-zotero-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * ClipperLibraryView::report-selection-requested:
   *
   * A report on the chosen rows is wanted.
   */
  signals[REPORT_SELECTION_REQUESTED] =
    g_signal_new ("report-selection-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * ClipperLibraryView::report-requested:
   *
   * A report on the clippings listed (clipper_library_view_dup_query()
   * finds them) is wanted.
   */
  signals[REPORT_REQUESTED] =
    g_signal_new ("report-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * ClipperLibraryView::fetch-requested:
   * @id: the clipping imported as an address, or 0 for all of them
   *
   * The text of pages imported without it is to be fetched from the web.
   */
  signals[FETCH_REQUESTED] =
    g_signal_new ("fetch-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Clipper/ui/clipper-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, view_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, count_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, error_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClipperLibraryView, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stopped_cb);

  gtk_widget_class_install_property_action (widget_class, "library.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "library.only-highlighted", "only-highlighted");
  gtk_widget_class_install_property_action (widget_class, "library.only-noted", "only-noted");
  gtk_widget_class_install_action (widget_class, "library.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "library.unselect", NULL, unselect_action);
  gtk_widget_class_install_action (widget_class, "library.delete-selection", NULL, delete_selection_action);
  gtk_widget_class_install_action (widget_class, "library.delete-clipping", "x", delete_clipping_action);
  gtk_widget_class_install_action (widget_class, "library.copy-citation", "x", copy_citation_action);
  gtk_widget_class_install_action (widget_class, "library.send-to-zotero", "x", send_to_zotero_action);
  gtk_widget_class_install_action (widget_class, "library.fetch-clipping", "x", fetch_clipping_action);
  gtk_widget_class_install_action (widget_class, "library.fetch-all", NULL, fetch_all_action);
  gtk_widget_class_install_action (widget_class, "library.show-archived", NULL, show_archived_action);
  gtk_widget_class_install_action (widget_class, "library.export-selection", NULL, export_selection_action);
  gtk_widget_class_install_action (widget_class, "library.report-selection", NULL, report_selection_action);
  gtk_widget_class_install_action (widget_class, "library.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "library.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "library.show-site", "s", show_site_action);
  gtk_widget_class_install_action (widget_class, "library.choose-site", NULL, choose_site_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "library.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "library.delete-selection", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clipperlibraryview");
}

/* Down from the search entry goes into the results, not to whatever
 * widget lies below it. */
static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          ClipperLibraryView    *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") != 0)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static void
clipper_library_view_init (ClipperLibraryView *self)
{
  GtkEventController *keys;
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->sort = g_strdup ("clipped");
  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  self->selection = gtk_multi_selection_new (NULL);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_selection_items_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);

  {
    GtkEventController *menu_keys = gtk_shortcut_controller_new ();
    GtkShortcutAction *action = gtk_callback_action_new (on_menu_key_cb, NULL, NULL);

    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (menu_keys),
      gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                     gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                        action));
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), menu_keys);
  }
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "library-sort", self, "sort", G_SETTINGS_BIND_DEFAULT);

  update_page (self);
}

void
clipper_library_view_set_store (ClipperLibraryView *self,
                                ClipperStore       *store)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));
  g_return_if_fail (store == NULL || CLIPPER_IS_STORE (store));

  if (self->model != NULL && clipper_library_model_get_store (self->model) == store)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->has_error = FALSE;

  if (store != NULL)
    {
      self->model = clipper_library_model_new (store);
      clipper_library_model_set_sort (self->model, sort_from_name (self->sort));
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "notify::loading",
                               G_CALLBACK (on_model_loading_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "failed",
                               G_CALLBACK (on_model_failed_cb), self, G_CONNECT_SWAPPED);
      apply_query (self);
      clipper_library_model_reload (self->model);
    }

  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
clipper_library_view_set_error (ClipperLibraryView *self,
                                const char         *message)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  adw_status_page_set_description (self->error_page, message);
  self->has_error = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "error");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Reads the list again, keeping the rows that did not change. */
void
clipper_library_view_reload (ClipperLibraryView *self)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  if (self->model != NULL)
    clipper_library_model_reload (self->model);
}

/* Shows clipping @id's row as the library has it now. */
void
clipper_library_view_refresh (ClipperLibraryView *self,
                              gint64              id)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  if (self->model != NULL)
    clipper_library_model_refresh (self->model, id);
}

/* Takes a clipping out of the list, as when a deletion can still be undone. */
void
clipper_library_view_hide (ClipperLibraryView *self,
                           gint64              id)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  if (self->model != NULL)
    clipper_library_model_hide (self->model, id);
}

/* Whether the listed clipping @id has highlights (and so, maybe, notes). */
gboolean
clipper_library_view_has_highlights (ClipperLibraryView *self,
                                     gint64              id)
{
  g_autoptr(ClipperClipping) clipping = NULL;
  guint position;

  g_return_val_if_fail (CLIPPER_IS_LIBRARY_VIEW (self), FALSE);

  if (self->model == NULL || !clipper_library_model_find (self->model, id, &position))
    return FALSE;

  clipping = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  return clipping != NULL && clipper_clipping_get_highlight_count (clipping) > 0;
}

void
clipper_library_view_unhide (ClipperLibraryView *self,
                             gint64              id)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  if (self->model != NULL)
    clipper_library_model_unhide (self->model, id);
}

/* Marks the clipping shown in the reader, or none for 0. */
void
clipper_library_view_select (ClipperLibraryView *self,
                             gint64              id)
{
  guint position;

  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  self->selecting = TRUE;
  if (self->model != NULL && id > 0 && clipper_library_model_find (self->model, id, &position))
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

      /* Several chosen rows stay chosen while one of them is read. */
      if (gtk_bitset_get_size (selected) <= 1)
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
    }
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  self->selecting = FALSE;
}

/* The ids of the chosen rows, in list order. */
GArray *
clipper_library_view_dup_selected_ids (ClipperLibraryView *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *ids;
  guint position;

  g_return_val_if_fail (CLIPPER_IS_LIBRARY_VIEW (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->model == NULL)
    return ids;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = clipper_library_model_get_id (self->model, position);

      g_array_append_val (ids, id);
    }

  return ids;
}

GListModel *
clipper_library_view_get_model (ClipperLibraryView *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
clipper_library_view_is_loading (ClipperLibraryView *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_VIEW (self), FALSE);

  return is_loading (self);
}

/* Shows the clippings that match @text, as if it had been typed. */
void
clipper_library_view_search (ClipperLibraryView *self,
                             const char         *text)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* At once, without the entry's typing delay. */
  on_search_changed_cb (self, self->search_entry);
}

/**
 * clipper_library_view_dup_query:
 *
 * The search that lists the rows shown: the words typed and the menu's
 * filters, in the library's query language ("" for every clipping).
 *
 * Returns: (transfer full): the query
 */
char *
clipper_library_view_dup_query (ClipperLibraryView *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_VIEW (self), NULL);

  return dup_query (self);
}

const char *
clipper_library_view_get_search (ClipperLibraryView *self)
{
  g_return_val_if_fail (CLIPPER_IS_LIBRARY_VIEW (self), NULL);

  return self->search_text;
}

void
clipper_library_view_focus_search (ClipperLibraryView *self)
{
  g_return_if_fail (CLIPPER_IS_LIBRARY_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
