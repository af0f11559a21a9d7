/* clipper-reader-view.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-reader-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <string.h>

#include "clipper-reader-bridge.h"
#include "clipper-uri-scheme.h"
#include "clipper-reader-view.h"

/* The reader on WebKit: live pages and stored clippings in one web view,
 * with the bridge that draws highlights in them. Built as a module that
 * the window loads on first use. */

struct _ClipperReaderView
{
  GtkWidget            parent_instance;

  WebKitWebView       *web_view;
  ClipperReaderBridge *bridge;
  guint                http_status;   /* of the page shown; 0 when not over HTTP */
  char                *started_uri;   /* what the load in progress asked for */
};

enum {
  PROP_0,
  PROP_URI,
  PROP_TITLE,
  PROP_PROGRESS,
  N_PROPS
};

static void reader_iface_init (ClipperReaderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ClipperReaderView, clipper_reader_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CLIPPER_TYPE_READER, reader_iface_init))

/* One per process, as the web context it serves. */
static ClipperUriScheme *uri_scheme;

G_MODULE_EXPORT GType clipper_reader_module_get_type (void);

GType
clipper_reader_module_get_type (void)
{
  return CLIPPER_TYPE_READER_VIEW;
}

static void
on_load_changed_cb (ClipperReaderView *self,
                    WebKitLoadEvent    event,
                    WebKitWebView     *web_view)
{
  ClipperReaderLoadEvent ours;

  switch (event)
    {
    case WEBKIT_LOAD_STARTED:
      g_free (self->started_uri);
      self->started_uri = g_strdup (webkit_web_view_get_uri (web_view));
      ours = CLIPPER_READER_LOAD_STARTED;
      break;

    case WEBKIT_LOAD_REDIRECTED:
      ours = CLIPPER_READER_LOAD_REDIRECTED;
      break;

    case WEBKIT_LOAD_COMMITTED:
      /* WebKit refuses ports that belong to other services (9, 25, …)
       * without a failure: it shows a blank page instead. */
      if (g_strcmp0 (webkit_web_view_get_uri (web_view), "about:blank") == 0 &&
          self->started_uri != NULL && g_str_has_prefix (self->started_uri, "http"))
        {
          g_autofree char *uri = g_steal_pointer (&self->started_uri);

          self->http_status = 0;
          g_signal_emit_by_name (self, "load-failed", uri,
                                 _("Pages are not loaded from this port: it belongs to another "
                                   "kind of service."));
          return;
        }
      {
        WebKitWebResource *resource = webkit_web_view_get_main_resource (web_view);
        WebKitURIResponse *response = resource ? webkit_web_resource_get_response (resource) : NULL;
        const char *uri = response ? webkit_uri_response_get_uri (response) : NULL;

        self->http_status = uri && (g_str_has_prefix (uri, "http:") || g_str_has_prefix (uri, "https:"))
                              ? webkit_uri_response_get_status_code (response)
                              : 0;
      }
      ours = CLIPPER_READER_LOAD_COMMITTED;
      break;

    case WEBKIT_LOAD_FINISHED:
      ours = CLIPPER_READER_LOAD_FINISHED;
      break;

    default:
      return;
    }

  g_signal_emit_by_name (self, "load-changed", (int)ours);
}

static void
on_notify_cb (ClipperReaderView *self,
              GParamSpec        *pspec,
              WebKitWebView     *web_view)
{
  if (g_str_equal (pspec->name, "estimated-load-progress"))
    g_object_notify (G_OBJECT (self), "progress");
  else
    g_object_notify (G_OBJECT (self), pspec->name);
}

static gboolean
on_decide_policy_cb (ClipperReaderView        *self,
                     WebKitPolicyDecision     *decision,
                     WebKitPolicyDecisionType  type,
                     WebKitWebView            *web_view)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  /* One window, one page: links that want a new window open here. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    {
      webkit_policy_decision_ignore (decision);
      if (webkit_navigation_action_is_user_gesture (action))
        webkit_web_view_load_uri (web_view, uri);
      return TRUE;
    }

  /* Stored clippings never run page scripts; live pages may. */
  if (webkit_navigation_action_get_frame_name (action) == NULL)
    {
      WebKitSettings *settings = webkit_web_view_get_settings (web_view);

      webkit_settings_set_enable_javascript_markup (settings,
                                                    !g_str_has_prefix (uri, CLIPPER_SCHEME_NAME ":"));
    }

  return FALSE;
}

