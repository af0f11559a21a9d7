/* clipper-pdf-writer.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Typeset PDF from the document model with cairo and Pango: a title block
 * with the source, the article or a highlight report, highlights as
 * coloured backgrounds with numbered notes at the end, page numbers, a
 * running header, links, an outline and document metadata. Lines are laid
 * out one by one so page breaks never lose or repeat a line.
 */

#define G_LOG_DOMAIN "clipper-pdf-writer"

#include "config.h"

#include <cairo-pdf.h>
#include <cmark.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "clipper-pdf-writer.h"
#include "clipper-uri.h"

#define MARGIN_X     66.0
#define MARGIN_TOP   72.0
#define MARGIN_BOTTOM 66.0
#define BODY_FONT    "Serif 10.5"
#define BODY_SPACING 7.0

typedef struct
{
  cairo_t         *cr;
  cairo_surface_t *surface;
  PangoContext    *context;
  ClipperStore    *store;
  double           width;
  double           height;
  double           y;
  int              page;
  char            *header;          /* running header of the current clipping */
  gboolean         page_started;
  GPtrArray       *notes;           /* ClipperHighlight, numbered from 1 */
  int              outline_parent;
  GError          *error;
} Typesetter;

typedef struct
{
  double r, g, b;
} Color;

static Color
highlight_color (const char *name)
{
  if (g_strcmp0 (name, "green") == 0)
    return (Color) { 0.78, 0.95, 0.80 };
  if (g_strcmp0 (name, "blue") == 0)
    return (Color) { 0.78, 0.87, 0.98 };
  if (g_strcmp0 (name, "pink") == 0)
    return (Color) { 0.99, 0.82, 0.90 };
  if (g_strcmp0 (name, "purple") == 0)
    return (Color) { 0.90, 0.82, 0.96 };
  return (Color) { 1.0, 0.94, 0.60 };
}

static double
measure (Typesetter *t)
{
  return t->width - 2 * MARGIN_X;
}

