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
#include "clipper-anchor.h"
#include "clipper-extractor.h"
#include "clipper-uri.h"

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
/**
 * clipper_capture_shorten_title:
 *
 * The title as stored: whole, as the page gives it (rows shorten it as
 * they show it), unless it passes %CLIPPER_TITLE_MAX_CHARS, which no real
 * title does. A hostile one is cut at the last word boundary before the
 * limit and ends with an ellipsis.
 */
char *
clipper_capture_shorten_title (const char *title)
{
  g_autofree char *head = NULL;
  const char *cut;
  const char *space;

  if (g_utf8_strlen (title, -1) <= CLIPPER_TITLE_MAX_CHARS)
    return g_strdup (title);

  cut = g_utf8_offset_to_pointer (title, CLIPPER_TITLE_MAX_CHARS - 1);
  for (space = cut; space > title; space = g_utf8_prev_char (space))
    if (g_unichar_isspace (g_utf8_get_char (space)))
      break;
  /* One unbroken word: cut inside it, as nothing else can be done. */
  if (space > title)
    cut = space;

  head = g_strndup (title, cut - title);
  return g_strconcat (head, "…", NULL);
}

ClipperClipping *
clipper_capture_page (const char  *data,
                      gsize        length,
                      const char  *url,
                      const char  *encoding,
                      GError     **error)
{
  g_autoptr(ClipperArticle) article = NULL;
  g_autofree char *stored_url = clipper_uri_strip_credentials (url ? url : "");
  ClipperClipping *clipping;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  article = clipper_extractor_extract (data, length, url, encoding);

  if (article->title == NULL || article->title[0] == '\0')
    {
      g_free (article->title);
      article->title = g_strdup (_("Untitled"));
    }
  else
    {
      char *shorter = clipper_capture_shorten_title (article->title);

      g_free (article->title);
      article->title = shorter;
    }

  clipping = clipper_clipping_new ();
  clipper_clipping_set_url (clipping, stored_url);
  clipper_clipping_set_title (clipping, article->title);
  clipper_clipping_set_byline (clipping, article->byline);
  clipper_clipping_set_site_name (clipping, article->site_name);
  clipper_clipping_set_published (clipping, article->published);
  clipper_clipping_set_excerpt (clipping, article->excerpt);
  clipper_clipping_set_lang (clipping, article->lang);
  clipper_clipping_set_dir (clipping, article->dir);
  clipper_clipping_set_item_type (clipping, article->item_type);
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

/**
 * clipper_capture_reanchor:
 * @highlights: (element-type ClipperHighlight): updated in place
 *
 * Anchors highlights in a clipping's new content: by position, by quote,
 * or approximately; those that cannot be found are marked orphaned and
 * keep their old selectors. Returns how many were orphaned.
 */
guint
clipper_capture_reanchor (GPtrArray  *highlights,
                          const char *content)
{
  g_autoptr(ClipperAnchorText) text = clipper_anchor_text_new_from_html (content ? content : "");
  guint orphans = 0;

  for (guint i = 0; i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);
      ClipperSelector old = {
        (char *)clipper_highlight_get_exact (highlight),
        (char *)clipper_highlight_get_prefix (highlight),
        (char *)clipper_highlight_get_suffix (highlight),
        clipper_highlight_get_start (highlight),
        clipper_highlight_get_end (highlight),
      };
      gint64 start, end;

      if (clipper_anchor_locate (text, &old, &start, &end) == CLIPPER_ANCHOR_ORPHAN)
        {
          clipper_highlight_set_orphaned (highlight, TRUE);
          orphans++;
        }
      else
        {
          g_autoptr(ClipperSelector) found = clipper_selector_new (text, start, end);

          /* The new text becomes the quote: next time it anchors exactly. */
          clipper_highlight_set_selector (highlight, found);
          clipper_highlight_set_orphaned (highlight, FALSE);
        }
    }

  return orphans;
}

/* @clipping's text into the clipping @id, its highlights re-anchored. */
static gboolean
refresh (ClipperStore     *store,
         gint64            id,
         ClipperClipping  *clipping,
         guint            *n_placed,
         GError          **error)
{
  g_autoptr(GPtrArray) highlights = NULL;
  guint orphans = 0;
  guint left;

  if (!(highlights = clipper_store_list_highlights (store, id, error)))
    return FALSE;

  for (guint i = 0; i < highlights->len; i++)
    orphans += clipper_highlight_get_orphaned (g_ptr_array_index (highlights, i)) ? 1 : 0;
  left = clipper_capture_reanchor (highlights, clipper_clipping_get_content (clipping));
  if (n_placed)
    *n_placed = orphans > left ? orphans - left : 0;

  if (!clipper_store_replace_clipping (store, id, clipping, highlights, error))
    return FALSE;

  return clipper_clipping_get_tags (clipping)[0] == NULL ||
         clipper_store_add_clipping_tags (store, id, clipper_clipping_get_tags (clipping), error);
}

/**
 * clipper_capture_save:
 * @keep_separate: %TRUE to add a new clipping even when the page's address
 *   is in the library already
 * @refreshed: (out) (optional): whether an existing clipping was refreshed
 *
 * Adds @clipping to the library; a page that is there already is
 * refreshed in place instead, keeping its notes, tags and highlights
 * (re-anchored to the new text).
 *
 * Returns: the clipping's id, or 0 with @error set
 */
gint64
clipper_capture_save (ClipperStore     *store,
                      ClipperClipping  *clipping,
                      gboolean          keep_separate,
                      gboolean         *refreshed,
                      GError          **error)
{
  const char *url = clipper_clipping_get_url (clipping);
  gint64 id = 0;

  if (refreshed)
    *refreshed = FALSE;

  if (!keep_separate && url != NULL && url[0] != '\0')
    {
      GError *local_error = NULL;

      id = clipper_store_find_clipping_by_url (store, url, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return 0;
        }
    }

  if (id == 0)
    return clipper_store_add_clipping (store, clipping, error);

  if (!refresh (store, id, clipping, NULL, error))
    return 0;

  if (refreshed)
    *refreshed = TRUE;
  return id;
}

/**
 * clipper_capture_save_into:
 * @id: the clipping to refresh
 * @n_placed: (out) (optional): highlights without a place before that the
 *   new text gave one
 *
 * Refreshes the clipping @id with @clipping's text, as clipper_capture_save()
 * refreshes a page already in the library. The clipping keeps its address
 * even when the page was fetched from another one (after a redirect), so
 * that it is still found by the address it was saved with.
 */
gboolean
clipper_capture_save_into (ClipperStore     *store,
                           gint64            id,
                           ClipperClipping  *clipping,
                           guint            *n_placed,
                           GError          **error)
{
  g_autoptr(ClipperClipping) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(stored = clipper_store_find_clipping (store, id, &local_error)))
    {
      if (g_error_matches (local_error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND))
        g_set_error (error, CLIPPER_ERROR, CLIPPER_ERROR_NOT_FOUND,
                     _("The clipping was deleted while its page was fetched."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  clipper_clipping_set_url (clipping, clipper_clipping_get_url (stored));
  return refresh (store, id, clipping, n_placed, error);
}