/* Pages cannot hold the window hostage with alert loops. */
static gboolean
on_script_dialog_cb (ClipperReaderView  *self,
                     WebKitScriptDialog *dialog,
                     WebKitWebView      *web_view)
{
  if (webkit_script_dialog_get_dialog_type (dialog) == WEBKIT_SCRIPT_DIALOG_BEFORE_UNLOAD_CONFIRM)
    webkit_script_dialog_confirm_set_confirmed (dialog, TRUE);

  return TRUE;
}

static void
on_web_process_terminated_cb (ClipperReaderView                 *self,
                              WebKitWebProcessTerminationReason  reason,
                              WebKitWebView                     *web_view)
{
  const char *message;

  switch (reason)
    {
    case WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT:
      message = _("The page used more memory than a page may.");
      break;

    case WEBKIT_WEB_PROCESS_CRASHED:
      message = _("The process showing the page crashed.");
      break;

    case WEBKIT_WEB_PROCESS_TERMINATED_BY_API:
    default:
      message = _("The process showing the page was stopped.");
      break;
    }

  g_signal_emit_by_name (self, "crashed", message);
}

/* Why a page did not load, in words for people rather than WebKit's. */
static const char *
describe_load_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return _("The server refused the connection. It may be down, or not at this address.");
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return _("No server was found at this address. Check it for typing mistakes.");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return _("The server took too long to answer.");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE))
    return _("The network cannot be reached. Check that this computer is online.");
  if (error->domain == G_TLS_ERROR)
    return _("A secure connection to the site could not be made.");
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_FILE_DOES_NOT_EXIST))
    return _("There is no file at this address.");
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_UNKNOWN_PROTOCOL))
    return _("Pages at addresses of this kind cannot be opened.");
  return NULL;
}

static gboolean
on_load_failed_cb (ClipperReaderView *self,
                   WebKitLoadEvent    event,
                   const char        *uri,
                   GError            *error,
                   WebKitWebView     *web_view)
{
  g_autofree char *message = NULL;
  const char *described;

  /* Stopped, or left for another page: not a failure to show. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  described = describe_load_error (error);
  message = described ? g_strdup (described) : g_strdup (error->message);
  self->http_status = 0;
  g_signal_emit_by_name (self, "load-failed", uri, message);

  /* Clipper shows the failure in its own style: no WebKit error page. */
  return TRUE;
}

static gboolean
on_load_failed_with_tls_errors_cb (ClipperReaderView    *self,
                                   const char           *uri,
                                   GTlsCertificate      *certificate,
                                   GTlsCertificateFlags  errors,
                                   WebKitWebView        *web_view)
{
  self->http_status = 0;
  g_signal_emit_by_name (self, "load-failed", uri,
                         _("The site’s security certificate could not be verified, so the "
                           "connection could be read or changed by others."));
  return TRUE;
}

static void
clipper_reader_view_set_caret_browsing (ClipperReader *reader,
                                        gboolean       enabled)
{
  WebKitSettings *settings = webkit_web_view_get_settings (CLIPPER_READER_VIEW (reader)->web_view);

  webkit_settings_set_enable_caret_browsing (settings, enabled);
}

static void
clipper_reader_view_set_reader_style (ClipperReader *reader,
                                      const char    *css)
{
  WebKitUserContentManager *manager =
    webkit_web_view_get_user_content_manager (CLIPPER_READER_VIEW (reader)->web_view);
  g_autoptr(WebKitUserStyleSheet) sheet = NULL;

  webkit_user_content_manager_remove_all_style_sheets (manager);
  if (css == NULL)
    return;
  /* The user's level: it wins over the stored page's own sheet. */
  sheet = webkit_user_style_sheet_new (css, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME, WEBKIT_USER_STYLE_LEVEL_USER,
                                       NULL, NULL);
  webkit_user_content_manager_add_style_sheet (manager, sheet);
}

