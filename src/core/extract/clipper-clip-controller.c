/* clipper-clip-controller.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clip pipeline, from a page's bytes to a saved clipping: extract the
 * article (in a thread), store its images, save it (refreshing the
 * clipping of a page already in the library), and carry what was
 * highlighted on the live page into it. The window and the command line
 * both clip through it.
 */

#define G_LOG_DOMAIN "clipper-clip"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "clipper-anchor.h"
#include "clipper-capture.h"
#include "clipper-clip-controller.h"

struct _ClipperClipController
{
  GObject            parent_instance;

  ClipperStore      *store;
  ClipperImageSaver *image_saver;
};

G_DEFINE_FINAL_TYPE (ClipperClipController, clipper_clip_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
clipper_clip_result_free (ClipperClipResult *result)
{
  if (result == NULL)
    return;

  g_clear_object (&result->clipping);
  g_free (result);
}

typedef struct
{
  GBytes          *page;
  char            *url;
  char            *charset;
  GPtrArray       *live;       /* the caller's, read when the clipping is saved */
  ClipperClipFlags flags;
  gint64           into_id;    /* the clipping to refresh, or 0 */
  char           **tags;
  ClipperClipping *clipping;
  guint            n_failed_images;
} Clip;

static void
clip_free (Clip *clip)
{
  g_clear_pointer (&clip->page, g_bytes_unref);
  g_clear_pointer (&clip->url, g_free);
  g_clear_pointer (&clip->charset, g_free);
  g_clear_pointer (&clip->live, g_ptr_array_unref);
  g_clear_pointer (&clip->tags, g_strfreev);
  g_clear_object (&clip->clipping);
  g_free (clip);
}

/* What the store's thread works on: copies, so that the caller may go on
 * highlighting the live page meanwhile. */
typedef struct
{
  ClipperClipping *clipping;
  GPtrArray       *live;
  gboolean         keep_separate;
  gint64           into_id;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_clear_object (&request->clipping);
  g_clear_pointer (&request->live, g_ptr_array_unref);
  g_free (request);
}

/* The live page's highlights, found by quote in the clipping's text, into
 * the clipping in one transaction. One that is not in the article (in the
 * site's menus, say) is kept, orphaned. */
static guint
carry_live_highlights (ClipperStore    *store,
                       ClipperClipping *clipping,
                       gint64           clipping_id,
                       GPtrArray       *live)
{
  g_autoptr(ClipperAnchorText) text = NULL;
  g_autoptr(GPtrArray) carried = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  text = clipper_anchor_text_new_from_html (clipper_clipping_get_content (clipping));
  for (guint i = 0; i < live->len; i++)
    {
      ClipperHighlight *pending = g_ptr_array_index (live, i);
      ClipperHighlight *highlight = clipper_highlight_new ();
      ClipperSelector quote = {
        (char *)clipper_highlight_get_exact (pending),
        (char *)clipper_highlight_get_prefix (pending),
        (char *)clipper_highlight_get_suffix (pending),
        -1, -1,
      };
      gint64 start, end;

      clipper_highlight_set_clipping_id (highlight, clipping_id);
      clipper_highlight_set_color (highlight, clipper_highlight_get_color (pending));

      if (clipper_anchor_locate (text, &quote, &start, &end) != CLIPPER_ANCHOR_ORPHAN)
        {
          g_autoptr(ClipperSelector) found = clipper_selector_new (text, start, end);

          clipper_highlight_set_selector (highlight, found);
        }
      else
        {
          clipper_highlight_set_exact (highlight, quote.exact);
          clipper_highlight_set_prefix (highlight, quote.prefix);
          clipper_highlight_set_suffix (highlight, quote.suffix);
          clipper_highlight_set_orphaned (highlight, TRUE);
        }

      g_ptr_array_add (carried, highlight);
    }

  /* The clipping is saved either way, and the caller keeps the live
   * highlights until a clip carries them. */
  if (!clipper_store_add_highlights (store, carried, &error))
    {
      g_warning ("Could not keep the page's highlights: %s", error->message);
      return 0;
    }

  return carried->len;
}

/* In the store's thread: refreshing a page already in the library
 * re-anchors its highlights, which takes a moment on long articles. */
static gpointer
save_job (ClipperStore  *store,
          gpointer       data,
          GError       **error)
{
  SaveRequest *request = data;
  g_autoptr(ClipperClipResult) result = g_new0 (ClipperClipResult, 1);

  if (request->into_id != 0)
    {
      if (!clipper_capture_save_into (store, request->into_id, request->clipping, &result->n_placed, error))
        return NULL;
      result->id = request->into_id;
      result->refreshed = TRUE;
    }
  else if ((result->id = clipper_capture_save (store, request->clipping, request->keep_separate,
                                                &result->refreshed, error)) == 0)
    return NULL;

  if (request->live != NULL && request->live->len > 0)
    result->n_carried = carry_live_highlights (store, request->clipping, result->id, request->live);

  return g_steal_pointer (&result);
}

/* Each stage's error says which stage failed, in @message, keeping its
 * domain and code so that a caller can still tell a cancellation. */
static void
return_stage_error (GTask  *task,
                    GError *error,
                    char   *message)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_free (message);
  else
    {
      g_free (error->message);
      error->message = message;
    }
  g_task_return_error (task, error);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Clip *clip = g_task_get_task_data (task);
  ClipperClipResult *saved;
  GError *error = NULL;

  saved = clipper_store_run_finish (CLIPPER_STORE (object), result, &error);
  if (saved == NULL)
    {
      return_stage_error (task, error, g_strdup_printf (_("The page could not be saved: %s"), error->message));
      return;
    }

  saved->clipping = g_steal_pointer (&clip->clipping);
  saved->n_failed_images = clip->n_failed_images;
  g_task_return_pointer (task, saved, (GDestroyNotify)clipper_clip_result_free);
}