static void
finish_page (Typesetter *t)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *number = NULL;
  PangoFontDescription *font;
  int w, h;

  if (!t->page_started)
    return;

  font = pango_font_description_from_string ("Sans 8");
  layout = pango_layout_new (t->context);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  cairo_set_source_rgb (t->cr, 0.45, 0.45, 0.45);

  number = g_strdup_printf ("%d", t->page);
  pango_layout_set_text (layout, number, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (t->cr, (t->width - w / (double)PANGO_SCALE) / 2, t->height - MARGIN_BOTTOM / 2);
  pango_cairo_show_layout (t->cr, layout);

  if (t->page > 1 && t->header != NULL)
    {
      pango_layout_set_text (layout, t->header, -1);
      pango_layout_set_width (layout, measure (t) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      cairo_move_to (t->cr, MARGIN_X, MARGIN_TOP / 2 - 6);
      pango_cairo_show_layout (t->cr, layout);
    }

  cairo_show_page (t->cr);
  t->page_started = FALSE;
}

static void
ensure_page (Typesetter *t)
{
  if (t->page_started)
    return;

  t->page++;
  t->page_started = TRUE;
  t->y = MARGIN_TOP;
}

static void
new_page (Typesetter *t)
{
  finish_page (t);
  ensure_page (t);
}

static double
space_left (Typesetter *t)
{
  return t->height - MARGIN_BOTTOM - t->y;
}

static PangoLayout *
make_layout (Typesetter *t,
             const char *font,
             double      width)
{
  PangoLayout *layout = pango_layout_new (t->context);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* Words are not hyphenated: the text copied out of the PDF stays the
 * article's text. */
static void
set_attributes (PangoLayout   *layout,
                PangoAttrList *attributes)
{
  pango_attr_list_insert_before (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attributes);
}

typedef struct
{
  int   start;
  int   end;
  char *uri;
} LinkRange;

static void
link_range_clear (LinkRange *range)
{
  g_free (range->uri);
}

/* Link areas of the lines [first, last] of @layout drawn at (x, y). */
static void
tag_links (Typesetter  *t,
           PangoLayout *layout,
           GArray      *links,
           double       x,
           double       y,
           int          first_line,
           int          last_line)
{
  for (guint i = 0; links && i < links->len; i++)
    {
      LinkRange *range = &g_array_index (links, LinkRange, i);
      g_autoptr(GString) rects = g_string_new (NULL);
      g_autofree char *escaped = NULL;
      g_autofree char *attributes = NULL;
      GSList *lines = pango_layout_get_lines_readonly (layout);
      int index = 0;
      double line_y = y;

      for (GSList *l = lines; l; l = l->next, index++)
        {
          PangoLayoutLine *line = l->data;
          PangoRectangle logical;
          int from = MAX (range->start, line->start_index);
          int to = MIN (range->end, line->start_index + line->length);
          int x_from, x_to;

          pango_layout_line_get_extents (line, NULL, &logical);
          if (index >= first_line && index <= last_line && from < to)
            {
              pango_layout_line_index_to_x (line, from, FALSE, &x_from);
              pango_layout_line_index_to_x (line, to, FALSE, &x_to);
              if (x_to < x_from)
                {
                  int swap = x_from;
                  x_from = x_to;
                  x_to = swap;
                }
              g_string_append_printf (rects, "%g %g %g %g ",
                                      x + x_from / (double)PANGO_SCALE, line_y,
                                      (x_to - x_from) / (double)PANGO_SCALE,
                                      logical.height / (double)PANGO_SCALE);
            }
          if (index >= first_line)
            line_y += logical.height / (double)PANGO_SCALE;
        }

      if (rects->len == 0)
        continue;

      /* Single quotes and backslashes are escaped in tag attributes. */
      {
        GString *uri = g_string_new (NULL);

        for (const char *p = range->uri; *p; p++)
          {
            if (*p == '\'' || *p == '\\')
              g_string_append_c (uri, '\\');
            g_string_append_c (uri, *p);
          }
        escaped = g_string_free (uri, FALSE);
      }
      attributes = g_strdup_printf ("rect=[%s] uri='%s'", rects->str, escaped);
      cairo_tag_begin (t->cr, CAIRO_TAG_LINK, attributes);
      cairo_tag_end (t->cr, CAIRO_TAG_LINK);
    }
}

/* Draws @layout line by line from the cursor, breaking pages between
 * lines; a paragraph never leaves a single line at the foot of a page. */
static void
flow_layout (Typesetter  *t,
             PangoLayout *layout,
             double       x,
             GArray      *links,
             const Color *bar)
{
  PangoLayoutIter *iter;
  int line_count = pango_layout_get_line_count (layout);
  int index = 0;
  int first_on_page = 0;
  double page_top;
  double first_height;

  ensure_page (t);

  iter = pango_layout_get_iter (layout);
  {
    PangoRectangle logical;

    pango_layout_iter_get_line_extents (iter, NULL, &logical);
    first_height = logical.height / (double)PANGO_SCALE;
  }

  /* Orphan control: two lines together, or the whole of a short one. */
  if (space_left (t) < first_height * MIN (2, line_count))
    new_page (t);

  page_top = t->y;
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter) - logical.y;

      if (space_left (t) < logical.height / (double)PANGO_SCALE)
        {
          if (bar)
            {
              cairo_set_source_rgb (t->cr, bar->r * 0.8, bar->g * 0.8, bar->b * 0.6);
              cairo_rectangle (t->cr, x - 10, page_top, 3, t->y - page_top);
              cairo_fill (t->cr);
            }
          tag_links (t, layout, links, x, page_top, first_on_page, index - 1);
          new_page (t);
          page_top = t->y;
          first_on_page = index;
        }

      cairo_set_source_rgb (t->cr, 0.1, 0.1, 0.1);
      cairo_move_to (t->cr, x + logical.x / (double)PANGO_SCALE, t->y + baseline / (double)PANGO_SCALE);
      pango_cairo_show_layout_line (t->cr, line);
      t->y += logical.height / (double)PANGO_SCALE;
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  if (bar)
    {
      cairo_set_source_rgb (t->cr, bar->r * 0.8, bar->g * 0.8, bar->b * 0.6);
      cairo_rectangle (t->cr, x - 10, page_top, 3, t->y - page_top);
      cairo_fill (t->cr);
    }
  tag_links (t, layout, links, x, page_top, first_on_page, index - 1);
}

static int
note_number (Typesetter       *t,
             ClipperHighlight *highlight)
{
  for (guint i = 0; i < t->notes->len; i++)
    if (g_ptr_array_index (t->notes, i) == highlight)
      return i + 1;

  g_ptr_array_add (t->notes, highlight);
  return t->notes->len;
}

/* Pango text and attributes for a block's runs: styles, highlight
 * backgrounds, note numbers where highlights end, and link ranges. */
static void
build_runs (Typesetter      *t,
            ClipperDocument *document,
            ClipperBlock    *block,
            gboolean         mark,
            GString         *text,
            PangoAttrList   *attributes,
            GArray          *links)
{
  for (guint i = 0; i < block->runs->len; i++)
    {
      ClipperRun *run = g_ptr_array_index (block->runs, i);
      int start = text->len;
      int end;

      if (run->flags & CLIPPER_RUN_BREAK)
        {
          g_string_append (text, "\u2028");
          continue;
        }
      if (run->flags & CLIPPER_RUN_CELL)
        {
          g_string_append (text, "  |  ");
          continue;
        }

      g_string_append (text, run->text);
      end = text->len;

      if (run->flags & CLIPPER_RUN_EMPHASIS)
        {
          PangoAttribute *a = pango_attr_style_new (PANGO_STYLE_ITALIC);
          a->start_index = start, a->end_index = end;
          pango_attr_list_insert (attributes, a);
        }
      if (run->flags & CLIPPER_RUN_STRONG)
        {
          PangoAttribute *a = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
          a->start_index = start, a->end_index = end;
          pango_attr_list_insert (attributes, a);
        }
      if (run->flags & CLIPPER_RUN_CODE)
        {
          PangoAttribute *a = pango_attr_family_new ("Monospace");
          a->start_index = start, a->end_index = end;
          pango_attr_list_insert (attributes, a);
        }
      if (run->href != NULL)
        {
          PangoAttribute *a = pango_attr_foreground_new (0x1a00, 0x5f00, 0xb400);
          LinkRange range = { start, end, g_strdup (run->href) };

          a->start_index = start, a->end_index = end;
          pango_attr_list_insert (attributes, a);
          a = pango_attr_underline_new (PANGO_UNDERLINE_SINGLE);
          a->start_index = start, a->end_index = end;
          pango_attr_list_insert (attributes, a);
          g_array_append_val (links, range);
        }

      if (mark && run->highlights->len > 0)
        {
          ClipperHighlight *highlight =
            clipper_document_find_highlight (document, g_array_index (run->highlights, gint64, run->highlights->len - 1));
          Color color = highlight_color (highlight ? clipper_highlight_get_color (highlight) : NULL);
          PangoAttribute *a = pango_attr_background_new (color.r * 65535, color.g * 65535, color.b * 65535);

          a->start_index = start, a->end_index = end;
          pango_attr_list_insert (attributes, a);

          /* The note's number where its highlight ends. */
          for (guint k = 0; k < run->highlights->len; k++)
            {
              gint64 id = g_array_index (run->highlights, gint64, k);
              ClipperHighlight *h = clipper_document_find_highlight (document, id);
              ClipperRun *next = i + 1 < block->runs->len ? g_ptr_array_index (block->runs, i + 1) : NULL;
              gboolean continues = FALSE;

              for (guint m = 0; next && m < next->highlights->len; m++)
                continues |= g_array_index (next->highlights, gint64, m) == id;

              if (h && !continues && clipper_highlight_get_note (h))
                {
                  g_autofree char *number = g_strdup_printf ("%d", note_number (t, h));
                  int number_start = text->len;
                  PangoAttribute *rise = pango_attr_rise_new (4 * PANGO_SCALE);
                  PangoAttribute *scale = pango_attr_scale_new (PANGO_SCALE_X_SMALL);

                  g_string_append (text, number);
                  rise->start_index = scale->start_index = number_start;
                  rise->end_index = scale->end_index = text->len;
                  pango_attr_list_insert (attributes, rise);
                  pango_attr_list_insert (attributes, scale);
                }
            }
        }
    }
}

typedef struct
{
  const guchar *data;
  gsize         length;
  gsize         offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *out,
          unsigned int   length)
{
  PngReader *reader = closure;

  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;

  memcpy (out, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Pixels enough for the measure at print resolution; a larger image is
 * decoded at this size, so a huge one cannot exhaust memory. */
#define MAX_IMAGE_SIDE 2400

static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     gboolean        *scaled)
{
  double scale = MIN (1.0, (double)MAX_IMAGE_SIDE / MAX (width, height));

  *scaled = scale < 1.0;
  if (*scaled)
    gdk_pixbuf_loader_set_size (loader, MAX (1, width * scale), MAX (1, height * scale));
}

/* Decoded by GdkPixbuf (JPEG, GIF, BMP, TIFF, SVG… as far as its loaders
 * go), into cairo's premultiplied ARGB; @as_stored says whether the
 * pixels are the stored image's own, neither scaled nor turned. */
static cairo_surface_t *
decode_image (GBytes   *data,
              gboolean *as_stored)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  cairo_surface_t *surface;
  const guchar *pixels;
  guchar *target;
  int width, height, stride, channels, target_stride;
  gboolean scaled = FALSE;
  gboolean ok;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), &scaled);
  ok = gdk_pixbuf_loader_write_bytes (loader, data, NULL);
  /* Closed either way, or the loader complains when it goes. */
  ok = gdk_pixbuf_loader_close (loader, NULL) && ok;
  if (!ok || gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    return NULL;

  /* The first frame of an animation; orientation as the camera meant it. */
  pixbuf = gdk_pixbuf_apply_embedded_orientation (gdk_pixbuf_loader_get_pixbuf (loader));
  if (pixbuf == NULL || gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB ||
      gdk_pixbuf_get_bits_per_sample (pixbuf) != 8)
    return NULL;
  *as_stored = !scaled && pixbuf == gdk_pixbuf_loader_get_pixbuf (loader);

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_flush (surface);
  target = cairo_image_surface_get_data (surface);
  target_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guchar *in = pixels + (gsize)y * stride;
      guint32 *out = (guint32 *)(gpointer)(target + (gsize)y * target_stride);

      for (int x = 0; x < width; x++, in += channels)
        {
          guint alpha = channels == 4 ? in[3] : 255;

          out[x] = alpha << 24 |
                   (in[0] * alpha / 255) << 16 |
                   (in[1] * alpha / 255) << 8 |
                   (in[2] * alpha / 255);
        }
    }
  cairo_surface_mark_dirty (surface);

  return surface;
}