static void
clipper_reader_view_scroll_to_progress (ClipperReader *reader,
                                        int            permille)
{
  clipper_reader_bridge_scroll_to_progress (CLIPPER_READER_VIEW (reader)->bridge, permille);
}

static void
on_bridge_read_cb (ClipperReaderView   *self,
                   int                  permille,
                   ClipperReaderBridge *bridge)
{
  g_signal_emit_by_name (self, "read", permille);
}

static void
clipper_reader_view_set_zoom (ClipperReader *reader,
                              double         zoom)
{
  webkit_web_view_set_zoom_level (CLIPPER_READER_VIEW (reader)->web_view, zoom);
}

static guint
clipper_reader_view_get_http_status (ClipperReader *reader)
{
  return CLIPPER_READER_VIEW (reader)->http_status;
}

static void
on_bridge_ready_cb (ClipperReaderView   *self,
                    gint64               length,
                    ClipperReaderBridge *bridge)
{
  g_signal_emit_by_name (self, "ready", length);
}

static void
on_bridge_highlight_requested_cb (ClipperReaderView   *self,
                                  gint64               start,
                                  gint64               end,
                                  const char          *color,
                                  gboolean             with_note,
                                  ClipperReaderBridge *bridge)
{
  g_signal_emit_by_name (self, "highlight-requested", start, end, color, with_note);
}

static void
on_bridge_selection_changed_cb (ClipperReaderView   *self,
                                gint64               start,
                                gint64               end,
                                double               x,
                                double               y,
                                double               width,
                                double               height,
                                ClipperReaderBridge *bridge)
{
  g_signal_emit_by_name (self, "selection-changed", start, end, x, y, width, height);
}

static void
on_bridge_highlight_activated_cb (ClipperReaderView   *self,
                                  gint64               id,
                                  double               x,
                                  double               y,
                                  double               width,
                                  double               height,
                                  ClipperReaderBridge *bridge)
{
  g_signal_emit_by_name (self, "highlight-activated", id, x, y, width, height);
}

static void
on_bridge_live_highlight_requested_cb (ClipperReaderView   *self,
                                       gint64               start,
                                       gint64               end,
                                       const char          *exact,
                                       const char          *prefix,
                                       const char          *suffix,
                                       const char          *color,
                                       ClipperReaderBridge *bridge)
{
  g_signal_emit_by_name (self, "live-highlight-requested", start, end, exact, prefix, suffix, color);
}

static void
on_bridge_dismissed_cb (ClipperReaderView   *self,
                        ClipperReaderBridge *bridge)
{
  g_signal_emit_by_name (self, "dismissed");
}

static void
clipper_reader_view_set_store (ClipperReader *reader,
                               ClipperStore  *store,
                               const GError  *error)
{
  if (store != NULL)
    clipper_uri_scheme_set_store (uri_scheme, store);
  else if (error != NULL)
    clipper_uri_scheme_set_error (uri_scheme, error);
}

static void
clipper_reader_view_load_uri (ClipperReader *reader,
                              const char    *uri)
{
  webkit_web_view_load_uri (CLIPPER_READER_VIEW (reader)->web_view, uri);
}

static void
clipper_reader_view_go_back (ClipperReader *reader)
{
  webkit_web_view_go_back (CLIPPER_READER_VIEW (reader)->web_view);
}

static void
clipper_reader_view_go_forward (ClipperReader *reader)
{
  webkit_web_view_go_forward (CLIPPER_READER_VIEW (reader)->web_view);
}

static void
clipper_reader_view_reload (ClipperReader *reader)
{
  webkit_web_view_reload (CLIPPER_READER_VIEW (reader)->web_view);
}

static void
clipper_reader_view_stop (ClipperReader *reader)
{
  webkit_web_view_stop_loading (CLIPPER_READER_VIEW (reader)->web_view);
}

