/* test-image-saver.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Images saved for offline reading, from a local SoupServer and from
 * disk: good images, things that are not images, oversized and slow ones.
 */

#include "config.h"

#include "clipper-test-util.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "clipper-image-saver.h"

static char *base;
static GBytes *png;

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/photo.png") || g_str_equal (path, "/same-photo.png"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    }
  else if (g_str_equal (path, "/disguised.jpg"))
    {
      /* An image by its bytes, whatever the server says. */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    }
  else if (g_str_equal (path, "/script.png"))
    {
      const char *body = "<script>alert(1)</script>";

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, body, strlen (body));
    }
  else if (g_str_equal (path, "/huge.png"))
    {
      gsize size = 2 * 1024 * 1024;
      char *body = g_malloc0 (size);

      memcpy (body, "\x89PNG\r\n\x1a\n", 8);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_TAKE, body, size);
    }
  else if (g_str_equal (path, "/slow.png"))
    soup_server_message_pause (msg);
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ClipperImageReport **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = clipper_image_saver_save_finish (CLIPPER_IMAGE_SAVER (object), result, &error);
  g_assert_no_error (error);
}

static void
test_save (void)
{
  g_autofree char *dir = g_dir_make_tmp ("clipper-images-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *local = g_test_build_filename (G_TEST_DIST, "fixtures", "images", "lazy.png", NULL);
  g_autofree char *local_uri = g_filename_to_uri (local, NULL, NULL);
  g_autofree char *html = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *mime = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = clipper_store_open (path, &error);
  g_autoptr(ClipperImageSaver) saver = NULL;
  g_autoptr(GBytes) stored = NULL;
  ClipperImageReport *report = NULL;

  g_assert_no_error (error);
  saver = clipper_image_saver_new (store);
  clipper_image_saver_set_limits (saver, 1024 * 1024, 10 * 1024 * 1024, 2);

  html = g_strdup_printf ("<p>Text</p>"
                          "<img src=\"%sphoto.png\" alt=\"one\">"
                          "<img src=\"%sphoto.png\" alt=\"again\">"
                          "<img src=\"%ssame-photo.png\" alt=\"same bytes\">"
                          "<img src=\"%sdisguised.jpg\" alt=\"disguised\">"
                          "<img src=\"%sscript.png\" alt=\"script\">"
                          "<img src=\"%shuge.png\" alt=\"huge\">"
                          "<img src=\"%sslow.png\" alt=\"slow\">"
                          "<img src=\"%smissing.png\" alt=\"missing\">"
                          "<img src=\"%s\" alt=\"local\">"
                          "<img src=\"http://127.0.0.1:1/refused.png\" alt=\"refused\">",
                          base, base, base, base, base, base, base, base, local_uri);

  clipper_image_saver_save_async (saver, html, NULL, NULL, on_saved_cb, &report);
  clipper_test_iterate_until (clipper_test_pointer_set, &report, "the images to be saved");

  g_test_message ("%s", report->html);
  g_assert_cmpuint (report->saved, ==, 5);
  g_assert_cmpuint (report->failed, ==, 5);

  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, png);
  expected = g_strdup_printf ("<img src=\"clipper://resource/%s\" alt=\"one\" data-original-src=\"%sphoto.png\">", hash, base);
  g_assert_nonnull (strstr (report->html, expected));
  g_assert_nonnull (strstr (report->html, "<p>Text</p>"));

  stored = clipper_store_dup_resource (store, hash, &mime, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime, ==, "image/png");
  g_assert_true (g_bytes_equal (stored, png));

  /* Failures keep their address and say why. */
  g_assert_nonnull (strstr (report->html, "script.png\" alt=\"script\" title=\"Not saved for offline reading: it is not an image\""));
  g_assert_nonnull (strstr (report->html, "huge.png\" alt=\"huge\" title=\"Not saved for offline reading: it is too large\""));
  g_assert_nonnull (strstr (report->html, "slow.png\" alt=\"slow\" title=\"Not saved for offline reading: it did not arrive in time\""));
  g_assert_nonnull (strstr (report->html, "missing.png\" alt=\"missing\" title=\"Not saved for offline reading: the server answered 404\""));
  g_assert_nonnull (strstr (report->html, "refused.png\" alt=\"refused\" title="));
  /* The local image is stored; its old address is kept only as a record. */
  {
    g_autofree char *record = g_strdup_printf ("data-original-src=\"%s\"", local_uri);
    g_autofree char *as_src = g_strdup_printf ("<img src=\"%s\"", local_uri);

    g_assert_nonnull (strstr (report->html, record));
    g_assert_null (strstr (report->html, as_src));
  }

  clipper_image_report_free (report);
  g_clear_object (&saver);
  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

static void
test_sniff (void)
{
  g_assert_cmpstr (clipper_image_saver_sniff ((const guchar *)"\xff\xd8\xff\xe0", 4), ==, "image/jpeg");
  g_assert_cmpstr (clipper_image_saver_sniff ((const guchar *)"GIF89a..", 8), ==, "image/gif");
  g_assert_cmpstr (clipper_image_saver_sniff ((const guchar *)"RIFF\0\0\0\0WEBPVP8 ", 16), ==, "image/webp");
  g_assert_cmpstr (clipper_image_saver_sniff ((const guchar *)"<?xml version=\"1.0\"?><svg/>", 27), ==, "image/svg+xml");
  g_assert_null (clipper_image_saver_sniff ((const guchar *)"<html><svg/></html>", 19));
  g_assert_null (clipper_image_saver_sniff ((const guchar *)"", 0));
  g_assert_null (clipper_image_saver_sniff ((const guchar *)"%PDF-1.4", 8));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *png_path = NULL;
  char *contents;
  gsize length;
  GSList *uris;

  g_test_init (&argc, &argv, NULL);

  png_path = g_test_build_filename (G_TEST_DIST, "fixtures", "images", "hegseth.png", NULL);
  g_assert_true (g_file_get_contents (png_path, &contents, &length, NULL));
  png = g_bytes_new_take (contents, length);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handle_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  g_test_add_func ("/clipper/image-saver/save", test_save);
  g_test_add_func ("/clipper/image-saver/sniff", test_sniff);

  return g_test_run ();
}
