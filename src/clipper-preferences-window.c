/* clipper-preferences-window.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences, Ctrl+comma. Reader: the font, its size, the line's length
 * and spacing, justification, light or dark; kept in GSettings, which the
 * window follows at once. Sync: nothing, a WebDAV server (address, user
 * name, password kept in the keyring; saved when asked, since a half-typed
 * address is no target) or a folder (taken when chosen); and the state,
 * with Sync Now.
 */

#define G_LOG_DOMAIN "clipper-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-preferences-window.h"

typedef enum
{
  KIND_OFF,
  KIND_WEBDAV,
  KIND_FOLDER,
} Kind;

struct _ClipperPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *typeface_row;
  AdwActionRow         *font_row;
  GtkFontButton        *font_button;
  GtkSpinButton        *size_spin;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *spacing_spin;
  GtkSwitch            *justify_switch;
  AdwComboRow          *appearance_row;
  GSettings            *settings;

  AdwComboRow          *kind_row;
  AdwPreferencesGroup  *webdav_group;
  AdwEntryRow          *address_row;
  AdwEntryRow          *user_row;
  AdwEntryRow          *password_row;
  GtkButton            *connect_button;
  AdwPreferencesGroup  *folder_group;
  AdwActionRow         *folder_row;
  AdwPreferencesGroup  *status_group;
  AdwActionRow         *status_row;
  GtkButton            *sync_now_button;

  ClipperSyncScheduler *scheduler;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *error_text;  /* why the last configuration was refused */
  gboolean              filling;
  gboolean              configuring;
};

G_DEFINE_FINAL_TYPE (ClipperPreferencesWindow, clipper_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SCHEDULER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static Kind
current_kind (ClipperPreferencesWindow *self)
{
  const char *location = clipper_sync_scheduler_get_location (self->scheduler);

  if (location == NULL)
    return KIND_OFF;
  return clipper_sync_location_is_webdav (location) ? KIND_WEBDAV : KIND_FOLDER;
}

static const char *
editable_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_status (ClipperPreferencesWindow *self)
{
  ClipperSyncState state = clipper_sync_scheduler_get_state (self->scheduler);
  Kind chosen = adw_combo_row_get_selected (self->kind_row);
  const char *location = clipper_sync_scheduler_get_location (self->scheduler);
  const char *address = editable_text (self->address_row);
  const char *user = editable_text (self->user_row);
  GDateTime *last_sync = clipper_sync_scheduler_get_last_sync (self->scheduler);
  g_autofree char *subtitle = NULL;
  gboolean changed;

  gtk_widget_set_visible (GTK_WIDGET (self->webdav_group), chosen == KIND_WEBDAV);
  gtk_widget_set_visible (GTK_WIDGET (self->folder_group), chosen == KIND_FOLDER);

  if (current_kind (self) == KIND_FOLDER)
    adw_action_row_set_subtitle (self->folder_row, location);
  else
    adw_action_row_set_subtitle (self->folder_row, _("None chosen yet"));

  /* The WebDAV form is saved when it says something new. */
  changed = g_strcmp0 (address, location) != 0 ||
            g_strcmp0 (user, clipper_sync_scheduler_get_user (self->scheduler) ?: "") != 0 ||
            *editable_text (self->password_row) != '\0';
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button),
                            !self->configuring && *address != '\0' && changed);

  if (self->error_text != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), self->error_text);
      adw_action_row_set_subtitle (self->status_row, _("Nothing was changed."));
      adw_action_row_set_icon_name (self->status_row, "dialog-warning-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (self->status_group), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sync_now_button), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->status_group), state != CLIPPER_SYNC_STATE_OFF);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                 clipper_sync_scheduler_get_message (self->scheduler));
  if (state == CLIPPER_SYNC_STATE_FAILED)
    adw_action_row_set_icon_name (self->status_row, "dialog-warning-symbolic");
  else if (state == CLIPPER_SYNC_STATE_OFFLINE)
    adw_action_row_set_icon_name (self->status_row, "network-offline-symbolic");
  else
    adw_action_row_set_icon_name (self->status_row, NULL);

  /* "Synced at 14:05." says it already. */
  if (state == CLIPPER_SYNC_STATE_SYNCED || state == CLIPPER_SYNC_STATE_SYNCING)
    subtitle = NULL;
  else if (last_sync != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (last_sync);
      g_autofree char *when = g_date_time_format (local, "%x %H:%M");

      /* Translators: %s is a date and time */
      subtitle = g_strdup_printf (_("Last synced %s"), when);
    }
  else
    subtitle = g_strdup (_("Never synced"));
  adw_action_row_set_subtitle (self->status_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_now_button),
                            state != CLIPPER_SYNC_STATE_SYNCING && state != CLIPPER_SYNC_STATE_OFF);
}

