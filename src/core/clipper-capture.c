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
#include "clipper-extractor.h"

/**
 * clipper_capture_page:
 * @data: the page's bytes
 * @length: their length
 * @url: (nullable): the page's address, used to resolve relative links
 * @encoding: (nullable): the page's character set when known
 *
 * Turns a page into a clipping: the extracted article with its metadata,
 * or the whole sanitised page when it holds no article. Nothing is
 * stored.
 */
ClipperClipping *
clipper_capture_page (const char  *data,
                      gsize        length,
                      const char  *url,
                      const char  *encoding,
                      GError     **error)
{
  g_autoptr(ClipperArticle) article = NULL;
  ClipperClipping *clipping;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  article = clipper_extractor_extract (data, length, url, encoding);

  if (article->title == NULL || article->title[0] == '\0')
    {
      g_free (article->title);
      article->title = g_strdup (_("Untitled"));
    }
  else if (g_utf8_strlen (article->title, -1) > 200)
    {
      char *shorter = g_utf8_substring (article->title, 0, 200);

      g_free (article->title);
      article->title = shorter;
    }

  clipping = clipper_clipping_new ();
  clipper_clipping_set_url (clipping, url ? url : "");
  clipper_clipping_set_title (clipping, article->title);
  clipper_clipping_set_byline (clipping, article->byline);
  clipper_clipping_set_site_name (clipping, article->site_name);
  clipper_clipping_set_published (clipping, article->published);
  clipper_clipping_set_excerpt (clipping, article->excerpt);
  clipper_clipping_set_lang (clipping, article->lang);
  clipper_clipping_set_dir (clipping, article->dir);
  clipper_clipping_set_content (clipping, article->content);
  clipper_clipping_set_text (clipping, article->text);
  clipper_clipping_set_is_article (clipping, article->is_article);

  return clipping;
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