static void
on_images_saved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipperClipController *self = g_task_get_source_object (task);
  Clip *clip = g_task_get_task_data (task);
  g_autoptr(ClipperImageReport) report = NULL;
  GCancellable *cancellable;
  SaveRequest *request;
  GError *error = NULL;

  report = clipper_image_saver_save_finish (CLIPPER_IMAGE_SAVER (object), result, &error);
  if (report == NULL)
    {
      return_stage_error (task, error, g_strdup_printf (_("The page could not be saved: %s"), error->message));
      return;
    }

  clipper_clipping_set_content (clip->clipping, report->html);
  clip->n_failed_images = report->failed;

  request = g_new0 (SaveRequest, 1);
  request->clipping = g_object_ref (clip->clipping);
  request->keep_separate = (clip->flags & CLIPPER_CLIP_FLAGS_KEEP_SEPARATE) != 0;
  request->into_id = clip->into_id;
  if (clip->live != NULL && clip->live->len > 0)
    {
      request->live = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < clip->live->len; i++)
        g_ptr_array_add (request->live, clipper_highlight_copy (g_ptr_array_index (clip->live, i)));
    }

  cancellable = g_task_get_cancellable (task);
  clipper_store_run_async (self->store, save_job, request, (GDestroyNotify)save_request_free,
                           (GDestroyNotify)clipper_clip_result_free, cancellable,
                           on_saved_cb, g_steal_pointer (&task));
}

static void
on_captured_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClipperClipController *self = g_task_get_source_object (task);
  Clip *clip = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  clip->clipping = clipper_capture_page_finish (result, &error);
  if (clip->clipping == NULL)
    {
      return_stage_error (task, error, g_strdup_printf (_("The page could not be clipped: %s"), error->message));
      return;
    }

  if (clip->tags != NULL)
    clipper_clipping_set_tags (clip->clipping, (const char * const *)clip->tags);

  cancellable = g_task_get_cancellable (task);
  clipper_image_saver_save_async (self->image_saver, clipper_clipping_get_content (clip->clipping),
                                  clipper_clipping_get_url (clip->clipping), cancellable,
                                  on_images_saved_cb, g_steal_pointer (&task));
}

/**
 * clipper_clip_controller_clip_async:
 * @page: the page's bytes
 * @url: (nullable): where they came from
 * @charset: (nullable): their character set, when a header or the reader
 *   says it; otherwise the page's own declaration decides
 * @tags: (nullable): tags for the clipping
 * @live: (nullable) (element-type ClipperHighlight): highlights made on
 *   the live page, read when the clipping is saved, so that those made
 *   meanwhile go with it too
 *
 * Clips @page into the library.
 */