/* A stored image, or %NULL when it cannot be read: it is named in the
 * text instead. */
static cairo_surface_t *
load_image (Typesetter *t,
            const char *src)
{
  g_autoptr(GBytes) data = NULL;
  g_autofree char *mime = NULL;
  cairo_surface_t *surface;
  PngReader reader = { 0 };

  const char *hash = clipper_uri_get_resource_hash (src);

  if (t->store == NULL || hash == NULL)
    return NULL;

  data = clipper_store_dup_resource (t->store, hash, &mime, NULL);
  if (data == NULL)
    return NULL;

  if (g_strcmp0 (mime, "image/png") != 0)
    {
      gboolean as_stored = FALSE;

      surface = decode_image (data, &as_stored);

      /* The PDF keeps a JPEG's own bytes rather than the decoded pixels. */
      if (surface != NULL && as_stored && g_strcmp0 (mime, "image/jpeg") == 0)
        cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_JPEG,
                                     g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                                     (cairo_destroy_func_t)g_bytes_unref, g_bytes_ref (data));
      return surface;
    }

  reader.data = g_bytes_get_data (data, &reader.length);
  surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  return surface;
}

static void
draw_image (Typesetter   *t,
            ClipperBlock *block)
{
  cairo_surface_t *image = load_image (t, block->src);
  double width, height, scale;

  if (image == NULL)
    {
      g_autoptr(PangoLayout) layout = make_layout (t, "Sans Italic 9", measure (t));
      g_autofree char *label = g_strdup_printf (_("[Image: %s]"),
                                                block->alt && block->alt[0] ? block->alt
                                                                            : (block->original_src ?: block->src));

      pango_layout_set_text (layout, label, -1);
      flow_layout (t, layout, MARGIN_X, NULL, NULL);
      t->y += BODY_SPACING;
      return;
    }

  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  /* Scaled to the measure, never up, never taller than most of a page. */
  scale = MIN (1.0, measure (t) / width);
  scale = MIN (scale, (t->height - MARGIN_TOP - MARGIN_BOTTOM) * 0.7 / height);

  ensure_page (t);
  if (space_left (t) < height * scale)
    new_page (t);

  cairo_save (t->cr);
  cairo_translate (t->cr, MARGIN_X, t->y);
  cairo_scale (t->cr, scale, scale);
  cairo_set_source_surface (t->cr, image, 0, 0);
  cairo_paint (t->cr);
  cairo_restore (t->cr);
  cairo_surface_destroy (image);

  t->y += height * scale + BODY_SPACING;
}

