/* clipper-reader-bridge.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one channel between a stored clipping's page and Clipper. Our
 * script runs in its own world on clipper: pages only; its messages are
 * JSON objects whose every field is checked here before it becomes a
 * signal. Calls the other way pass their data as GVariant arguments,
 * never as JavaScript built from strings.
 */

#define G_LOG_DOMAIN "clipper-reader-bridge"

#include "config.h"

#include <math.h>

#include "clipper-reader-bridge.h"

#define WORLD        "clipper"
#define HANDLER      "clipper"
#define MAX_OFFSET   (G_GINT64_CONSTANT (1) << 31)
#define CALL_TIMEOUT 10

struct _ClipperReaderBridge
{
  GObject        parent_instance;

  WebKitWebView *web_view;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (ClipperReaderBridge, clipper_reader_bridge, G_TYPE_OBJECT)

enum {
  READY,
  HIGHLIGHT_REQUESTED,
  SELECTION_CHANGED,
  HIGHLIGHT_ACTIVATED,
  DISMISSED,
  READ,
  LIVE_HIGHLIGHT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
get_integer (JSCValue   *object,
             const char *name,
             gint64      min,
             gint64      max,
             gint64     *out)
{
  g_autoptr(JSCValue) value = jsc_value_object_get_property (object, name);
  double number;

  if (value == NULL || !jsc_value_is_number (value))
    return FALSE;

  number = jsc_value_to_double (value);
  if (!isfinite (number) || number != floor (number) || number < min || number > max)
    return FALSE;

  *out = (gint64)number;
  return TRUE;
}

static gboolean
get_double (JSCValue   *object,
            const char *name,
            double     *out)
{
  g_autoptr(JSCValue) value = jsc_value_object_get_property (object, name);

  if (value == NULL || !jsc_value_is_number (value))
    return FALSE;

  *out = jsc_value_to_double (value);
  return isfinite (*out) && fabs (*out) < 1e7;
}

static char *
get_string (JSCValue   *object,
            const char *name,
            gsize       max_length)
{
  g_autoptr(JSCValue) value = jsc_value_object_get_property (object, name);
  g_autofree char *string = NULL;

  if (value == NULL || !jsc_value_is_string (value))
    return NULL;

  string = jsc_value_to_string (value);
  if (string == NULL || strlen (string) > max_length || !g_utf8_validate (string, -1, NULL))
    return NULL;

  return g_steal_pointer (&string);
}

static gboolean
get_boolean (JSCValue   *object,
             const char *name)
{
  g_autoptr(JSCValue) value = jsc_value_object_get_property (object, name);

  return value != NULL && jsc_value_is_boolean (value) && jsc_value_to_boolean (value);
}

static gboolean
message_is_from_stored_page (JSCValue *message)
{
  g_autoptr(JSCValue) stored = jsc_value_object_get_property (message, "stored");

  return jsc_value_is_boolean (stored) && jsc_value_to_boolean (stored);
}

static void
on_message_received_cb (ClipperReaderBridge      *self,
                        JSCValue                 *message,
                        WebKitUserContentManager *manager)
{
  g_autofree char *type = NULL;
  gint64 start, end, id;
  gboolean stored;

  if (!jsc_value_is_object (message) || !(type = get_string (message, "type", 32)))
    {
      g_warning ("Ignoring a malformed message from the reader");
      return;
    }

  /* The message says what sent it; a message whose sender is not the kind
   * of page the view now shows comes from a page being left. */
  stored = message_is_from_stored_page (message);
  if (stored != g_str_has_prefix (webkit_web_view_get_uri (self->web_view) ?: "", "clipper:"))
    return;

  /* Live pages only highlight by quote; everything else is for our own
   * stored pages. */
  if (!stored)
    {
      g_autofree char *exact = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;
      g_autofree char *color = NULL;

      if (g_str_equal (type, "ready"))
        {
          g_signal_emit (self, signals[READY], 0, (gint64)0);
          return;
        }

      if (!g_str_equal (type, "live-highlight"))
        return;

      exact = get_string (message, "exact", 64 * 1024);
      prefix = get_string (message, "prefix", 512);
      suffix = get_string (message, "suffix", 512);
      color = get_string (message, "color", 16);
      if (exact == NULL || exact[0] == '\0' || prefix == NULL || suffix == NULL || color == NULL ||
          !(g_str_equal (color, "default") || clipper_highlight_is_color (color)) ||
          !get_integer (message, "start", 0, MAX_OFFSET, &start) ||
          !get_integer (message, "end", 0, MAX_OFFSET, &end) || end <= start)
        {
          g_warning ("Ignoring a malformed highlight message from a page");
          return;
        }

      g_signal_emit (self, signals[LIVE_HIGHLIGHT_REQUESTED], 0, start, end, exact, prefix, suffix,
                     g_str_equal (color, "default") ? NULL : color);
      return;
    }

  if (g_str_equal (type, "ready"))
    {
      gint64 length;

      if (get_integer (message, "length", 0, MAX_OFFSET, &length))
        g_signal_emit (self, signals[READY], 0, length);
    }
  else if (g_str_equal (type, "read"))
    {
      gint64 permille;

      if (get_integer (message, "permille", 0, 1000, &permille))
        g_signal_emit (self, signals[READ], 0, (int)permille);
    }
  else if (g_str_equal (type, "highlight"))
    {
      g_autofree char *color = get_string (message, "color", 16);

      if (!get_integer (message, "start", 0, MAX_OFFSET, &start) ||
          !get_integer (message, "end", 0, MAX_OFFSET, &end) || end <= start || color == NULL ||
          !(g_str_equal (color, "default") || clipper_highlight_is_color (color)))
        {
          g_warning ("Ignoring a malformed highlight message");
          return;
        }

      g_signal_emit (self, signals[HIGHLIGHT_REQUESTED], 0, start, end,
                     g_str_equal (color, "default") ? NULL : color, get_boolean (message, "note"));
    }
  else if (g_str_equal (type, "selection"))
    {
      double x, y, width, height;

      if (!get_integer (message, "start", 0, MAX_OFFSET, &start) ||
          !get_integer (message, "end", 0, MAX_OFFSET, &end) || end <= start ||
          !get_double (message, "x", &x) || !get_double (message, "y", &y) ||
          !get_double (message, "width", &width) || !get_double (message, "height", &height))
        {
          g_warning ("Ignoring a malformed selection message");
          return;
        }

      g_signal_emit (self, signals[SELECTION_CHANGED], 0, start, end, x, y, width, height);
    }
  else if (g_str_equal (type, "activate"))
    {
      double x = 0, y = 0, width = 0, height = 0;

      if (get_integer (message, "id", 1, G_MAXINT32, &id))
        {
          /* Where it is, when the page says so. */
          if (!get_double (message, "x", &x) || !get_double (message, "y", &y) ||
              !get_double (message, "width", &width) || !get_double (message, "height", &height))
            x = y = width = height = -1;
          g_signal_emit (self, signals[HIGHLIGHT_ACTIVATED], 0, id, x, y, width, height);
        }
    }
  else if (g_str_equal (type, "dismiss"))
    g_signal_emit (self, signals[DISMISSED], 0);
  else
    g_warning ("Ignoring a reader message of unknown type");
}

static void
clipper_reader_bridge_dispose (GObject *object)
{
  ClipperReaderBridge *self = (ClipperReaderBridge *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->web_view);

  G_OBJECT_CLASS (clipper_reader_bridge_parent_class)->dispose (object);
}

static void
clipper_reader_bridge_class_init (ClipperReaderBridgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clipper_reader_bridge_dispose;

  signals[READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[HIGHLIGHT_REQUESTED] =
    g_signal_new ("highlight-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 6, G_TYPE_INT64, G_TYPE_INT64,
                  G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[HIGHLIGHT_ACTIVATED] =
    g_signal_new ("highlight-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5, G_TYPE_INT64,
                  G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  signals[LIVE_HIGHLIGHT_REQUESTED] =
    g_signal_new ("live-highlight-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 6, G_TYPE_INT64, G_TYPE_INT64,
                  G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  signals[READ] =
    g_signal_new ("read", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
  signals[DISMISSED] =
    g_signal_new ("dismissed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
clipper_reader_bridge_init (ClipperReaderBridge *self)
{
  self->cancellable = g_cancellable_new ();
}

ClipperReaderBridge *
clipper_reader_bridge_new (WebKitWebView *web_view)
{
  g_autoptr(WebKitUserScript) script = NULL;
  g_autoptr(GBytes) source = NULL;
  g_autofree char *code = NULL;
  WebKitUserContentManager *manager;
  ClipperReaderBridge *self;

  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (web_view), NULL);

  self = g_object_new (CLIPPER_TYPE_READER_BRIDGE, NULL);
  g_set_weak_pointer (&self->web_view, web_view);

  source = g_resources_lookup_data ("/com/example/Clipper/reader/reader.js",
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (source != NULL);
  code = g_strndup (g_bytes_get_data (source, NULL), g_bytes_get_size (source));

  manager = webkit_web_view_get_user_content_manager (web_view);
  /* On every page: live pages can be highlighted before they are clipped. */
  script = webkit_user_script_new_for_world (code, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (manager, script);

  g_signal_connect_object (manager, "script-message-received::" HANDLER,
                           G_CALLBACK (on_message_received_cb), self, G_CONNECT_SWAPPED);
  webkit_user_content_manager_register_script_message_handler (manager, HANDLER, WORLD);

  return self;
}

/* Each call has a cancellable of its own, chained to the caller's: the
 * deadline of one slow call must not cancel every later one. */
typedef struct
{
  GCancellable *parent;
  gulong        parent_handler;
  guint         timeout_id;
  guint         seconds;
  gboolean      timed_out;
} Call;

static void
call_free (Call *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->parent != NULL)
    g_cancellable_disconnect (call->parent, call->parent_handler);
  g_clear_object (&call->parent);
  g_free (call);
}

static void
on_parent_cancelled_cb (GCancellable *parent,
                        GCancellable *own)
{
  g_cancellable_cancel (own);
}

static void
on_call_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  JSCValue *value;

  /* Finished: its deadline goes with it. */
  g_clear_handle_id (&call->timeout_id, g_source_remove);

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL && call->timed_out)
    {
      /* Said as what it is: this call was too slow, nothing else failed. */
      g_clear_error (&error);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               "The page did not answer within %u s", call->seconds);
    }
  else if (value == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, value, g_object_unref);
}

static gboolean
on_call_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);

  call->timeout_id = 0;
  /* Evaluation cannot really be stopped; the answer is just ignored. */
  if (!g_task_get_completed (task))
    {
      call->timed_out = TRUE;
      g_cancellable_cancel (g_task_get_cancellable (task));
    }

  return G_SOURCE_REMOVE;
}

static guint
call_timeout_seconds (void)
{
  const char *value = g_getenv ("CLIPPER_BRIDGE_CALL_TIMEOUT");
  guint64 seconds;

  if (value != NULL && g_ascii_string_to_unsigned (value, 10, 1, 3600, &seconds, NULL))
    return seconds;
  return CALL_TIMEOUT;
}

/* Calls a function body in our world, with @arguments (a{sv}) as its
 * named parameters. */
void
clipper_reader_bridge_call (ClipperReaderBridge *self,
                            const char          *body,
                            GVariant            *arguments,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) own = g_cancellable_new ();
  Call *call = g_new0 (Call, 1);

  g_return_if_fail (CLIPPER_IS_READER_BRIDGE (self));

  task = g_task_new (self, own, callback, user_data);
  g_task_set_source_tag (task, clipper_reader_bridge_call);
  /* A call past its deadline says so, rather than "cancelled". */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, call, (GDestroyNotify)call_free);

  if (cancellable != NULL)
    {
      call->parent = g_object_ref (cancellable);
      call->parent_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_parent_cancelled_cb),
                                                    own, NULL);
    }

