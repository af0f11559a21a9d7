/* clipper-capture.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-capture"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clipper-capture.h"
#include "clipper-error.h"
#include "clipper-html.h"
#include "clipper-sanitizer.h"

/**
 * clipper_capture_page:
 * @data: the page's bytes
 * @length: their length
 * @url: (nullable): the page's address, used to resolve relative links
 * @encoding: (nullable): the page's character set when known
 *
 * Turns a page into a clipping: its title, language, sanitised body and
 * plain text. Nothing is stored.
 */
ClipperClipping *
clipper_capture_page (const char  *data,
                      gsize        length,
                      const char  *url,
                      const char  *encoding,
                      GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(ClipperClipping) clipping = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *content = NULL;
  g_autofree char *text = NULL;
  xmlNode *body;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  doc = clipper_html_parse (data, length, encoding);
  if (doc == NULL || !(body = clipper_html_get_body (doc)))
    {
      g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT,
                   _("The page could not be read as HTML."));
      return NULL;
    }

  title = clipper_html_dup_title (doc);
  lang = clipper_html_dup_lang (doc);

  clipper_sanitizer_clean (body, url);
  content = clipper_html_serialize_children (doc, body);
  text = clipper_html_dup_text (body);

  /* No title: the start of the first paragraph stands in. */
  if (title == NULL || title[0] == '\0')
    {
      g_autofree char *line = g_strndup (text, strcspn (text, "\n"));

      g_free (title);
      title = g_utf8_substring (line, 0, MIN (g_utf8_strlen (line, -1), 80));
      g_strstrip (title);
    }

  if (title[0] == '\0')
    {
      g_free (title);
      title = g_strdup (_("Untitled"));
    }

  clipping = clipper_clipping_new ();
  clipper_clipping_set_url (clipping, url ? url : "");
  clipper_clipping_set_title (clipping, title);
  clipper_clipping_set_lang (clipping, lang);
  clipper_clipping_set_content (clipping, content);
  clipper_clipping_set_text (clipping, text);

  return g_steal_pointer (&clipping);
}

typedef struct
{
  GBytes *data;
  char   *url;
  char   *encoding;
} CaptureData;

static void
capture_data_free (CaptureData *data)
{
  g_clear_pointer (&data->data, g_bytes_unref);
  g_clear_pointer (&data->url, g_free);
  g_clear_pointer (&data->encoding, g_free);
  g_free (data);
}

static void
capture_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CaptureData *data = task_data;
  GError *error = NULL;
  ClipperClipping *clipping;

  clipping = clipper_capture_page (g_bytes_get_data (data->data, NULL),
                                   g_bytes_get_size (data->data),
                                   data->url, data->encoding, &error);
  if (clipping == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, clipping, g_object_unref);
}

/* Large pages take a while to parse: this runs clipper_capture_page() in a
 * worker thread. */
void
clipper_capture_page_async (GBytes              *data,
                            const char          *url,
                            const char          *encoding,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CaptureData *capture;

  g_return_if_fail (data != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_capture_page_async);

  capture = g_new0 (CaptureData, 1);
  capture->data = g_bytes_ref (data);
  capture->url = g_strdup (url);
  capture->encoding = g_strdup (encoding);
  g_task_set_task_data (task, capture, (GDestroyNotify)capture_data_free);

  g_task_run_in_thread (task, capture_thread);
}

ClipperClipping *
clipper_capture_page_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