static void
add_outline (Typesetter *t,
             const char *name,
             int         parent,
             int        *id)
{
  g_autofree char *link = g_strdup_printf ("page=%d pos=[%g %g]", t->page, MARGIN_X, t->y);
  int made = cairo_pdf_surface_add_outline (t->surface, parent, name, link, 0);

  if (id)
    *id = made;
}

static void
draw_block (Typesetter      *t,
            ClipperDocument *document,
            ClipperBlock    *block,
            gboolean         mark)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (LinkRange));
  g_autoptr(PangoLayout) layout = NULL;
  double indent = block->quote_depth * 18.0;
  double x;
  const char *font = BODY_FONT;
  double before = 0;
  double after = BODY_SPACING;

  g_array_set_clear_func (links, (GDestroyNotify)link_range_clear);

  switch (block->type)
    {
    case CLIPPER_BLOCK_IMAGE:
      draw_image (t, block);
      return;

    case CLIPPER_BLOCK_RULE:
      ensure_page (t);
      cairo_set_source_rgb (t->cr, 0.75, 0.75, 0.75);
      cairo_rectangle (t->cr, MARGIN_X + measure (t) / 3, t->y + 6, measure (t) / 3, 0.7);
      cairo_fill (t->cr);
      t->y += 18;
      return;

    case CLIPPER_BLOCK_HEADING:
      font = block->level <= 2 ? "Sans Bold 13" : "Sans Bold 11";
      before = 8;
      after = 5;
      break;

    case CLIPPER_BLOCK_CODE:
      font = "Monospace 8.5";
      indent += 10;
      break;

    case CLIPPER_BLOCK_LIST_ITEM:
      indent += 16.0 * block->level;
      after = 3;
      break;

    case CLIPPER_BLOCK_PARAGRAPH:
    case CLIPPER_BLOCK_TABLE_ROW:
    default:
      break;
    }

  build_runs (t, document, block, mark, text, attributes, links);
  if (text->len == 0)
    return;

  x = MARGIN_X + indent;
  layout = make_layout (t, font, measure (t) - indent);
  pango_layout_set_text (layout, text->str, text->len);
  set_attributes (layout, attributes);
  if (block->type == CLIPPER_BLOCK_CODE)
    pango_layout_set_wrap (layout, PANGO_WRAP_CHAR);
  else
    pango_layout_set_spacing (layout, 2.5 * PANGO_SCALE);

  ensure_page (t);
  t->y += before;

  /* A heading is not left alone at the foot of a page. */
  if (block->type == CLIPPER_BLOCK_HEADING && space_left (t) < 60)
    new_page (t);
  if (block->type == CLIPPER_BLOCK_HEADING)
    {
      g_autofree char *name = clipper_document_dup_block_text (block);

      add_outline (t, name, t->outline_parent, NULL);
    }

  if (block->type == CLIPPER_BLOCK_LIST_ITEM && !block->continued)
    {
      g_autoptr(PangoLayout) marker = make_layout (t, font, 16);
      g_autofree char *label = block->ordered ? g_strdup_printf ("%d.", block->number) : g_strdup ("•");

      if (space_left (t) < 14)
        new_page (t);
      pango_layout_set_text (marker, label, -1);
      cairo_set_source_rgb (t->cr, 0.1, 0.1, 0.1);
      cairo_move_to (t->cr, x - 14, t->y);
      pango_cairo_show_layout (t->cr, marker);
    }

  if (block->quote_depth > 0)
    {
      Color grey = { 0.7, 0.7, 0.8 };

      flow_layout (t, layout, x, links, &grey);
    }
  else
    flow_layout (t, layout, x, links, NULL);

  t->y += after;
}

