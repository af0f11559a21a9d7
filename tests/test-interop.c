/* test-interop.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV reader and writer, and annotations written as W3C Web
 * Annotation JSON-LD, Hypothesis's JSON and Readwise's CSV.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "clipper-anchor.h"
#include "clipper-annotations.h"
#include "clipper-csv.h"
#include "clipper-error.h"
#include "clipper-json.h"
#include "clipper-store.h"
#include "clipper-test-store.h"
#include "clipper-test-util.h"

/* Every record of @text, fields joined with '|', records with '/'. */
static char *
read_all (const char  *text,
          gsize        length,
          GError     **error)
{
  g_autoptr(ClipperCsvReader) reader = clipper_csv_reader_new (text, length, ',');
  g_autoptr(GString) out = g_string_new (NULL);
  GStrv fields;

  while (clipper_csv_reader_next (reader, &fields, error))
    {
      g_autofree char *joined = g_strjoinv ("|", fields);

      if (out->len > 0)
        g_string_append_c (out, '/');
      g_string_append (out, joined);
      g_strfreev (fields);
    }
  if (error != NULL && *error != NULL)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_csv_read (void)
{
  struct { const char *text; const char *wanted; } cases[] = {
    { "a,b,c\n1,2,3\n", "a|b|c/1|2|3" },
    /* CRLF, no line end at the end, empty fields. */
    { "a,b,c\r\n,,\r\nx,,y", "a|b|c/||/x||y" },
    /* A byte order mark is not part of the first field. */
    { "\xef\xbb\xbfURL,Title\nhttps://e.org,T", "URL|Title/https://e.org|T" },
    /* Quotes: delimiters, doubled quotes and line breaks inside. */
    { "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\"\n", "a,b|say \"hi\"|line\nbreak" },
    { "\"\",x\n", "|x" },
    /* Blank lines between records are skipped. */
    { "a\n\n\r\nb\n", "a/b" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = read_all (cases[i].text, strlen (cases[i].text), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, cases[i].wanted);
    }
}

static void
test_csv_lines (void)
{
  const char *text = "h1,h2\n\"multi\nline\",x\nlast,y\n";
  g_autoptr(ClipperCsvReader) reader = clipper_csv_reader_new (text, strlen (text), ',');
  guint lines[] = { 1, 2, 4 };
  GStrv fields;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_assert_true (clipper_csv_reader_next (reader, &fields, NULL));
      g_assert_cmpuint (clipper_csv_reader_get_line (reader), ==, lines[i]);
      g_strfreev (fields);
    }
  g_assert_false (clipper_csv_reader_next (reader, &fields, NULL));
  g_assert_null (fields);
}

static void
test_csv_errors (void)
{
  struct { const char *text; gsize length; const char *line; } cases[] = {
    { "a,b\n\"open,c\nd\n", 0, "Line 2:" },
    { "a,\"x\"y\n", 0, "Line 1:" },
    { "ok\nbad \xff field\n", 0, "Line 2:" },
    { "a,b\nc\0d\n", 8, "Line 2:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].text);
      g_autofree char *got = read_all (cases[i].text, length, &error);

      g_assert_null (got);
      g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
      g_assert_true (g_str_has_prefix (error->message, cases[i].line));
    }
}

/* A field of exactly the limit is read; one byte more is refused, with
 * a line end after it or the end of the file. */
static void
test_csv_field_limit (void)
{
  for (guint extra = 0; extra <= 1; extra++)
    for (guint newline = 0; newline <= 1; newline++)
      {
        gsize length = CLIPPER_CSV_MAX_FIELD + extra;
        g_autofree char *text = g_malloc (length + 2);
        g_autoptr(GError) error = NULL;
        g_autofree char *got = NULL;

        memset (text, 'x', length);
        text[length] = '\n';
        text[length + 1] = '\0';
        got = read_all (text, length + newline, &error);
        if (extra == 0)
          {
            g_assert_no_error (error);
            g_assert_cmpuint (strlen (got), ==, CLIPPER_CSV_MAX_FIELD);
          }
        else
          g_assert_error (error, CLIPPER_ERROR, CLIPPER_ERROR_INVALID_INPUT);
      }
}

static void
test_csv_write (void)
{
  const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines", " padded", "", NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(ClipperCsvReader) reader = NULL;
  g_auto(GStrv) back = NULL;

  clipper_csv_append_record (out, fields, 6);
  g_assert_cmpstr (out->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\r\n");

  reader = clipper_csv_reader_new (out->str, out->len, ',');
  g_assert_true (clipper_csv_reader_next (reader, &back, NULL));
  g_assert_cmpuint (g_strv_length (back), ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (back[i], ==, fields[i]);
}

static void
test_csv_columns (void)
{
  const char *header[] = { "URL", " Title ", "selection", NULL };

  g_assert_cmpint (clipper_csv_find_column (header, "url"), ==, 0);
  g_assert_cmpint (clipper_csv_find_column (header, "Title"), ==, 1);
  g_assert_cmpint (clipper_csv_find_column (header, "Selection"), ==, 2);
  g_assert_cmpint (clipper_csv_find_column (header, "Folder"), ==, -1);
}

/* A library with one clipping whose text has a character outside the
 * Basic Multilingual Plane before the highlights. */
typedef struct
{
  char         *dir;
  ClipperStore *store;
  gint64        id;
} Fixture;

#define ARTICLE "<article><h1>Glaciers</h1><p>Ice \xf0\x9f\xa7\x8a melts: the Rhone glacier lost a third " \
                "of its volume since 1990, the survey says.</p><p>Second paragraph, about snow.</p></article>"

static void
add_highlight (Fixture    *fixture,
               const char *quote,
               const char *color,
               const char *note,
               const char *tag)
{
  clipper_test_add_highlight (fixture->store, fixture->id, quote, color, note, tag);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ClipperClipping) clipping = clipper_clipping_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "ice", NULL };

  fixture->dir = g_dir_make_tmp ("clipper-interop-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = clipper_store_open (path, &error);
  g_assert_no_error (error);

  clipper_clipping_set_url (clipping, "https://news.example/glaciers");
  clipper_clipping_set_title (clipping, "Glaciers, \"melting\"");
  clipper_clipping_set_byline (clipping, "Ana Ruiz");
  clipper_clipping_set_content (clipping, ARTICLE);
  clipper_clipping_set_clipped_at (clipping, 1796256000);
  clipper_clipping_set_tags (clipping, tags);
  fixture->id = clipper_store_add_clipping (fixture->store, clipping, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_set_clipping_note (fixture->store, fixture->id, "Read *twice*.", &error));

  add_highlight (fixture, "the Rhone glacier lost a third", "blue", "Check, the *source*", "evidence");
  add_highlight (fixture, "about snow", "yellow", NULL, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->store);
  clipper_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_annotations (Fixture                 *fixture,
       ClipperAnnotationFormat  format)
{
  g_autoptr(GError) error = NULL;
  char *text = clipper_annotations_write (fixture->store, &fixture->id, 1, format, &error);

  g_assert_no_error (error);
  return text;
}

static JsonNode *
selector_of (JsonNode   *annotation,
             const char *type,
             gboolean    hypothesis)
{
  JsonNode *target = clipper_json_get_member (annotation, "target");
  JsonNode *selectors;

  if (hypothesis)
    target = clipper_json_get_element (target, 0);
  selectors = clipper_json_get_member (target, "selector");
  for (guint i = 0; i < clipper_json_get_length (selectors); i++)
    if (g_strcmp0 (clipper_json_get_member_string (clipper_json_get_element (selectors, i), "type"), type) == 0)
      return clipper_json_get_element (selectors, i);
  return NULL;
}

static gint64
int_member (JsonNode   *node,
            const char *name)
{
  return json_node_get_int (clipper_json_get_member (node, name));
}

/* The text is the article's text nodes end to end, as the DOM's
 * textContent: "GlaciersIce 🧊 melts: the Rhone…". The emoji counts two
 * UTF-16 units, so "the Rhone" starts at 8 + 4 + 2 + 8. */
#define RHONE_START 22

static void
test_w3c (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *text = write_annotations (fixture, CLIPPER_ANNOTATIONS_W3C);
  g_autoptr(JsonNode) root = clipper_json_parse (text, -1, NULL);
  JsonNode *context = clipper_json_get_member (root, "@context");
  JsonNode *items = clipper_json_get_member (clipper_json_get_member (root, "first"), "items");
  JsonNode *page = clipper_json_get_element (items, 0);
  JsonNode *first = clipper_json_get_element (items, 1);
  JsonNode *second = clipper_json_get_element (items, 2);
  JsonNode *position = selector_of (first, "TextPositionSelector", FALSE);
  JsonNode *quote = selector_of (first, "TextQuoteSelector", FALSE);
  JsonNode *body = clipper_json_get_member (first, "body");
  g_autofree char *again = write_annotations (fixture, CLIPPER_ANNOTATIONS_W3C);

  g_assert_nonnull (root);
  g_assert_cmpstr (clipper_json_get_string (clipper_json_get_element (context, 0)), ==,
                   "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (clipper_json_get_member_string (clipper_json_get_element (context, 1), "clipper"), ==,
                   CLIPPER_W3C_NAMESPACE);
  g_assert_cmpstr (clipper_json_get_member_string (root, "type"), ==, "AnnotationCollection");
  g_assert_cmpint (int_member (root, "total"), ==, 3);
  g_assert_cmpuint (clipper_json_get_length (items), ==, 3);

  /* The clipping's note and tags: the page, without a selector. */
  g_assert_cmpstr (clipper_json_get_member_string (page, "motivation"), ==, "commenting");
  g_assert_null (clipper_json_get_member (clipper_json_get_member (page, "target"), "selector"));
  g_assert_cmpstr (clipper_json_get_member_string (clipper_json_get_member (page, "target"), "source"), ==,
                   "https://news.example/glaciers");

  /* A highlight with a note comments; one without only highlights. */
  g_assert_true (g_str_has_prefix (clipper_json_get_member_string (first, "id"), "urn:uuid:"));
  g_assert_cmpstr (clipper_json_get_member_string (first, "type"), ==, "Annotation");
  g_assert_cmpstr (clipper_json_get_member_string (first, "motivation"), ==, "commenting");
  g_assert_cmpstr (clipper_json_get_member_string (second, "motivation"), ==, "highlighting");
  g_assert_cmpstr (clipper_json_get_member_string (first, "clipper:color"), ==, "blue");
  g_assert_cmpstr (clipper_json_get_member_string (clipper_json_get_element (body, 0), "value"), ==,
                   "Check, the *source*");
  g_assert_cmpstr (clipper_json_get_member_string (clipper_json_get_element (body, 0), "format"), ==,
                   "text/markdown");
  g_assert_cmpstr (clipper_json_get_member_string (clipper_json_get_element (body, 1), "purpose"), ==, "tagging");
  g_assert_cmpstr (clipper_json_get_member_string (clipper_json_get_element (body, 1), "value"), ==, "evidence");
  g_assert_cmpstr (clipper_json_get_member_string (quote, "exact"), ==, "the Rhone glacier lost a third");
  g_assert_cmpint (int_member (position, "start"), ==, RHONE_START);
  g_assert_cmpint (int_member (position, "end"), ==, RHONE_START + 30);
  g_assert_true (g_str_has_suffix (clipper_json_get_member_string (quote, "prefix"), "Ice \xf0\x9f\xa7\x8a melts: "));
  g_assert_cmpstr (clipper_json_get_member_string (first, "created"), !=, NULL);

  /* The same highlights, the same ids. */
  g_assert_cmpstr (again, ==, text);
}

static void
test_hypothesis (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *text = write_annotations (fixture, CLIPPER_ANNOTATIONS_HYPOTHESIS);
  g_autoptr(JsonNode) root = clipper_json_parse (text, -1, NULL);
  JsonNode *annotations = clipper_json_get_member (root, "annotations");
  JsonNode *page = clipper_json_get_element (annotations, 0);
  JsonNode *first = clipper_json_get_element (annotations, 1);
  JsonNode *document = clipper_json_get_member (first, "document");

  g_assert_nonnull (clipper_json_get_member_string (root, "export_date"));
  g_assert_cmpuint (clipper_json_get_length (annotations), ==, 3);
  g_assert_cmpstr (clipper_json_get_member_string (page, "text"), ==, "Read *twice*.");
  g_assert_cmpstr (clipper_json_get_string (clipper_json_get_element (clipper_json_get_member (page, "tags"), 0)), ==,
                   "ice");
  g_assert_null (clipper_json_get_member (clipper_json_get_element (clipper_json_get_member (page, "target"), 0),
                                          "selector"));
  g_assert_cmpstr (clipper_json_get_member_string (first, "uri"), ==, "https://news.example/glaciers");
  g_assert_cmpstr (clipper_json_get_member_string (first, "text"), ==, "Check, the *source*");
  g_assert_false (g_str_has_prefix (clipper_json_get_member_string (first, "id"), "urn:"));
  g_assert_cmpstr (clipper_json_get_string (clipper_json_get_element (clipper_json_get_member (document, "title"), 0)),
                   ==, "Glaciers, \"melting\"");
  g_assert_cmpint (int_member (selector_of (first, "TextPositionSelector", TRUE), "start"), ==, RHONE_START);
  g_assert_cmpstr (clipper_json_get_member_string (selector_of (first, "TextQuoteSelector", TRUE), "exact"), ==,
                   "the Rhone glacier lost a third");
}

static void
test_readwise (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *text = write_annotations (fixture, CLIPPER_ANNOTATIONS_READWISE);
  g_autoptr(ClipperCsvReader) reader = clipper_csv_reader_new (text, strlen (text), ',');
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;
  GStrv none;

  g_assert_true (clipper_csv_reader_next (reader, &header, NULL));
  g_assert_true (clipper_csv_reader_next (reader, &first, NULL));
  g_assert_true (clipper_csv_reader_next (reader, &second, NULL));
  g_assert_false (clipper_csv_reader_next (reader, &none, NULL));

  g_assert_cmpstr (header[0], ==, "Highlight");
  g_assert_cmpstr (header[10], ==, "Document tags");
  g_assert_cmpstr (first[clipper_csv_find_column ((const char * const *)header, "Highlight")], ==,
                   "the Rhone glacier lost a third");
  g_assert_cmpstr (first[clipper_csv_find_column ((const char * const *)header, "Book Title")], ==,
                   "Glaciers, \"melting\"");
  g_assert_cmpstr (first[clipper_csv_find_column ((const char * const *)header, "Note")], ==, "Check, the *source*");
  g_assert_cmpstr (first[clipper_csv_find_column ((const char * const *)header, "Color")], ==, "blue");
  g_assert_cmpstr (first[clipper_csv_find_column ((const char * const *)header, "Tags")], ==, "evidence");
  g_assert_cmpstr (first[clipper_csv_find_column ((const char * const *)header, "Location")], ==, "1");
  g_assert_cmpstr (second[clipper_csv_find_column ((const char * const *)header, "Location")], ==, "2");
  g_assert_cmpstr (first[clipper_csv_find_column ((const char * const *)header, "Document tags")], ==, "ice");
  g_assert_cmpstr (first[clipper_csv_find_column ((const char * const *)header, "URL")], ==,
                   "https://news.example/glaciers");
}

static void
test_formats_by_name (void)
{
  ClipperAnnotationFormat format;

  g_assert_true (clipper_annotation_format_from_name ("w3c", &format));
  g_assert_cmpint (format, ==, CLIPPER_ANNOTATIONS_W3C);
  g_assert_true (clipper_annotation_format_from_name ("hypothesis", &format));
  g_assert_cmpint (format, ==, CLIPPER_ANNOTATIONS_HYPOTHESIS);
  g_assert_true (clipper_annotation_format_from_name ("readwise", &format));
  g_assert_cmpint (format, ==, CLIPPER_ANNOTATIONS_READWISE);
  g_assert_false (clipper_annotation_format_from_name ("W3C", &format));
  g_assert_false (clipper_annotation_format_from_name ("", &format));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clipper/interop/csv/read", test_csv_read);
  g_test_add_func ("/clipper/interop/csv/lines", test_csv_lines);
  g_test_add_func ("/clipper/interop/csv/errors", test_csv_errors);
  g_test_add_func ("/clipper/interop/csv/field-limit", test_csv_field_limit);
  g_test_add_func ("/clipper/interop/csv/write", test_csv_write);
  g_test_add_func ("/clipper/interop/csv/columns", test_csv_columns);
  g_test_add_func ("/clipper/interop/formats-by-name", test_formats_by_name);
  g_test_add ("/clipper/interop/w3c", Fixture, NULL, fixture_setup, test_w3c, fixture_teardown);
  g_test_add ("/clipper/interop/hypothesis", Fixture, NULL, fixture_setup, test_hypothesis, fixture_teardown);
  g_test_add ("/clipper/interop/readwise", Fixture, NULL, fixture_setup, test_readwise, fixture_teardown);

  return g_test_run ();
}
