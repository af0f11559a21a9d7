/* clipper-highlight.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "clipper-highlight"

#include "config.h"

#include <glib/gi18n.h>

#include "clipper-highlight.h"

struct _ClipperHighlight
{
  GObject   parent_instance;

  gint64    id;
  gint64    clipping_id;
  gint64    start;
  gint64    end;
  gint64    created_at;
  char     *color;
  char     *exact;
  char     *prefix;
  char     *suffix;
  char     *note;
  char    **tags;
  gboolean  orphaned;
};

G_DEFINE_FINAL_TYPE (ClipperHighlight, clipper_highlight, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIPPING_ID,
  PROP_COLOR,
  PROP_EXACT,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_START,
  PROP_END,
  PROP_NOTE,
  PROP_CREATED_AT,
  PROP_TAGS,
  PROP_ORPHANED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const colors[] = { "yellow", "green", "blue", "pink", "purple", NULL };

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
clipper_highlight_finalize (GObject *object)
{
  ClipperHighlight *self = (ClipperHighlight *)object;

  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->exact, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->suffix, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (clipper_highlight_parent_class)->finalize (object);
}

static void
clipper_highlight_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ClipperHighlight *self = CLIPPER_HIGHLIGHT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CLIPPING_ID:
      g_value_set_int64 (value, self->clipping_id);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_EXACT:
      g_value_set_string (value, self->exact);
      break;

    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;

    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;

    case PROP_START:
      g_value_set_int64 (value, self->start);
      break;

    case PROP_END:
      g_value_set_int64 (value, self->end);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_ORPHANED:
      g_value_set_boolean (value, self->orphaned);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_highlight_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ClipperHighlight *self = CLIPPER_HIGHLIGHT (object);

  switch (prop_id)
    {
    case PROP_ID:
      clipper_highlight_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CLIPPING_ID:
      clipper_highlight_set_clipping_id (self, g_value_get_int64 (value));
      break;

    case PROP_COLOR:
      clipper_highlight_set_color (self, g_value_get_string (value));
      break;

    case PROP_EXACT:
      clipper_highlight_set_exact (self, g_value_get_string (value));
      break;

    case PROP_PREFIX:
      clipper_highlight_set_prefix (self, g_value_get_string (value));
      break;

    case PROP_SUFFIX:
      clipper_highlight_set_suffix (self, g_value_get_string (value));
      break;

    case PROP_START:
      clipper_highlight_set_start (self, g_value_get_int64 (value));
      break;

    case PROP_END:
      clipper_highlight_set_end (self, g_value_get_int64 (value));
      break;

    case PROP_NOTE:
      clipper_highlight_set_note (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      clipper_highlight_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_TAGS:
      clipper_highlight_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_ORPHANED:
      clipper_highlight_set_orphaned (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_highlight_class_init (ClipperHighlightClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clipper_highlight_finalize;
  object_class->get_property = clipper_highlight_get_property;
  object_class->set_property = clipper_highlight_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        -1, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIPPING_ID] =
    g_param_spec_int64 ("clipping-id", NULL, NULL,
                        -1, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXACT] =
    g_param_spec_string ("exact", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PREFIX] =
    g_param_spec_string ("prefix", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUFFIX] =
    g_param_spec_string ("suffix", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_START] =
    g_param_spec_int64 ("start", NULL, NULL,
                        -1, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_END] =
    g_param_spec_int64 ("end", NULL, NULL,
                        -1, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        -1, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* TRUE when the highlight's text is no longer in its clipping. */
  properties[PROP_ORPHANED] =
    g_param_spec_boolean ("orphaned", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_highlight_init (ClipperHighlight *self)
{
  self->tags = g_new0 (char *, 1);
  self->color = g_strdup ("yellow");
}

ClipperHighlight *
clipper_highlight_new (void)
{
  return g_object_new (CLIPPER_TYPE_HIGHLIGHT, NULL);
}

/**
 * clipper_highlight_new_from_fields:
 *
 * A highlight with all its fields at once, as the library reads one: the
 * setters' notifications, a dozen a highlight, were most of the cost of
 * reading a hundred thousand.
 */
ClipperHighlight *
clipper_highlight_new_from_fields (const ClipperHighlightFields *fields)
{
  ClipperHighlight *self = clipper_highlight_new ();

  self->id = fields->id;
  self->clipping_id = fields->clipping_id;
  self->start = fields->start;
  self->end = fields->end;
  self->created_at = fields->created_at;
  self->orphaned = !!fields->orphaned;
  set_str (&self->color, fields->color);
  set_str (&self->exact, fields->exact);
  set_str (&self->prefix, fields->prefix);
  set_str (&self->suffix, fields->suffix);
  set_str (&self->note, fields->note);
  if (fields->tags != NULL)
    {
      g_strfreev (self->tags);
      self->tags = g_strdupv ((char **)fields->tags);
    }
  return self;
}

/**
 * clipper_highlight_copy:
 *
 * Returns: (transfer full): a highlight with the same id, place, colour,
 *   note and tags, for another thread to read while this one changes
 */
ClipperHighlight *
clipper_highlight_copy (ClipperHighlight *self)
{
  ClipperHighlight *copy;

  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), NULL);

  copy = clipper_highlight_new ();
  copy->id = self->id;
  copy->clipping_id = self->clipping_id;
  copy->start = self->start;
  copy->end = self->end;
  copy->created_at = self->created_at;
  /* new() gave it a colour and empty tags already. */
  g_free (copy->color);
  g_strfreev (copy->tags);
  copy->color = g_strdup (self->color);
  copy->exact = g_strdup (self->exact);
  copy->prefix = g_strdup (self->prefix);
  copy->suffix = g_strdup (self->suffix);
  copy->note = g_strdup (self->note);
  copy->tags = g_strdupv (self->tags);
  copy->orphaned = self->orphaned;

  return copy;
}