  if (self->web_view == NULL)
    {
      if (arguments)
        g_variant_unref (g_variant_ref_sink (arguments));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "The reader is gone");
      return;
    }

  /* The source holds no reference: the call removes it when it ends. */
  call->seconds = call_timeout_seconds ();
  call->timeout_id = g_timeout_add_seconds (call->seconds, on_call_timeout_cb, task);
  webkit_web_view_call_async_javascript_function (self->web_view, body, -1, arguments, WORLD, NULL,
                                                  own, on_call_done_cb, g_steal_pointer (&task));
}

JSCValue *
clipper_reader_bridge_call_finish (ClipperReaderBridge  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_fire_and_forget_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  /* Cancelled ones too: only leaving the page should cancel a call. */
  value = clipper_reader_bridge_call_finish (CLIPPER_READER_BRIDGE (object), result, &error);
  if (value == NULL)
    g_debug ("Reader call failed: %s", error->message);
}

static void
call (ClipperReaderBridge *self,
      const char          *body,
      GVariant            *arguments)
{
  clipper_reader_bridge_call (self, body, arguments, self->cancellable, on_fire_and_forget_cb, NULL);
}

/* Draws @highlights (orphans are skipped) in the page. They travel as a
 * dictionary of dictionaries keyed by id, which the page receives as
 * objects: WebKit refuses arrays among a call's arguments. */
