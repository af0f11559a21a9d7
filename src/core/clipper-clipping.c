/* clipper-clipping.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-clipping"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include <string.h>

#include "clipper-clipping.h"
#include "clipper-uri.h"

struct _ClipperClipping
{
  GObject   parent_instance;

  gint64    id;
  gint64    clipped_at;
  char     *url;
  char     *title;
  char     *byline;
  char     *site_name;
  char     *published;
  char     *excerpt;
  char     *lang;
  char     *dir;
  char     *item_type;
  char     *content;
  char     *text;
  char    **tags;
  gboolean  is_article;
  gboolean  fetched;
  gboolean  archived;
  double    progress;
  guint     highlight_count;
};

G_DEFINE_FINAL_TYPE (ClipperClipping, clipper_clipping, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_TITLE,
  PROP_BYLINE,
  PROP_SITE_NAME,
  PROP_PUBLISHED,
  PROP_EXCERPT,
  PROP_LANG,
  PROP_DIR,
  PROP_ITEM_TYPE,
  PROP_CLIPPED_AT,
  PROP_CONTENT,
  PROP_TEXT,
  PROP_TAGS,
  PROP_IS_ARTICLE,
  PROP_FETCHED,
  PROP_ARCHIVED,
  PROP_PROGRESS,
  PROP_HIGHLIGHT_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrived in GLib 2.76, after our floor. */
static gboolean
set_str (char       **ptr,
         const char  *str)
{
  char *copy;

  if (g_strcmp0 (*ptr, str) == 0)
    return FALSE;

  copy = g_strdup (str);
  g_free (*ptr);
  *ptr = copy;
  return TRUE;
}

static void
clipper_clipping_finalize (GObject *object)
{
  ClipperClipping *self = (ClipperClipping *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->byline, g_free);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->published, g_free);
  g_clear_pointer (&self->excerpt, g_free);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->item_type, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (clipper_clipping_parent_class)->finalize (object);
}