static void
on_configured_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ClipperPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!clipper_sync_scheduler_configure_finish (CLIPPER_SYNC_SCHEDULER (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_free (self->error_text);
      self->error_text = g_strdup (error->message);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  self->configuring = FALSE;
  update_status (self);
}

static void
configure (ClipperPreferencesWindow *self,
           const char               *location,
           const char               *user,
           const char               *password)
{
  g_clear_pointer (&self->error_text, g_free);
  self->configuring = TRUE;
  update_status (self);
  clipper_sync_scheduler_configure_async (self->scheduler, location, user, password, self->cancellable,
                                          on_configured_cb, g_object_ref (self));
}

static void
on_kind_selected_cb (ClipperPreferencesWindow *self)
{
  if (self->filling)
    return;

  g_clear_pointer (&self->error_text, g_free);
  /* Off is taken at once; a server or a folder once it is given. */
  if (adw_combo_row_get_selected (self->kind_row) == KIND_OFF && current_kind (self) != KIND_OFF)
    configure (self, NULL, NULL, NULL);
  update_status (self);
}

static void
on_form_changed_cb (ClipperPreferencesWindow *self)
{
  if (!self->filling)
    update_status (self);
}

static void
on_connect_clicked_cb (ClipperPreferencesWindow *self)
{
  const char *address = editable_text (self->address_row);

  if (*address == '\0' || !gtk_widget_get_sensitive (GTK_WIDGET (self->connect_button)))
    return;
  if (!clipper_sync_location_is_webdav (address))
    {
      g_free (self->error_text);
      self->error_text = g_strdup (_("The address must begin with https:// (or http:// for a server on this computer)."));
      update_status (self);
      return;
    }
  configure (self, address, editable_text (self->user_row), editable_text (self->password_row));
}

static void
on_chooser_response_cb (ClipperPreferencesWindow *self,
                        int                       response,
                        GtkFileChooserNative     *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      /* Choose with no folder picked means the folder on show. */
      folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (folder == NULL)
        folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
      if (folder != NULL && (path = g_file_get_path (folder)) != NULL)
        configure (self, path, NULL, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
on_choose_clicked_cb (ClipperPreferencesWindow *self)
{
  const char *location = clipper_sync_scheduler_get_location (self->scheduler);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Sync Through a Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (current_kind (self) == KIND_FOLDER)
    {
      g_autoptr(GFile) current = g_file_new_for_path (location);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), current, NULL);
    }
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_sync_now_clicked_cb (ClipperPreferencesWindow *self)
{
  clipper_sync_scheduler_sync_now (self->scheduler);
}

typedef enum
{
  TYPEFACE_SERIF,
  TYPEFACE_SANS,
  TYPEFACE_OTHER,
} Typeface;

static char *
chosen_family (ClipperPreferencesWindow *self)
{
  PangoFontFamily *family = gtk_font_chooser_get_font_family (GTK_FONT_CHOOSER (self->font_button));

  return g_strdup (family ? pango_font_family_get_name (family) : "serif");
}

static void
on_typeface_selected_cb (ClipperPreferencesWindow *self)
{
  Typeface typeface = adw_combo_row_get_selected (self->typeface_row);
  g_autofree char *family = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->font_row), typeface == TYPEFACE_OTHER);
  if (self->filling)
    return;
  family = typeface == TYPEFACE_SERIF ? g_strdup ("serif")
           : typeface == TYPEFACE_SANS ? g_strdup ("sans")
                                       : chosen_family (self);
  g_settings_set_string (self->settings, "reader-font", family);
}