void
clipper_reader_bridge_apply (ClipperReaderBridge *self,
                             GPtrArray           *highlights)
{
  GVariantDict list;
  GVariantDict arguments;

  g_return_if_fail (CLIPPER_IS_READER_BRIDGE (self));

  g_variant_dict_init (&list, NULL);
  for (guint i = 0; i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);
      GVariantDict item;
      char key[32];

      if (clipper_highlight_get_orphaned (highlight))
        continue;

      /* Numbers are doubles, as JavaScript has them. */
      g_variant_dict_init (&item, NULL);
      g_variant_dict_insert (&item, "id", "d", (double)clipper_highlight_get_id (highlight));
      g_variant_dict_insert (&item, "start", "d", (double)clipper_highlight_get_start (highlight));
      g_variant_dict_insert (&item, "end", "d", (double)clipper_highlight_get_end (highlight));
      g_variant_dict_insert (&item, "color", "s", clipper_highlight_get_color (highlight));
      g_variant_dict_insert (&item, "note", "s", clipper_highlight_get_note (highlight) ?: "");
      g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, clipper_highlight_get_id (highlight));
      g_variant_dict_insert_value (&list, key, g_variant_dict_end (&item));
    }

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert_value (&arguments, "list", g_variant_dict_end (&list));
  call (self, "return window.clipper ? window.clipper.apply(Object.values(list)) : 0;",
        g_variant_dict_end (&arguments));
}