static void
clipper_clipping_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClipperClipping *self = CLIPPER_CLIPPING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_BYLINE:
      g_value_set_string (value, self->byline);
      break;

    case PROP_SITE_NAME:
      g_value_set_string (value, self->site_name);
      break;

    case PROP_PUBLISHED:
      g_value_set_string (value, self->published);
      break;

    case PROP_EXCERPT:
      g_value_set_string (value, self->excerpt);
      break;

    case PROP_LANG:
      g_value_set_string (value, self->lang);
      break;

    case PROP_DIR:
      g_value_set_string (value, self->dir);
      break;

    case PROP_ITEM_TYPE:
      g_value_set_string (value, self->item_type);
      break;

    case PROP_CLIPPED_AT:
      g_value_set_int64 (value, self->clipped_at);
      break;

    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_IS_ARTICLE:
      g_value_set_boolean (value, self->is_article);
      break;

    case PROP_FETCHED:
      g_value_set_boolean (value, self->fetched);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_HIGHLIGHT_COUNT:
      g_value_set_uint (value, self->highlight_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_clipping_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ClipperClipping *self = CLIPPER_CLIPPING (object);

  switch (prop_id)
    {
    case PROP_ID:
      clipper_clipping_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_URL:
      clipper_clipping_set_url (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      clipper_clipping_set_title (self, g_value_get_string (value));
      break;

    case PROP_BYLINE:
      clipper_clipping_set_byline (self, g_value_get_string (value));
      break;

    case PROP_SITE_NAME:
      clipper_clipping_set_site_name (self, g_value_get_string (value));
      break;

    case PROP_PUBLISHED:
      clipper_clipping_set_published (self, g_value_get_string (value));
      break;

    case PROP_EXCERPT:
      clipper_clipping_set_excerpt (self, g_value_get_string (value));
      break;

    case PROP_LANG:
      clipper_clipping_set_lang (self, g_value_get_string (value));
      break;

    case PROP_DIR:
      clipper_clipping_set_dir (self, g_value_get_string (value));
      break;

    case PROP_ITEM_TYPE:
      clipper_clipping_set_item_type (self, g_value_get_string (value));
      break;

    case PROP_CLIPPED_AT:
      clipper_clipping_set_clipped_at (self, g_value_get_int64 (value));
      break;

    case PROP_CONTENT:
      clipper_clipping_set_content (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      clipper_clipping_set_text (self, g_value_get_string (value));
      break;

    case PROP_TAGS:
      clipper_clipping_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_IS_ARTICLE:
      clipper_clipping_set_is_article (self, g_value_get_boolean (value));
      break;

    case PROP_FETCHED:
      clipper_clipping_set_fetched (self, g_value_get_boolean (value));
      break;

    case PROP_ARCHIVED:
      clipper_clipping_set_archived (self, g_value_get_boolean (value));
      break;

    case PROP_PROGRESS:
      clipper_clipping_set_progress (self, g_value_get_double (value));
      break;

    case PROP_HIGHLIGHT_COUNT:
      clipper_clipping_set_highlight_count (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_clipping_class_init (ClipperClippingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clipper_clipping_finalize;
  object_class->get_property = clipper_clipping_get_property;
  object_class->set_property = clipper_clipping_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BYLINE] =
    g_param_spec_string ("byline", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SITE_NAME] =
    g_param_spec_string ("site-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PUBLISHED] =
    g_param_spec_string ("published", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXCERPT] =
    g_param_spec_string ("excerpt", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LANG] =
    g_param_spec_string ("lang", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DIR] =
    g_param_spec_string ("dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * ClipperClipping:item-type:
   *
   * What extraction took the page for, as a CSL item type ("webpage",
   * "article-newspaper", "post-weblog", "article-magazine"); the citation
   * starts from it.
   */
  properties[PROP_ITEM_TYPE] =
    g_param_spec_string ("item-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIPPED_AT] =
    g_param_spec_int64 ("clipped-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* FALSE when no article was found and the clipping is the whole page. */
  properties[PROP_IS_ARTICLE] =
    g_param_spec_boolean ("is-article", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* FALSE for a page imported as an address, whose text is still to be
   * fetched. */
  properties[PROP_FETCHED] =
    g_param_spec_boolean ("fetched", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Kept, searchable, out of the Library's list. */
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How far it was read: 0 unread, 1 to the end. */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* As the library read it; lists show it without loading highlights. */
  properties[PROP_HIGHLIGHT_COUNT] =
    g_param_spec_uint ("highlight-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_clipping_init (ClipperClipping *self)
{
  self->tags = g_new0 (char *, 1);
  self->is_article = TRUE;
  self->fetched = TRUE;
}

ClipperClipping *
clipper_clipping_new (void)
{
  return g_object_new (CLIPPER_TYPE_CLIPPING, NULL);
}

gint64
clipper_clipping_get_id (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), 0);

  return self->id;
}

void
clipper_clipping_set_id (ClipperClipping *self,
                         gint64           id)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

const char *
clipper_clipping_get_url (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->url;
}

void
clipper_clipping_set_url (ClipperClipping *self,
                          const char      *url)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->url, url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

const char *
clipper_clipping_get_title (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->title;
}

void
clipper_clipping_set_title (ClipperClipping *self,
                            const char      *title)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
clipper_clipping_get_byline (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->byline;
}

void
clipper_clipping_set_byline (ClipperClipping *self,
                             const char      *byline)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->byline, byline))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYLINE]);
}

const char *
clipper_clipping_get_site_name (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->site_name;
}

void
clipper_clipping_set_site_name (ClipperClipping *self,
                                const char      *site_name)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->site_name, site_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE_NAME]);
}

const char *
clipper_clipping_get_published (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->published;
}

void
clipper_clipping_set_published (ClipperClipping *self,
                                const char      *published)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->published, published))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
}

const char *
clipper_clipping_get_excerpt (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->excerpt;
}

void
clipper_clipping_set_excerpt (ClipperClipping *self,
                              const char      *excerpt)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->excerpt, excerpt))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXCERPT]);
}

const char *
clipper_clipping_get_lang (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->lang;
}

void
clipper_clipping_set_lang (ClipperClipping *self,
                           const char      *lang)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->lang, lang))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

const char *
clipper_clipping_get_dir (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->dir;
}

void
clipper_clipping_set_dir (ClipperClipping *self,
                          const char      *dir)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->dir, dir))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIR]);
}

const char *
clipper_clipping_get_item_type (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->item_type;
}

void
clipper_clipping_set_item_type (ClipperClipping *self,
                                const char      *item_type)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->item_type, item_type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_TYPE]);
}

gint64
clipper_clipping_get_clipped_at (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), 0);

  return self->clipped_at;
}

void
clipper_clipping_set_clipped_at (ClipperClipping *self,
                                 gint64           clipped_at)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (self->clipped_at != clipped_at)
    {
      self->clipped_at = clipped_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIPPED_AT]);
    }
}

const char *
clipper_clipping_get_content (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->content;
}

void
clipper_clipping_set_content (ClipperClipping *self,
                              const char      *content)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->content, content))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

const char *
clipper_clipping_get_text (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return self->text;
}