static void
draw_text (Typesetter *t,
           const char *font,
           const char *text,
           double      x,
           double      after,
           double      gray)
{
  g_autoptr(PangoLayout) layout = make_layout (t, font, measure (t) - (x - MARGIN_X));
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  if (gray > 0)
    pango_attr_list_insert (attributes, pango_attr_foreground_new (gray * 65535, gray * 65535, gray * 65535));
  pango_layout_set_text (layout, text, -1);
  set_attributes (layout, attributes);
  pango_layout_set_spacing (layout, 2 * PANGO_SCALE);
  ensure_page (t);
  flow_layout (t, layout, x, NULL, NULL);
  t->y += after;
}

/* A note's Markdown as Pango markup: emphasis, strong, code, links (their
 * address after the text), lists and paragraphs, read by cmark. */
static char *
markdown_to_markup (const char *markdown)
{
  cmark_node *document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  cmark_iter *iter = cmark_iter_new (document);
  GString *out = g_string_new (NULL);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean enter = event == CMARK_EVENT_ENTER;
      const char *literal = cmark_node_get_literal (node);
      g_autofree char *escaped = literal ? g_markup_escape_text (literal, -1) : NULL;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_HTML_BLOCK:
          g_string_append (out, escaped);
          break;
        case CMARK_NODE_CODE:
          g_string_append_printf (out, "<tt>%s</tt>", escaped);
          break;
        case CMARK_NODE_CODE_BLOCK:
          g_string_append_printf (out, "<tt>%s</tt>\n", escaped);
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, ' ');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_EMPH:
          g_string_append (out, enter ? "<i>" : "</i>");
          break;
        case CMARK_NODE_STRONG:
        case CMARK_NODE_HEADING:
          g_string_append (out, enter ? "<b>" : "</b>");
          if (!enter && cmark_node_get_type (node) == CMARK_NODE_HEADING)
            g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_LINK:
          if (!enter && cmark_node_get_url (node) && cmark_node_get_url (node)[0])
            {
              g_autofree char *url = g_markup_escape_text (cmark_node_get_url (node), -1);

              g_string_append_printf (out, " (%s)", url);
            }
          break;
        case CMARK_NODE_ITEM:
          if (enter)
            {
              cmark_node *list = cmark_node_parent (node);

              if (cmark_node_get_list_type (list) == CMARK_ORDERED_LIST)
                {
                  int number = cmark_node_get_list_start (list);

                  for (cmark_node *before = cmark_node_previous (node); before; before = cmark_node_previous (before))
                    number++;
                  g_string_append_printf (out, "%d. ", number);
                }
              else
                g_string_append (out, "• ");
            }
          break;
        case CMARK_NODE_PARAGRAPH:
          if (!enter)
            g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_THEMATIC_BREAK:
          g_string_append (out, "———\n");
          break;
        case CMARK_NODE_NONE:
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_CUSTOM_INLINE:
        case CMARK_NODE_IMAGE:
        default:
          break;
        }
    }

  cmark_iter_free (iter);
  cmark_node_free (document);

  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* Like draw_text(), for a note written in Markdown. */