static const char *
clipper_reader_view_get_uri (ClipperReader *reader)
{
  return webkit_web_view_get_uri (CLIPPER_READER_VIEW (reader)->web_view);
}

static const char *
clipper_reader_view_get_title (ClipperReader *reader)
{
  return webkit_web_view_get_title (CLIPPER_READER_VIEW (reader)->web_view);
}

static double
clipper_reader_view_get_progress (ClipperReader *reader)
{
  return webkit_web_view_get_estimated_load_progress (CLIPPER_READER_VIEW (reader)->web_view);
}

static gboolean
clipper_reader_view_is_loading (ClipperReader *reader)
{
  return webkit_web_view_is_loading (CLIPPER_READER_VIEW (reader)->web_view);
}

static gboolean
clipper_reader_view_can_go_back (ClipperReader *reader)
{
  return webkit_web_view_can_go_back (CLIPPER_READER_VIEW (reader)->web_view);
}

static gboolean
clipper_reader_view_can_go_forward (ClipperReader *reader)
{
  return webkit_web_view_can_go_forward (CLIPPER_READER_VIEW (reader)->web_view);
}

static void
on_serialized_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JSCValue) value = NULL;
  GError *error = NULL;
  char *html;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!jsc_value_is_string (value))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "%s", _("it has no document."));
      return;
    }

  html = jsc_value_to_string (value);
  g_task_return_pointer (task, g_bytes_new_take (html, strlen (html)), (GDestroyNotify)g_bytes_unref);
}

static void
clipper_reader_view_serialize_async (ClipperReader       *reader,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (reader);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, clipper_reader_view_serialize_async);

  /* In our own script world, so page scripts cannot interfere. */
  webkit_web_view_evaluate_javascript (self->web_view,
                                       "(function () {"
                                       "  if (!document.documentElement)"
                                       "    return null;"
                                       /* Our own marks are not part of the page. */
                                       "  const copy = document.documentElement.cloneNode(true);"
                                       "  for (const mark of copy.querySelectorAll('mark.clipper-highlight'))"
                                       "    mark.replaceWith(...mark.childNodes);"
                                       "  return copy.outerHTML;"
                                       "})()",
                                       -1, "clipper", NULL, cancellable,
                                       on_serialized_cb, task);
}

static GBytes *
clipper_reader_view_serialize_finish (ClipperReader  *reader,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, reader), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clipper_reader_view_apply_highlights (ClipperReader *reader,
                                      GPtrArray     *highlights)
{
  clipper_reader_bridge_apply (CLIPPER_READER_VIEW (reader)->bridge, highlights);
}

static void
clipper_reader_view_remove_highlight (ClipperReader *reader,
                                      gint64         id)
{
  clipper_reader_bridge_remove (CLIPPER_READER_VIEW (reader)->bridge, id);
}

static void
clipper_reader_view_recolor_highlight (ClipperReader *reader,
                                       gint64         id,
                                       const char    *color)
{
  clipper_reader_bridge_recolor (CLIPPER_READER_VIEW (reader)->bridge, id, color);
}

static void
clipper_reader_view_set_highlight_note (ClipperReader *reader,
                                        gint64         id,
                                        const char    *note)
{
  clipper_reader_bridge_set_note (CLIPPER_READER_VIEW (reader)->bridge, id, note);
}

static void
clipper_reader_view_scroll_to (ClipperReader *reader,
                               gint64         id)
{
  clipper_reader_bridge_scroll_to (CLIPPER_READER_VIEW (reader)->bridge, id);
}