static void
on_font_set_cb (ClipperPreferencesWindow *self)
{
  g_autofree char *family = chosen_family (self);

  if (adw_combo_row_get_selected (self->typeface_row) != TYPEFACE_OTHER)
    adw_combo_row_set_selected (self->typeface_row, TYPEFACE_OTHER);
  g_settings_set_string (self->settings, "reader-font", family);
}

static gboolean
scheme_to_row (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (scheme, "light") ? 1 : g_str_equal (scheme, "dark") ? 2 : 0);
  return TRUE;
}

static GVariant *
row_to_scheme (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  const char *schemes[] = { "default", "light", "dark" };

  return g_variant_new_string (schemes[MIN (g_value_get_uint (value), 2)]);
}

static void
fill_reader (ClipperPreferencesWindow *self)
{
  g_autofree char *font = g_settings_get_string (self->settings, "reader-font");

  self->filling = TRUE;
  if (g_str_equal (font, "serif"))
    adw_combo_row_set_selected (self->typeface_row, TYPEFACE_SERIF);
  else if (g_str_equal (font, "sans"))
    adw_combo_row_set_selected (self->typeface_row, TYPEFACE_SANS);
  else
    {
      adw_combo_row_set_selected (self->typeface_row, TYPEFACE_OTHER);
      gtk_font_chooser_set_font (GTK_FONT_CHOOSER (self->font_button), font);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->font_row),
                            adw_combo_row_get_selected (self->typeface_row) == TYPEFACE_OTHER);
  self->filling = FALSE;

  g_settings_bind (self->settings, "reader-font-size", gtk_spin_button_get_adjustment (self->size_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reader-width", gtk_spin_button_get_adjustment (self->width_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reader-line-spacing", gtk_spin_button_get_adjustment (self->spacing_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reader-justify", self->justify_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->appearance_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_to_row, row_to_scheme, NULL, NULL);
}

/* The form shows what the library syncs with now. */
static void
fill (ClipperPreferencesWindow *self)
{
  Kind kind = current_kind (self);

  self->filling = TRUE;
  adw_combo_row_set_selected (self->kind_row, kind);
  if (kind == KIND_WEBDAV)
    {
      const char *user = clipper_sync_scheduler_get_user (self->scheduler);

      gtk_editable_set_text (GTK_EDITABLE (self->address_row), clipper_sync_scheduler_get_location (self->scheduler));
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
    }
  self->filling = FALSE;
  update_status (self);
}

ClipperPreferencesWindow *
clipper_preferences_window_new (GtkWindow            *parent,
                                ClipperSyncScheduler *scheduler)
{
  return g_object_new (CLIPPER_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "scheduler", scheduler, NULL);
}

static void
clipper_preferences_window_constructed (GObject *object)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (clipper_preferences_window_parent_class)->constructed (object);

  g_signal_connect_object (self->scheduler, "notify::state", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "notify::message", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "notify::last-sync", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);
  fill (self);
  fill_reader (self);
}

static void
clipper_preferences_window_dispose (GObject *object)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (clipper_preferences_window_parent_class)->dispose (object);
}

static void
clipper_preferences_window_finalize (GObject *object)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_free (self->error_text);

  G_OBJECT_CLASS (clipper_preferences_window_parent_class)->finalize (object);
}

static void
clipper_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      g_value_set_object (value, self->scheduler);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  ClipperPreferencesWindow *self = CLIPPER_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      self->scheduler = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_preferences_window_class_init (ClipperPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = clipper_preferences_window_constructed;
  object_class->dispose = clipper_preferences_window_dispose;
  object_class->finalize = clipper_preferences_window_finalize;
  object_class->get_property = clipper_preferences_window_get_property;
  object_class->set_property = clipper_preferences_window_set_property;

  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, CLIPPER_TYPE_SYNC_SCHEDULER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Clipper/ui/clipper-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, typeface_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, font_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, font_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, size_spin);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, width_spin);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, spacing_spin);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, justify_switch);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, appearance_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, webdav_group);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, connect_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, folder_group);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, status_group);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, ClipperPreferencesWindow, sync_now_button);
  gtk_widget_class_bind_template_callback (widget_class, on_typeface_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_font_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_now_clicked_cb);
}

static void
clipper_preferences_window_init (ClipperPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  gtk_widget_init_template (GTK_WIDGET (self));
}