static void
draw_markdown (Typesetter *t,
               const char *font,
               const char *prefix,
               const char *markdown,
               double      x,
               double      after)
{
  g_autoptr(PangoLayout) layout = make_layout (t, font, measure (t) - (x - MARGIN_X));
  g_autofree char *escaped_prefix = g_markup_escape_text (prefix ? prefix : "", -1);
  g_autofree char *markup = markdown_to_markup (markdown);
  g_autofree char *full = g_strconcat (escaped_prefix, markup, NULL);

  pango_layout_set_markup (layout, full, -1);
  pango_layout_set_spacing (layout, 2 * PANGO_SCALE);
  ensure_page (t);
  flow_layout (t, layout, x, NULL, NULL);
  t->y += after;
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

/* Title, byline, site and dates, the source link, tags and the note. */
static void
draw_title_block (Typesetter      *t,
                  ClipperDocument *document)
{
  ClipperClipping *clipping = document->clipping;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *site = clipper_clipping_dup_display_site (clipping);
  g_autofree char *clipped = format_day (clipper_clipping_get_clipped_at (clipping));
  g_autofree char *line = NULL;
  const char *url = clipper_clipping_get_url (clipping);
  const char * const *tags = clipper_clipping_get_tags (clipping);

  ensure_page (t);
  add_outline (t, clipper_clipping_get_title (clipping), CAIRO_PDF_OUTLINE_ROOT, &t->outline_parent);

  draw_text (t, "Sans Bold 19", clipper_clipping_get_title (clipping), MARGIN_X, 8, 0);

  if (clipper_clipping_get_byline (clipping))
    g_ptr_array_add (parts, g_strdup (clipper_clipping_get_byline (clipping)));
  if (site[0])
    g_ptr_array_add (parts, g_strdup (site));
  if (clipper_clipping_get_published (clipping))
    {
      g_autofree char *day = clipper_clipping_dup_published_day (clipping);

      g_ptr_array_add (parts, g_strdup_printf (_("published %s"), day));
    }
  /* A report was never clipped. */
  if (clipper_clipping_get_clipped_at (clipping) > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("clipped %s"), clipped));
  g_ptr_array_add (parts, NULL);
  line = g_strjoinv (" · ", (char **)parts->pdata);
  if (line[0] != '\0')
    draw_text (t, "Sans 9", line, MARGIN_X, 3, 0.4);

  if (url && (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")))
    {
      g_autoptr(PangoLayout) layout = make_layout (t, "Sans 8.5", measure (t));
      g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (LinkRange));
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();
      PangoAttribute *blue = pango_attr_foreground_new (0x1a00, 0x5f00, 0xb400);
      LinkRange range = { 0, (int)strlen (url), g_strdup (url) };

      g_array_set_clear_func (links, (GDestroyNotify)link_range_clear);
      g_array_append_val (links, range);
      pango_attr_list_insert (attributes, blue);
      pango_layout_set_text (layout, url, -1);
      set_attributes (layout, attributes);
      pango_layout_set_wrap (layout, PANGO_WRAP_CHAR);
      flow_layout (t, layout, MARGIN_X, links, NULL);
      t->y += 3;
    }

  if (tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **)tags);
      g_autofree char *label = g_strdup_printf (_("Tags: %s"), joined);

      draw_text (t, "Sans 8.5", label, MARGIN_X, 3, 0.4);
    }

  ensure_page (t);
  cairo_set_source_rgb (t->cr, 0.8, 0.8, 0.8);
  cairo_rectangle (t->cr, MARGIN_X, t->y + 6, measure (t), 0.6);
  cairo_fill (t->cr);
  t->y += 18;

  if (document->note != NULL)
    {
      draw_text (t, "Sans Bold 10", _("Note"), MARGIN_X, 2, 0);
      draw_markdown (t, BODY_FONT, NULL, document->note, MARGIN_X, 12);
    }
}