static void
reader_iface_init (ClipperReaderInterface *iface)
{
  iface->set_store = clipper_reader_view_set_store;
  iface->load_uri = clipper_reader_view_load_uri;
  iface->go_back = clipper_reader_view_go_back;
  iface->go_forward = clipper_reader_view_go_forward;
  iface->reload = clipper_reader_view_reload;
  iface->stop = clipper_reader_view_stop;
  iface->get_uri = clipper_reader_view_get_uri;
  iface->get_title = clipper_reader_view_get_title;
  iface->get_progress = clipper_reader_view_get_progress;
  iface->is_loading = clipper_reader_view_is_loading;
  iface->get_http_status = clipper_reader_view_get_http_status;
  iface->set_caret_browsing = clipper_reader_view_set_caret_browsing;
  iface->set_reader_style = clipper_reader_view_set_reader_style;
  iface->set_zoom = clipper_reader_view_set_zoom;
  iface->scroll_to_progress = clipper_reader_view_scroll_to_progress;
  iface->can_go_back = clipper_reader_view_can_go_back;
  iface->can_go_forward = clipper_reader_view_can_go_forward;
  iface->serialize_async = clipper_reader_view_serialize_async;
  iface->serialize_finish = clipper_reader_view_serialize_finish;
  iface->apply_highlights = clipper_reader_view_apply_highlights;
  iface->remove_highlight = clipper_reader_view_remove_highlight;
  iface->recolor_highlight = clipper_reader_view_recolor_highlight;
  iface->set_highlight_note = clipper_reader_view_set_highlight_note;
  iface->scroll_to = clipper_reader_view_scroll_to;
}

static gboolean
clipper_reader_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CLIPPER_READER_VIEW (widget)->web_view));
}

static void
clipper_reader_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ClipperReader *reader = CLIPPER_READER (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, clipper_reader_view_get_uri (reader));
      break;

    case PROP_TITLE:
      g_value_set_string (value, clipper_reader_view_get_title (reader));
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, clipper_reader_view_get_progress (reader));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_reader_view_dispose (GObject *object)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (object);

  g_clear_object (&self->bridge);
  g_clear_pointer (&self->started_uri, g_free);
  if (self->web_view != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }

  G_OBJECT_CLASS (clipper_reader_view_parent_class)->dispose (object);
}

static void
clipper_reader_view_class_init (ClipperReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_reader_view_dispose;
  object_class->get_property = clipper_reader_view_get_property;
  widget_class->grab_focus = clipper_reader_view_grab_focus;

  g_object_class_override_property (object_class, PROP_URI, "uri");
  g_object_class_override_property (object_class, PROP_TITLE, "title");
  g_object_class_override_property (object_class, PROP_PROGRESS, "progress");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  uri_scheme = clipper_uri_scheme_new ();
  clipper_uri_scheme_register (uri_scheme, webkit_web_context_get_default ());
}

static void
clipper_reader_view_init (ClipperReaderView *self)
{
  WebKitSettings *settings;

  self->web_view = WEBKIT_WEB_VIEW (webkit_web_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));

  settings = webkit_web_view_get_settings (self->web_view);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);

  g_signal_connect_object (self->web_view, "load-changed",
                           G_CALLBACK (on_load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::estimated-load-progress",
                           G_CALLBACK (on_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::uri",
                           G_CALLBACK (on_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::title",
                           G_CALLBACK (on_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "script-dialog",
                           G_CALLBACK (on_script_dialog_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (on_decide_policy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (on_web_process_terminated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-failed",
                           G_CALLBACK (on_load_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-failed-with-tls-errors",
                           G_CALLBACK (on_load_failed_with_tls_errors_cb), self, G_CONNECT_SWAPPED);

  self->bridge = clipper_reader_bridge_new (self->web_view);
  g_signal_connect_object (self->bridge, "ready",
                           G_CALLBACK (on_bridge_ready_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bridge, "highlight-requested",
                           G_CALLBACK (on_bridge_highlight_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bridge, "highlight-activated",
                           G_CALLBACK (on_bridge_highlight_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bridge, "live-highlight-requested",
                           G_CALLBACK (on_bridge_live_highlight_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bridge, "selection-changed",
                           G_CALLBACK (on_bridge_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bridge, "read",
                           G_CALLBACK (on_bridge_read_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bridge, "dismissed",
                           G_CALLBACK (on_bridge_dismissed_cb), self, G_CONNECT_SWAPPED);
}

WebKitWebView *
clipper_reader_view_get_web_view (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), NULL);

  return self->web_view;
}