void
clipper_clipping_set_text (ClipperClipping *self,
                           const char      *text)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (set_str (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char * const *
clipper_clipping_get_tags (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return (const char * const *)self->tags;
}

void
clipper_clipping_set_tags (ClipperClipping    *self,
                           const char * const *tags)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (tags == NULL && self->tags[0] == NULL)
    return;

  if (tags != NULL && g_strv_equal ((const char * const *)self->tags, tags))
    return;

  g_strfreev (self->tags);
  self->tags = tags ? g_strdupv ((char **)tags) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/* The site name when the page gave one, else the host of its address:
 * how a clipping's site is shown and listed. */
char *
clipper_site_display_name (const char *site_name,
                           const char *url)
{
  g_autofree char *scheme = NULL;
  char *host;

  if (site_name != NULL && site_name[0] != '\0')
    return g_strdup (site_name);

  if ((host = clipper_uri_dup_site_host (url)) != NULL)
    return host;

  scheme = url ? g_uri_parse_scheme (url) : NULL;
  if (g_strcmp0 (scheme, "file") == 0)
    return g_strdup (_("Local file"));

  return g_strdup ("");
}

char *
clipper_clipping_dup_display_site (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  return clipper_site_display_name (self->site_name, self->url);
}

char *
clipper_clipping_format_clipped_at (ClipperClipping *self)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  dt = g_date_time_new_from_unix_local (self->clipped_at);
  if (dt == NULL)
    return g_strdup ("");

  /* Translators: a date as in “28 Nov 2026”, see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

/**
 * clipper_clipping_format_published:
 *
 * The day the article was published, for people (“4 Mar 2025”), or as
 * the page gave it when it is not a date; %NULL when unknown.
 */
char *
clipper_clipping_format_published (ClipperClipping *self)
{
  g_autofree char *day = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int year, month, mday;

  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  if (!(day = clipper_clipping_dup_published_day (self)))
    return NULL;

  if (sscanf (day, "%4d-%2d-%2d", &year, &month, &mday) == 3 &&
      (dt = g_date_time_new_local (year, month, mday, 0, 0, 0)) != NULL)
    /* Translators: a date as in “28 Nov 2026”, see g_date_time_format() */
    return g_date_time_format (dt, _("%-d %b %Y"));

  return g_steal_pointer (&day);
}

gboolean
clipper_clipping_get_is_article (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), FALSE);

  return self->is_article;
}

void
clipper_clipping_set_is_article (ClipperClipping *self,
                                 gboolean         is_article)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  is_article = !!is_article;
  if (self->is_article != is_article)
    {
      self->is_article = is_article;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ARTICLE]);
    }
}

gboolean
clipper_clipping_get_fetched (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), FALSE);

  return self->fetched;
}

void
clipper_clipping_set_fetched (ClipperClipping *self,
                              gboolean         fetched)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  fetched = !!fetched;
  if (self->fetched != fetched)
    {
      self->fetched = fetched;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHED]);
    }
}

gboolean
clipper_clipping_get_archived (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), FALSE);

  return self->archived;
}

void
clipper_clipping_set_archived (ClipperClipping *self,
                               gboolean         archived)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  archived = !!archived;
  if (self->archived != archived)
    {
      self->archived = archived;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
    }
}

double
clipper_clipping_get_progress (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), 0.0);

  return self->progress;
}

void
clipper_clipping_set_progress (ClipperClipping *self,
                               double           progress)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  progress = CLAMP (progress, 0.0, 1.0);
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
}

guint
clipper_clipping_get_highlight_count (ClipperClipping *self)
{
  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), 0);

  return self->highlight_count;
}

void
clipper_clipping_set_highlight_count (ClipperClipping *self,
                                      guint            count)
{
  g_return_if_fail (CLIPPER_IS_CLIPPING (self));

  if (self->highlight_count != count)
    {
      self->highlight_count = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_COUNT]);
    }
}

/**
 * clipper_clipping_dup_published_day:
 *
 * The day the article was published, as YYYY-MM-DD when the date was
 * read as one, else the date as the page gave it; %NULL when unknown.
 */
char *
clipper_clipping_dup_published_day (ClipperClipping *self)
{
  const char *published;

  g_return_val_if_fail (CLIPPER_IS_CLIPPING (self), NULL);

  published = clipper_clipping_get_published (self);
  if (published == NULL || published[0] == '\0')
    return NULL;

  /* Never cut through a character of a date that is free text. */
  if (strlen (published) >= 10 && g_ascii_isdigit (published[0]) && g_ascii_isdigit (published[3]) &&
      published[4] == '-' && g_ascii_isdigit (published[5]) && published[7] == '-' &&
      g_ascii_isdigit (published[8]) && g_ascii_isdigit (published[9]))
    return g_strndup (published, 10);

  return g_strdup (published);
}