static void
draw_report (Typesetter      *t,
             ClipperDocument *document,
             gboolean         orphans)
{
  gboolean any = FALSE;

  for (guint i = 0; i < document->highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (document->highlights, i);
      const char * const *tags = clipper_highlight_get_tags (highlight);
      g_autoptr(PangoLayout) quote = NULL;
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();
      g_autoptr(GString) meta = g_string_new (NULL);
      Color color = highlight_color (clipper_highlight_get_color (highlight));
      PangoAttribute *background;
      const char *exact = clipper_highlight_get_exact (highlight);

      if (clipper_highlight_get_orphaned (highlight) != orphans)
        continue;

      if (!any)
        {
          ClipperBlock heading = { .type = CLIPPER_BLOCK_HEADING, .level = 2 };
          ClipperRun run = { (char *)(orphans ? _("Highlights no longer in the text") : _("Highlights")), 0, NULL, NULL };

          heading.runs = g_ptr_array_new ();
          run.highlights = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_ptr_array_add (heading.runs, &run);
          draw_block (t, document, &heading, FALSE);
          g_array_unref (run.highlights);
          g_ptr_array_unref (heading.runs);
        }
      any = TRUE;

      quote = make_layout (t, BODY_FONT, measure (t) - 14);
      pango_layout_set_text (quote, exact, -1);
      background = pango_attr_background_new (color.r * 65535, color.g * 65535, color.b * 65535);
      pango_attr_list_insert (attributes, background);
      set_attributes (quote, attributes);
      pango_layout_set_spacing (quote, 2.5 * PANGO_SCALE);
      flow_layout (t, quote, MARGIN_X + 14, NULL, &color);
      t->y += 3;

      g_string_append (meta, clipper_highlight_color_label (clipper_highlight_get_color (highlight)));
      for (guint k = 0; tags[k]; k++)
        g_string_append_printf (meta, k == 0 ? " · %s" : ", %s", tags[k]);
      draw_text (t, "Sans 8", meta->str, MARGIN_X + 14, 3, 0.4);

      if (clipper_highlight_get_note (highlight))
        draw_markdown (t, "Sans 9.5", NULL, clipper_highlight_get_note (highlight), MARGIN_X + 14, 4);

      t->y += 8;
    }
}

