/* clipper-sync-indicator.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header's sync button: its icon tells the state at a glance (synced,
 * syncing, offline, failed), its popover the sentence, where the library
 * syncs and when it last did, with Sync Now. Hidden while sync is off.
 */

#define G_LOG_DOMAIN "clipper-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-sync-indicator.h"

struct _ClipperSyncIndicator
{
  GtkWidget             parent_instance;

  GtkMenuButton        *button;
  GtkStack             *icon_stack;
  GtkImage             *icon;
  GtkSpinner           *spinner;
  GtkPopover           *popover;
  GtkLabel             *state_label;
  GtkLabel             *detail_label;

  ClipperSyncScheduler *scheduler;
};

G_DEFINE_FINAL_TYPE (ClipperSyncIndicator, clipper_sync_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCHEDULER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (ClipperSyncIndicator *self)
{
  ClipperSyncState state = CLIPPER_SYNC_STATE_OFF;
  const char *message = NULL;
  const char *icon_name = "emblem-ok-symbolic";
  const char *location = NULL;
  GDateTime *last_sync = NULL;
  g_autofree char *label = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *when = NULL;

  if (self->scheduler != NULL)
    {
      state = clipper_sync_scheduler_get_state (self->scheduler);
      message = clipper_sync_scheduler_get_message (self->scheduler);
      location = clipper_sync_scheduler_get_location (self->scheduler);
      last_sync = clipper_sync_scheduler_get_last_sync (self->scheduler);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), state != CLIPPER_SYNC_STATE_OFF);
  if (state == CLIPPER_SYNC_STATE_OFF)
    return;

  switch (state)
    {
    case CLIPPER_SYNC_STATE_OFFLINE:
      icon_name = "network-offline-symbolic";
      break;
    case CLIPPER_SYNC_STATE_FAILED:
      icon_name = "dialog-warning-symbolic";
      break;
    case CLIPPER_SYNC_STATE_WAITING:
    case CLIPPER_SYNC_STATE_SYNCING:
      icon_name = "view-refresh-symbolic";
      break;
    case CLIPPER_SYNC_STATE_SYNCED:
    case CLIPPER_SYNC_STATE_OFF:
    default:
      break;
    }
  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_spinner_set_spinning (self->spinner, state == CLIPPER_SYNC_STATE_SYNCING);
  gtk_stack_set_visible_child_name (self->icon_stack, state == CLIPPER_SYNC_STATE_SYNCING ? "spinner" : "icon");
  if (state == CLIPPER_SYNC_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "error");

  /* Screen readers hear the state, not the icon's name. */
  /* Translators: the header's sync button; %s is its state, such as "Synced at 14:05." */
  label = g_strdup_printf (_("Sync: %s"), message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_label_set_text (self->state_label, message);

  if (last_sync != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (last_sync);

      when = g_date_time_format (local, "%x %H:%M");
    }
  /* Translators: in the sync popover; the first %s is a server's address or a folder, the second a date */
  detail = when ? g_strdup_printf (_("Through %s, last synced %s"), location, when)
                /* Translators: in the sync popover; %s is a server's address or a folder */
                : g_strdup_printf (_("Through %s, never synced"), location);
  gtk_label_set_text (self->detail_label, detail);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.now", state != CLIPPER_SYNC_STATE_SYNCING);
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  ClipperSyncIndicator *self = CLIPPER_SYNC_INDICATOR (widget);

  if (self->scheduler != NULL)
    clipper_sync_scheduler_sync_now (self->scheduler);
}

void
clipper_sync_indicator_set_scheduler (ClipperSyncIndicator *self,
                                      ClipperSyncScheduler *scheduler)
{
  g_return_if_fail (CLIPPER_IS_SYNC_INDICATOR (self));
  g_return_if_fail (!scheduler || CLIPPER_IS_SYNC_SCHEDULER (scheduler));

  if (self->scheduler == scheduler)
    return;

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_func (self->scheduler, update, self);
  g_set_object (&self->scheduler, scheduler);
  if (scheduler != NULL)
    {
      g_signal_connect_swapped (scheduler, "notify::state", G_CALLBACK (update), self);
      g_signal_connect_swapped (scheduler, "notify::message", G_CALLBACK (update), self);
      g_signal_connect_swapped (scheduler, "notify::last-sync", G_CALLBACK (update), self);
      g_signal_connect_swapped (scheduler, "notify::location", G_CALLBACK (update), self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULER]);
}

ClipperSyncScheduler *
clipper_sync_indicator_get_scheduler (ClipperSyncIndicator *self)
{
  g_return_val_if_fail (CLIPPER_IS_SYNC_INDICATOR (self), NULL);

  return self->scheduler;
}

static void
clipper_sync_indicator_dispose (GObject *object)
{
  ClipperSyncIndicator *self = CLIPPER_SYNC_INDICATOR (object);

  clipper_sync_indicator_set_scheduler (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (clipper_sync_indicator_parent_class)->dispose (object);
}

static void
clipper_sync_indicator_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ClipperSyncIndicator *self = CLIPPER_SYNC_INDICATOR (object);

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
clipper_sync_indicator_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ClipperSyncIndicator *self = CLIPPER_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_SCHEDULER:
      clipper_sync_indicator_set_scheduler (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_sync_indicator_class_init (ClipperSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_sync_indicator_dispose;
  object_class->get_property = clipper_sync_indicator_get_property;
  object_class->set_property = clipper_sync_indicator_set_property;

  properties[PROP_SCHEDULER] =
    g_param_spec_object ("scheduler", NULL, NULL, CLIPPER_TYPE_SYNC_SCHEDULER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Clipper/ui/clipper-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, ClipperSyncIndicator, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, ClipperSyncIndicator, spinner);
  gtk_widget_class_bind_template_child (widget_class, ClipperSyncIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, ClipperSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperSyncIndicator, detail_label);
  gtk_widget_class_install_action (widget_class, "sync.now", NULL, sync_now_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "syncindicator");
}

static void
clipper_sync_indicator_init (ClipperSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
