/* clipper-markdown-writer.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CommonMark from the document model, with YAML front matter. Text from
 * the page is escaped so that it reads back as the same text; notes are
 * the user's own Markdown and go through as written.
 */

#define G_LOG_DOMAIN "clipper-markdown-writer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "clipper-markdown-writer.h"
#include "clipper-uri.h"

void
clipper_markdown_asset_free (ClipperMarkdownAsset *asset)
{
  if (asset == NULL)
    return;

  g_free (asset->hash);
  g_free (asset->path);
  g_free (asset);
}

/* Backslash-escapes what CommonMark could read as markup. Inline markers
 * are always escaped; block markers only where a line could start. */
static char *
escape_text (const char *text,
             gboolean    line_start)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    {
      char c = *p;

      if (strchr ("\\`*_[]<", c) != NULL ||
          (c == '!' && p[1] == '[') ||
          (c == '&' && (p[1] == '#' || g_ascii_isalpha (p[1]))) ||
          ((c == '~' || c == '=') && p[1] == c))
        g_string_append_c (out, '\\');
      else if (line_start && strchr ("#+->=", c) != NULL)
        g_string_append_c (out, '\\');
      else if (line_start && g_ascii_isdigit (c))
        {
          const char *q = p;

          while (g_ascii_isdigit (*q))
            q++;
          if (*q == '.' || *q == ')')
            {
              g_string_append_len (out, p, q - p);
              g_string_append_c (out, '\\');
              p = q;
              c = *p;
            }
        }

      g_string_append_c (out, c);
      line_start = (c == '\n');
      if (line_start)
        {
          /* Leading spaces could make an indented code block. */
          while (p[1] == ' ')
            p++;
        }
    }

  return g_string_free (out, FALSE);
}

char *
clipper_markdown_escape (const char *text)
{
  return escape_text (text, TRUE);
}

static void
append_yaml_string (GString    *out,
                    const char *name,
                    const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;

  /* "  -" makes a list item, anything else a key. */
  g_string_append_printf (out, g_str_has_suffix (name, "-") ? "%s \"" : "%s: \"", name);
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if ((guchar)*p < 0x20)
        g_string_append_printf (out, "\\x%02x", (guchar)*p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append (out, "\"\n");
}

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* A stable id: the same clipping exports with the same id every time. */
static char *
stable_id (ClipperClipping *clipping)
{
  g_autofree char *key = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, clipper_clipping_get_url (clipping) ?: "",
                                          clipper_clipping_get_clipped_at (clipping));
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_strdup_printf ("clipper-%.16s", hash);
}

static void
append_front_matter (GString         *out,
                     ClipperDocument *document)
{
  ClipperClipping *clipping = document->clipping;
  const char * const *tags = clipper_clipping_get_tags (clipping);
  g_autofree char *clipped = format_date (clipper_clipping_get_clipped_at (clipping));
  g_autofree char *id = stable_id (clipping);
  g_autofree char *site = clipper_clipping_dup_display_site (clipping);

  g_string_append (out, "---\n");
  append_yaml_string (out, "title", clipper_clipping_get_title (clipping));
  append_yaml_string (out, "author", clipper_clipping_get_byline (clipping));
  append_yaml_string (out, "site", site);
  append_yaml_string (out, "url", clipper_clipping_get_url (clipping));
  append_yaml_string (out, "published", clipper_clipping_get_published (clipping));
  append_yaml_string (out, "clipped", clipped);
  if (tags[0] != NULL)
    {
      g_string_append (out, "tags:\n");
      for (guint i = 0; tags[i]; i++)
        append_yaml_string (out, "  -", tags[i]);
    }
  append_yaml_string (out, "id", id);
  g_string_append (out, "---\n\n");
}