static GVariant *
id_arguments (gint64      id,
              const char *name,
              const char *value)
{
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "id", "d", (double)id);
  if (name != NULL)
    g_variant_dict_insert (&arguments, name, "s", value ?: "");
  return g_variant_dict_end (&arguments);
}

void
clipper_reader_bridge_remove (ClipperReaderBridge *self,
                              gint64               id)
{
  call (self, "window.clipper && window.clipper.remove(id);", id_arguments (id, NULL, NULL));
}

void
clipper_reader_bridge_recolor (ClipperReaderBridge *self,
                               gint64               id,
                               const char          *color)
{
  call (self, "window.clipper && window.clipper.recolor(id, color);", id_arguments (id, "color", color));
}

void
clipper_reader_bridge_set_note (ClipperReaderBridge *self,
                                gint64               id,
                                const char          *note)
{
  call (self, "window.clipper && window.clipper.setNote(id, note);", id_arguments (id, "note", note));
}

void
clipper_reader_bridge_scroll_to_progress (ClipperReaderBridge *self,
                                          int                  permille)
{
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "permille", "d", (double)CLAMP (permille, 0, 1000));
  call (self, "window.clipper && window.clipper.scrollToProgress(permille);", g_variant_dict_end (&arguments));
}

void
clipper_reader_bridge_scroll_to (ClipperReaderBridge *self,
                                 gint64               id)
{
  call (self, "return window.clipper ? window.clipper.scrollTo(id) : false;", id_arguments (id, NULL, NULL));
}