static void
draw_notes (Typesetter      *t,
            ClipperDocument *document)
{
  if (t->notes->len == 0)
    return;

  t->y += 10;
  draw_text (t, "Sans Bold 11", _("Notes"), MARGIN_X, 4, 0);
  for (guint i = 0; i < t->notes->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (t->notes, i);
      g_autofree char *prefix = g_strdup_printf ("%u. “%s” — ", i + 1, clipper_highlight_get_exact (highlight));

      draw_markdown (t, "Sans 9", prefix, clipper_highlight_get_note (highlight), MARGIN_X, 4);
    }
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  Typesetter *t = closure;

  /* After a failed write the rest is dropped but reported as written:
   * cairo 1.16's PDF surface crashes in finish() on a write error. The
   * caller sees t->error and throws the file away. */
  if (t->error == NULL)
    g_output_stream_write_all (g_object_get_data (G_OBJECT (t->context), "stream"),
                               data, length, NULL, NULL, &t->error);

  return CAIRO_STATUS_SUCCESS;
}

/**
 * clipper_pdf_write:
 * @documents: (element-type ClipperDocument): each starts a new page
 * @store: (nullable): where stored images are read from
 *
 * Typesets @documents as one PDF into @stream.
 */
gboolean
clipper_pdf_write (GPtrArray            *documents,
                   ClipperStore         *store,
                   ClipperExportContent  content,
                   ClipperPaper          paper,
                   GOutputStream        *stream,
                   GError              **error)
{
  Typesetter t = { 0 };
  PangoFontMap *font_map;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  cairo_status_t status;

  g_return_val_if_fail (documents != NULL && documents->len > 0, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  t.width = paper == CLIPPER_PAPER_LETTER ? 612 : 595.276;
  t.height = paper == CLIPPER_PAPER_LETTER ? 792 : 841.89;
  t.store = store;
  t.notes = g_ptr_array_new ();

  font_map = pango_cairo_font_map_new ();
  t.context = pango_font_map_create_context (font_map);
  g_object_unref (font_map);
  g_object_set_data (G_OBJECT (t.context), "stream", stream);

  t.surface = cairo_pdf_surface_create_for_stream (write_to_stream, &t, t.width, t.height);
  t.cr = cairo_create (t.surface);
  pango_cairo_update_context (t.cr, t.context);

  {
    ClipperDocument *first = g_ptr_array_index (documents, 0);
    ClipperClipping *clipping = first->clipping;

    cairo_pdf_surface_set_metadata (t.surface, CAIRO_PDF_METADATA_TITLE,
                                    documents->len == 1 ? clipper_clipping_get_title (clipping) : _("Clippings"));
    if (clipper_clipping_get_byline (clipping) && documents->len == 1)
      cairo_pdf_surface_set_metadata (t.surface, CAIRO_PDF_METADATA_AUTHOR, clipper_clipping_get_byline (clipping));
    cairo_pdf_surface_set_metadata (t.surface, CAIRO_PDF_METADATA_SUBJECT,
                                    content == CLIPPER_EXPORT_HIGHLIGHTS ? _("Highlights and notes")
                                    : clipper_clipping_get_clipped_at (clipping) == 0 ? _("Report")
                                                                                      : _("Article with highlights and notes"));
    cairo_pdf_surface_set_metadata (t.surface, CAIRO_PDF_METADATA_CREATOR, "Clipper " PACKAGE_VERSION);
    cairo_pdf_surface_set_metadata (t.surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata (t.surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  }

  for (guint d = 0; d < documents->len; d++)
    {
      ClipperDocument *document = g_ptr_array_index (documents, d);
      g_autofree char *site = clipper_clipping_dup_display_site (document->clipping);

      if (d > 0)
        finish_page (&t);

      g_free (t.header);
      t.header = site[0] ? g_strdup_printf ("%s — %s", clipper_clipping_get_title (document->clipping), site)
                         : g_strdup (clipper_clipping_get_title (document->clipping));
      g_ptr_array_set_size (t.notes, 0);

      draw_title_block (&t, document);

      if (content == CLIPPER_EXPORT_HIGHLIGHTS)
        {
          draw_report (&t, document, FALSE);
          draw_report (&t, document, TRUE);
        }
      else
        {
          for (guint i = 0; i < document->blocks->len; i++)
            draw_block (&t, document, g_ptr_array_index (document->blocks, i), TRUE);
          draw_notes (&t, document);
          draw_report (&t, document, TRUE);
        }
    }

  finish_page (&t);
  cairo_destroy (t.cr);
  cairo_surface_finish (t.surface);
  status = cairo_surface_status (t.surface);
  cairo_surface_destroy (t.surface);
  g_object_unref (t.context);
  g_ptr_array_unref (t.notes);
  g_free (t.header);

  if (t.error != NULL)
    {
      g_propagate_error (error, t.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not make the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