void
clipper_clip_controller_clip_async (ClipperClipController *self,
                                    GBytes                *page,
                                    const char            *url,
                                    const char            *charset,
                                    const char * const    *tags,
                                    GPtrArray             *live,
                                    ClipperClipFlags       flags,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Clip *clip;

  g_return_if_fail (CLIPPER_IS_CLIP_CONTROLLER (self));
  g_return_if_fail (page != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_clip_controller_clip_async);

  clip = g_new0 (Clip, 1);
  clip->page = g_bytes_ref (page);
  clip->url = g_strdup (url);
  clip->charset = g_strdup (charset);
  clip->tags = g_strdupv ((char **)tags);
  clip->live = live ? g_ptr_array_ref (live) : NULL;
  clip->flags = flags;
  g_task_set_task_data (task, clip, (GDestroyNotify)clip_free);

  clipper_capture_page_async (clip->page, clip->url, clip->charset, cancellable, on_captured_cb,
                              g_steal_pointer (&task));
}

/**
 * clipper_clip_controller_clip_into_async:
 * @id: the clipping to refresh
 * @page: the page's bytes
 * @url: where they came from, which links in the page are taken against
 * @charset: (nullable): their character set, as for
 *   clipper_clip_controller_clip_async()
 *
 * Clips @page into the clipping @id, whatever its address: a page
 * imported as an address gets its text, even when the fetch was
 * redirected. Finish with clipper_clip_controller_clip_finish().
 */
void
clipper_clip_controller_clip_into_async (ClipperClipController *self,
                                         gint64                 id,
                                         GBytes                *page,
                                         const char            *url,
                                         const char            *charset,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Clip *clip;

  g_return_if_fail (CLIPPER_IS_CLIP_CONTROLLER (self));
  g_return_if_fail (id > 0);
  g_return_if_fail (page != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_clip_controller_clip_into_async);

  clip = g_new0 (Clip, 1);
  clip->page = g_bytes_ref (page);
  clip->url = g_strdup (url);
  clip->charset = g_strdup (charset);
  clip->into_id = id;
  g_task_set_task_data (task, clip, (GDestroyNotify)clip_free);

  clipper_capture_page_async (clip->page, clip->url, clip->charset, cancellable, on_captured_cb,
                              g_steal_pointer (&task));
}

/**
 * clipper_clip_controller_clip_finish:
 *
 * Returns: (transfer full): what was saved, or %NULL with @error set,
 *   its message naming the stage that failed
 */
ClipperClipResult *
clipper_clip_controller_clip_finish (ClipperClipController  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (CLIPPER_IS_CLIP_CONTROLLER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

ClipperStore *
clipper_clip_controller_get_store (ClipperClipController *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIP_CONTROLLER (self), NULL);

  return self->store;
}

/* For the limits it applies to pages' images. */
ClipperImageSaver *
clipper_clip_controller_get_image_saver (ClipperClipController *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIP_CONTROLLER (self), NULL);

  return self->image_saver;
}

static void
clipper_clip_controller_constructed (GObject *object)
{
  ClipperClipController *self = CLIPPER_CLIP_CONTROLLER (object);

  G_OBJECT_CLASS (clipper_clip_controller_parent_class)->constructed (object);

  self->image_saver = clipper_image_saver_new (self->store);
}

static void
clipper_clip_controller_dispose (GObject *object)
{
  ClipperClipController *self = CLIPPER_CLIP_CONTROLLER (object);

  g_clear_object (&self->image_saver);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (clipper_clip_controller_parent_class)->dispose (object);
}

static void
clipper_clip_controller_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ClipperClipController *self = CLIPPER_CLIP_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_clip_controller_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ClipperClipController *self = CLIPPER_CLIP_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_clip_controller_class_init (ClipperClipControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = clipper_clip_controller_constructed;
  object_class->dispose = clipper_clip_controller_dispose;
  object_class->get_property = clipper_clip_controller_get_property;
  object_class->set_property = clipper_clip_controller_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLIPPER_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_clip_controller_init (ClipperClipController *self)
{
}

ClipperClipController *
clipper_clip_controller_new (ClipperStore *store)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  return g_object_new (CLIPPER_TYPE_CLIP_CONTROLLER, "store", store, NULL);
}