static void
append_citation (GString         *out,
                 ClipperDocument *document)
{
  ClipperClipping *clipping = document->clipping;
  g_autofree char *title = clipper_markdown_escape (clipper_clipping_get_title (clipping));
  g_autofree char *site = clipper_clipping_dup_display_site (clipping);
  g_autofree char *site_escaped = clipper_markdown_escape (site);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *url = clipper_clipping_get_url (clipping);

  g_string_append_printf (out, "# %s\n\n", title);

  if (clipper_clipping_get_byline (clipping))
    g_ptr_array_add (parts, clipper_markdown_escape (clipper_clipping_get_byline (clipping)));
  if (site[0] != '\0')
    {
      if (url != NULL && (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")))
        g_ptr_array_add (parts, g_strdup_printf ("[%s](<%s>)", site_escaped, url));
      else
        g_ptr_array_add (parts, g_strdup (site_escaped));
    }
  if (clipper_clipping_get_published (clipping))
    {
      g_autofree char *published = clipper_clipping_dup_published_day (clipping);

      /* Translators: the date an article was published, in a citation */
      g_ptr_array_add (parts, g_strdup_printf (_("published %s"), published));
    }
  {
    g_autofree char *clipped = format_date (clipper_clipping_get_clipped_at (clipping));

    if (clipped != NULL)
      {
        clipped[10] = '\0';
        /* Translators: the date an article was clipped, in a citation */
        g_ptr_array_add (parts, g_strdup_printf (_("clipped %s"), clipped));
      }
  }
  g_ptr_array_add (parts, NULL);

  {
    g_autofree char *line = g_strjoinv (" · ", (char **)parts->pdata);

    g_string_append_printf (out, "%s\n\n", line);
  }

  if (document->note != NULL)
    g_string_append_printf (out, "%s\n\n", document->note);
}

/* Prefixes every line of @text with @prefix. */
static void
append_prefixed (GString    *out,
                 const char *prefix,
                 const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *bare = g_strchomp (g_strdup (prefix));

  /* No trailing spaces on empty lines. */
  for (guint i = 0; lines[i]; i++)
    g_string_append_printf (out, "%s%s\n", lines[i][0] ? prefix : bare, lines[i]);
}

static char *
code_span (const char *text)
{
  guint longest = 0;
  guint run = 0;
  g_autofree char *fence = NULL;
  gboolean pad;

  for (const char *p = text; *p; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  fence = g_strnfill (longest + 1, '`');
  pad = text[0] == '`' || (text[0] && text[strlen (text) - 1] == '`');
  return g_strdup_printf ("%s%s%s%s%s", fence, pad ? " " : "", text, pad ? " " : "", fence);
}

static gboolean
same_highlights (GArray *a,
                 GArray *b)
{
  /* An empty GArray may have no data at all. */
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (gint64)) == 0);
}

typedef struct
{
  GString         *out;
  ClipperDocument *document;
  const ClipperMarkdownOptions *options;
  GPtrArray       *footnotes;   /* ClipperHighlight with notes, in order */
} Writer;

static int
footnote_number (Writer           *writer,
                 ClipperHighlight *highlight)
{
  for (guint i = 0; i < writer->footnotes->len; i++)
    if (g_ptr_array_index (writer->footnotes, i) == highlight)
      return i + 1;

  g_ptr_array_add (writer->footnotes, highlight);
  return writer->footnotes->len;
}

/* Inline text: runs merged where they look the same, markers outside the
 * spaces at their edges (CommonMark ignores "* text*"). */
static void
append_runs (Writer       *writer,
             ClipperBlock *block,
             gboolean      mark_highlights)
{
  GString *out = writer->out;

  for (guint i = 0; i < block->runs->len; )
    {
      ClipperRun *first = g_ptr_array_index (block->runs, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *escaped = NULL;
      g_autofree char *body = NULL;
      const char *lead_end;
      const char *trail_start;
      gboolean marked;
      guint j;

      if (first->flags & CLIPPER_RUN_BREAK)
        {
          g_string_append (out, "\\\n");
          i++;
          continue;
        }
      if (first->flags & CLIPPER_RUN_CELL)
        {
          g_string_append (out, " | ");
          i++;
          continue;
        }

      for (j = i; j < block->runs->len; j++)
        {
          ClipperRun *run = g_ptr_array_index (block->runs, j);

          if (run->flags != first->flags || g_strcmp0 (run->href, first->href) != 0 ||
              !same_highlights (run->highlights, first->highlights))
            break;
          g_string_append (text, run->text);
        }

      marked = mark_highlights && first->highlights->len > 0;

      lead_end = text->str;
      while (*lead_end == ' ')
        lead_end++;
      trail_start = text->str + text->len;
      while (trail_start > lead_end && trail_start[-1] == ' ')
        trail_start--;

      g_string_append_len (out, text->str, lead_end - text->str);

      if (trail_start > lead_end)
        {
          g_autofree char *core = g_strndup (lead_end, trail_start - lead_end);

          if (first->flags & CLIPPER_RUN_CODE)
            body = code_span (core);
          else
            {
              /* Block markers only matter where the line starts. */
              gboolean line_start = out->len == 0 || out->str[out->len - 1] == '\n';

              escaped = escape_text (core, line_start);
              body = g_steal_pointer (&escaped);
            }

          if (first->flags & CLIPPER_RUN_STRONG)
            {
              g_autofree char *wrapped = g_strdup_printf ("**%s**", body);
              g_free (body);
              body = g_steal_pointer (&wrapped);
            }
          if ((first->flags & CLIPPER_RUN_EMPHASIS) ||
              (marked && writer->options->marks == CLIPPER_MARK_EMPHASIS &&
               !(first->flags & CLIPPER_RUN_EMPHASIS)))
            {
              g_autofree char *wrapped = g_strdup_printf ("*%s*", body);
              g_free (body);
              body = g_steal_pointer (&wrapped);
            }
          if (marked && writer->options->marks == CLIPPER_MARK_HIGHLIGHT)
            {
              g_autofree char *wrapped = g_strdup_printf ("==%s==", body);
              g_free (body);
              body = g_steal_pointer (&wrapped);
            }
          if (first->href != NULL)
            {
              g_autofree char *wrapped = g_strdup_printf ("[%s](<%s>)", body, first->href);
              g_free (body);
              body = g_steal_pointer (&wrapped);
            }

          g_string_append (out, body);

          /* A note goes where its highlight ends. */
          for (guint k = 0; mark_highlights && k < first->highlights->len; k++)
            {
              gint64 id = g_array_index (first->highlights, gint64, k);
              ClipperHighlight *highlight = clipper_document_find_highlight (writer->document, id);
              gboolean ends_here = TRUE;

              if (j < block->runs->len)
                {
                  ClipperRun *next = g_ptr_array_index (block->runs, j);

                  for (guint m = 0; m < next->highlights->len; m++)
                    if (g_array_index (next->highlights, gint64, m) == id)
                      ends_here = FALSE;
                }

              if (ends_here && highlight && clipper_highlight_get_note (highlight))
                g_string_append_printf (out, "[^%d]", footnote_number (writer, highlight));
            }
        }

      g_string_append (out, trail_start);
      i = j;
    }
}

static char *
asset_link (Writer       *writer,
            ClipperBlock *block,
            GPtrArray    *assets)
{
  const char *hash = clipper_uri_get_resource_hash (block->src);

  if (writer->options->assets_dir == NULL || hash == NULL)
    {
      if (block->original_src)
        return g_strdup (block->original_src);
      return g_str_has_prefix (block->src, "clipper:") ? NULL : g_strdup (block->src);
    }

  if (assets != NULL)
    {
      ClipperMarkdownAsset *asset = g_new0 (ClipperMarkdownAsset, 1);

      asset->hash = g_strdup (hash);
      asset->path = g_strdup_printf ("%s/%s", writer->options->assets_dir, hash);
      g_ptr_array_add (assets, asset);
    }
  return g_strdup_printf ("%s/%s", writer->options->assets_dir, hash);
}

static void
append_block (Writer       *writer,
              ClipperBlock *block,
              GPtrArray    *assets)
{
  g_autoptr(GString) line = g_string_new (NULL);
  GString *saved = writer->out;
  g_autofree char *quote_prefix = NULL;
  GString *prefix = g_string_new (NULL);

  for (int i = 0; i < block->quote_depth; i++)
    g_string_append (prefix, "> ");
  quote_prefix = g_string_free (prefix, FALSE);

  writer->out = line;
  switch (block->type)
    {
    case CLIPPER_BLOCK_HEADING:
      {
        g_autofree char *hashes = g_strnfill (CLAMP (block->level, 2, 6), '#');

        g_string_append_printf (line, "%s ", hashes);
        append_runs (writer, block, writer->options->content == CLIPPER_EXPORT_ARTICLE);
        /* A heading is one line. */
        g_strdelimit (line->str, "\n", ' ');
      }
      break;

    case CLIPPER_BLOCK_LIST_ITEM:
      {
        g_autofree char *indent = g_strnfill ((MAX (block->level, 1) - 1) * 4, ' ');

        if (block->continued)
          {
            /* Under the item's own text: as wide as its marker. */
            g_autofree char *marker = block->ordered ? g_strdup_printf ("%d. ", block->number)
                                                     : g_strdup ("- ");

            g_string_append_printf (line, "%s%*s", indent, (int)strlen (marker), "");
          }
        else if (block->ordered)
          g_string_append_printf (line, "%s%d. ", indent, block->number);
        else
          g_string_append_printf (line, "%s- ", indent);
        append_runs (writer, block, writer->options->content == CLIPPER_EXPORT_ARTICLE);
      }
      break;

    case CLIPPER_BLOCK_CODE:
      {
        g_autofree char *code = clipper_document_dup_block_text (block);
        guint longest = 0, run = 0;
        g_autofree char *fence = NULL;

        for (const char *p = code; *p; p++)
          {
            run = *p == '`' ? run + 1 : 0;
            longest = MAX (longest, run);
          }
        fence = g_strnfill (MAX (3, longest + 1), '`');
        g_strchomp (code);
        while (code[0] == '\n')
          memmove (code, code + 1, strlen (code));
        g_string_append_printf (line, "%s\n%s\n%s", fence, code, fence);
      }
      break;

    case CLIPPER_BLOCK_IMAGE:
      {
        g_autofree char *target = asset_link (writer, block, assets);
        g_autofree char *alt = clipper_markdown_escape (block->alt);

        if (target != NULL)
          g_string_append_printf (line, "![%s](<%s>)", alt, target);
      }
      break;

    case CLIPPER_BLOCK_RULE:
      g_string_append (line, "* * *");
      break;

    case CLIPPER_BLOCK_TABLE_ROW:
    case CLIPPER_BLOCK_PARAGRAPH:
    default:
      append_runs (writer, block, writer->options->content == CLIPPER_EXPORT_ARTICLE);
      break;
    }
  writer->out = saved;

  if (line->len > 0)
    {
      append_prefixed (writer->out, quote_prefix, line->str);
      g_string_append (writer->out, "\n");
    }
}

static void
append_highlight_report (Writer    *writer,
                         GPtrArray *highlights,
                         gboolean   orphans)
{
  gboolean any = FALSE;

  for (guint i = 0; i < highlights->len; i++)
    {
      ClipperHighlight *highlight = g_ptr_array_index (highlights, i);
      const char * const *tags = clipper_highlight_get_tags (highlight);
      g_autofree char *quote = NULL;
      g_autoptr(GString) meta = g_string_new (NULL);

      if (clipper_highlight_get_orphaned (highlight) != orphans)
        continue;

      if (!any)
        g_string_append_printf (writer->out, "## %s\n\n",
                                orphans ? _("Highlights no longer in the text") : _("Highlights"));
      any = TRUE;

      quote = clipper_markdown_escape (clipper_highlight_get_exact (highlight));
      g_strstrip (quote);
      append_prefixed (writer->out, "> ", quote);
      g_string_append (writer->out, "\n");

      g_string_append_printf (meta, "*%s*", clipper_highlight_color_label (clipper_highlight_get_color (highlight)));
      for (guint t = 0; tags[t]; t++)
        {
          g_autofree char *tag = clipper_markdown_escape (tags[t]);

          g_string_append_printf (meta, t == 0 ? " · %s" : ", %s", tag);
        }
      g_string_append_printf (writer->out, "%s\n\n", meta->str);

      if (clipper_highlight_get_note (highlight))
        g_string_append_printf (writer->out, "%s\n\n", clipper_highlight_get_note (highlight));
    }
}

/**
 * clipper_markdown_write:
 * @assets: (nullable) (element-type ClipperMarkdownAsset): filled with the
 *   stored images the Markdown links to, when @options asks for files
 */
char *
clipper_markdown_write (ClipperDocument              *document,
                        const ClipperMarkdownOptions *options,
                        GPtrArray                    *assets)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) footnotes = g_ptr_array_new ();
  Writer writer = { out, document, options, footnotes };

  g_return_val_if_fail (document != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!options->no_front_matter)
    append_front_matter (out, document);
  append_citation (out, document);

  if (options->content == CLIPPER_EXPORT_HIGHLIGHTS)
    {
      append_highlight_report (&writer, document->highlights, FALSE);
      append_highlight_report (&writer, document->highlights, TRUE);
    }
  else
    {
      for (guint i = 0; i < document->blocks->len; i++)
        {
          ClipperBlock *block = g_ptr_array_index (document->blocks, i);
          ClipperBlock *next = i + 1 < document->blocks->len ? g_ptr_array_index (document->blocks, i + 1) : NULL;

          append_block (&writer, block, assets);

          /* Items of one list stay together: a tight list. */
          if (next && block->type == CLIPPER_BLOCK_LIST_ITEM && next->type == CLIPPER_BLOCK_LIST_ITEM &&
              next->quote_depth == block->quote_depth && next->ordered == block->ordered &&
              g_str_has_suffix (out->str, "\n\n"))
            g_string_truncate (out, out->len - 1);
        }

      append_highlight_report (&writer, document->highlights, TRUE);

      for (guint i = 0; i < footnotes->len; i++)
        {
          ClipperHighlight *highlight = g_ptr_array_index (footnotes, i);
          g_autofree char *label = g_strdup_printf ("[^%u]: ", i + 1);
          g_auto(GStrv) lines = g_strsplit (clipper_highlight_get_note (highlight), "\n", -1);

          /* Continuation lines of a footnote are indented. */
          for (guint l = 0; lines[l]; l++)
            g_string_append_printf (out, "%s%s\n", l == 0 ? label : "    ", lines[l]);
          g_string_append (out, "\n");
        }
    }

  /* One newline at the end. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