gint64
clipper_highlight_get_id (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), 0);

  return self->id;
}

void
clipper_highlight_set_id (ClipperHighlight *self,
                          gint64            id)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

gint64
clipper_highlight_get_clipping_id (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), 0);

  return self->clipping_id;
}

void
clipper_highlight_set_clipping_id (ClipperHighlight *self,
                                   gint64            clipping_id)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (self->clipping_id != clipping_id)
    {
      self->clipping_id = clipping_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIPPING_ID]);
    }
}

const char *
clipper_highlight_get_color (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), NULL);

  return self->color;
}

void
clipper_highlight_set_color (ClipperHighlight *self,
                             const char       *color)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (set_str (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
clipper_highlight_get_exact (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), NULL);

  return self->exact;
}

void
clipper_highlight_set_exact (ClipperHighlight *self,
                             const char       *exact)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (set_str (&self->exact, exact))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXACT]);
}

const char *
clipper_highlight_get_prefix (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), NULL);

  return self->prefix;
}

void
clipper_highlight_set_prefix (ClipperHighlight *self,
                              const char       *prefix)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (set_str (&self->prefix, prefix))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFIX]);
}

const char *
clipper_highlight_get_suffix (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), NULL);

  return self->suffix;
}

void
clipper_highlight_set_suffix (ClipperHighlight *self,
                              const char       *suffix)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (set_str (&self->suffix, suffix))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUFFIX]);
}

gint64
clipper_highlight_get_start (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), 0);

  return self->start;
}

void
clipper_highlight_set_start (ClipperHighlight *self,
                             gint64            start)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
}

gint64
clipper_highlight_get_end (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), 0);

  return self->end;
}

void
clipper_highlight_set_end (ClipperHighlight *self,
                           gint64            end)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
}

const char *
clipper_highlight_get_note (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), NULL);

  return self->note;
}

void
clipper_highlight_set_note (ClipperHighlight *self,
                            const char       *note)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (set_str (&self->note, note))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

gint64
clipper_highlight_get_created_at (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), 0);

  return self->created_at;
}

void
clipper_highlight_set_created_at (ClipperHighlight *self,
                                  gint64            created_at)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (self->created_at != created_at)
    {
      self->created_at = created_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
    }
}

const char * const *
clipper_highlight_get_tags (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), NULL);

  return (const char * const *)self->tags;
}

void
clipper_highlight_set_tags (ClipperHighlight   *self,
                            const char * const *tags)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  if (tags == NULL && self->tags[0] == NULL)
    return;
  if (tags != NULL && g_strv_equal ((const char * const *)self->tags, tags))
    return;

  g_strfreev (self->tags);
  self->tags = tags ? g_strdupv ((char **)tags) : g_new0 (char *, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gboolean
clipper_highlight_get_orphaned (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), FALSE);

  return self->orphaned;
}

void
clipper_highlight_set_orphaned (ClipperHighlight *self,
                                gboolean          orphaned)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  orphaned = !!orphaned;
  if (self->orphaned != orphaned)
    {
      self->orphaned = orphaned;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORPHANED]);
    }
}

/* The five highlight colours, in the order the interface offers them. */
const char * const *
clipper_highlight_get_colors (void)
{
  return colors;
}

gboolean
clipper_highlight_is_color (const char *color)
{
  return color != NULL && g_strv_contains (colors, color);
}

const char *
clipper_highlight_color_label (const char *color)
{
  if (g_strcmp0 (color, "yellow") == 0)
    return _("Yellow");
  if (g_strcmp0 (color, "green") == 0)
    return _("Green");
  if (g_strcmp0 (color, "blue") == 0)
    return _("Blue");
  if (g_strcmp0 (color, "pink") == 0)
    return _("Pink");
  if (g_strcmp0 (color, "purple") == 0)
    return _("Purple");
  return color;
}

/* Where the highlight is: its quote, the text around it and its offsets. */
void
clipper_highlight_set_selector (ClipperHighlight      *self,
                                const ClipperSelector *selector)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));
  g_return_if_fail (selector != NULL);

  clipper_highlight_set_exact (self, selector->exact);
  clipper_highlight_set_prefix (self, selector->prefix);
  clipper_highlight_set_suffix (self, selector->suffix);
  clipper_highlight_set_start (self, selector->start);
  clipper_highlight_set_end (self, selector->end);
}
