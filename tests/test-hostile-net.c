/* test-hostile-net.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `clipper clip URL` against servers that misbehave on purpose: one that
 * drips a byte at a time (page and image), one that closes before its
 * Content-Length, one that declares the wrong charset, and public pages
 * that lead to addresses on this machine. The server is a raw socket
 * server on 127.0.0.1 (and, in a network namespace of the test's own, on
 * a public-looking address), so it can break HTTP in ways SoupServer
 * would not.
 */

#include "config.h"

#include "clipper-test-util.h"

#include <gio/gio.h>
#include <string.h>
#include <gio/gunixinputstream.h>
#include <sys/wait.h>

#define JAPANESE "東京は今日は晴れです。明日は雨が降るでしょう。気温は二十度まで上がり、風は弱いでしょう。"
#define PUBLIC_ADDRESS "198.18.0.1"

static guint16 port;

static void
send_all (GOutputStream *out,
          const char    *text,
          gsize          length)
{
  g_output_stream_write_all (out, text, length, NULL, NULL, NULL);
}

static void
respond (GOutputStream *out,
         const char    *status,
         const char    *headers,
         const char    *body)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %s\r\n%sContent-Length: %zu\r\nConnection: close\r\n\r\n",
                                           status, headers, strlen (body));

  send_all (out, head, strlen (head));
  send_all (out, body, strlen (body));
}

/* One byte every 200 ms, for at most a minute (the client gives up
 * long before, or the test has failed). */
static void
drip (GOutputStream *out,
      const char    *content_type)
{
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
                                           "Content-Length: 100000\r\n\r\n", content_type);

  send_all (out, head, strlen (head));
  for (guint i = 0; i < 300; i++)
    {
      if (g_output_stream_write (out, "<", 1, NULL, NULL) != 1)
        return;
      g_usleep (200 * 1000);
    }
}

static gboolean
on_incoming_cb (GThreadedSocketService *service,
                GSocketConnection      *connection,
                GObject                *source,
                gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (in);
  g_autofree char *request = g_data_input_stream_read_line (data, NULL, NULL, NULL);
  g_auto(GStrv) words = request ? g_strsplit (request, " ", 3) : NULL;
  const char *path = words && words[0] && words[1] ? words[1] : "/";
  char *line;

  /* The rest of the request's head. */
  while ((line = g_data_input_stream_read_line (data, NULL, NULL, NULL)))
    {
      gboolean end = line[0] == '\0' || g_str_equal (line, "\r");

      g_free (line);
      if (end)
        break;
    }

  if (g_str_equal (path, "/drip"))
    drip (out, "text/html");
  else if (g_str_equal (path, "/drip-image"))
    drip (out, "image/png");
  else if (g_str_equal (path, "/page-with-dripping-image"))
    respond (out, "200 OK", "Content-Type: text/html\r\n",
             "<html><head><title>Slow image</title></head><body><article>"
             "<p>A page whose only image never finishes arriving, with enough text to be an article.</p>"
             "<img src=\"/drip-image\"></article></body></html>");
  else if (g_str_equal (path, "/short"))
    {
      /* HTTP/1.0, where libsoup itself takes the close as the end. */
      const char *head = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n";
      const char *body = "<html><head><title>Cut short</title></head><body><p>The beginning";

      send_all (out, head, strlen (head));
      send_all (out, body, strlen (body));
    }
  else if (g_str_equal (path, "/sjis-declared"))
    respond (out, "200 OK", "Content-Type: text/html; charset=shift_jis\r\n",
             "<html><head><title>天気</title></head><body><article><p>" JAPANESE "</p><p>"
             JAPANESE "</p><p>最後の段落。</p></article></body></html>");
  else if (g_str_equal (path, "/secret"))
    respond (out, "200 OK", "Content-Type: text/html\r\n",
             "<html><head><title>Internal secret</title></head><body><p>The router's password is "
             "hunter2.</p></body></html>");
  else if (g_str_equal (path, "/to-loopback"))
    {
      g_autofree char *location = g_strdup_printf ("Location: http://127.0.0.1:%u/secret\r\n", port);

      respond (out, "302 Found", location, "");
    }
  else if (g_str_equal (path, "/to-localhost-name"))
    {
      g_autofree char *location = g_strdup_printf ("Location: http://localhost:%u/secret\r\n", port);

      respond (out, "302 Found", location, "");
    }
  else if (g_str_equal (path, "/page-with-local-image"))
    {
      g_autofree char *body = g_strdup_printf ("<html><head><title>Local image</title></head><body><article>"
                                               "<p>A public page that embeds an image from this machine, and "
                                               "enough words to be an article.</p>"
                                               "<img src=\"http://127.0.0.1:%u/image.png\"></article></body></html>",
                                               port);

      respond (out, "200 OK", "Content-Type: text/html\r\n", body);
    }
  else if (g_str_equal (path, "/image.png"))
    {
      static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89"
                                "\0\0\0\rIDATx\x9c" "c\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84"
                                "\0\0\0\0IEND\xae\x42\x60\x82";
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n"
                                               "Content-Length: %zu\r\n\r\n", sizeof png - 1);

      send_all (out, head, strlen (head));
      send_all (out, png, sizeof png - 1);
    }
  else
    respond (out, "404 Not Found", "Content-Type: text/html\r\n", "<p>Not here</p>");

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
start_server (void)
{
  GSocketService *service;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) any = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (any, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (port != 0)
    return;

  /* On every address of this (possibly private) network namespace. */
  service = g_threaded_socket_service_new (16);
  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (service, "run", G_CALLBACK (on_incoming_cb), NULL);
  g_socket_service_start (service);
}

typedef struct
{
  int     status;
  char   *out;
  char   *err;
  double  seconds;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

typedef struct
{
  GMainLoop *loop;
  int        wait_status;
} Child;

static void
on_child_exit_cb (GPid     pid,
                  int      wait_status,
                  gpointer user_data)
{
  Child *child = user_data;

  child->wait_status = wait_status;
  g_spawn_close_pid (pid);
  g_main_loop_quit (child->loop);
}

/* Runs the CLI with a 2-second fetch deadline. It is killed after 60 s
 * (a hang is a failure, never a stuck suite). The server's threads go
 * on serving meanwhile. */
static void
run_clip (const char *library,
          const char *url,
          Run        *run)
{
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { "timeout", "-s", "KILL", "60", g_getenv ("CLIPPER_BIN"), "clip", url, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Child child = { loop, 0 };
  gint64 started = g_get_monotonic_time ();
  int out_fd, err_fd;
  GPid pid;

  envp = g_environ_setenv (envp, "CLIPPER_LIBRARY", library, TRUE);
  envp = g_environ_setenv (envp, "CLIPPER_FETCH_TIMEOUT", "2", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);

  g_spawn_async_with_pipes (NULL, (char **)argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, &err_fd, &error);
  g_assert_no_error (error);
  g_child_watch_add (pid, on_child_exit_cb, &child);
  g_main_loop_run (loop);

  run->seconds = (g_get_monotonic_time () - started) / 1e6;
  {
    g_autoptr(GInputStream) out = g_unix_input_stream_new (out_fd, TRUE);
    g_autoptr(GInputStream) err = g_unix_input_stream_new (err_fd, TRUE);
    g_autoptr(GOutputStream) out_mem = g_memory_output_stream_new_resizable ();
    g_autoptr(GOutputStream) err_mem = g_memory_output_stream_new_resizable ();

    g_output_stream_splice (out_mem, out, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, NULL);
    g_output_stream_splice (err_mem, err, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, NULL);
    g_output_stream_write (out_mem, "", 1, NULL, NULL);
    g_output_stream_write (err_mem, "", 1, NULL, NULL);
    g_output_stream_close (out_mem, NULL, NULL);
    g_output_stream_close (err_mem, NULL, NULL);
    run->out = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out_mem));
    run->err = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (err_mem));
  }
  g_assert_true (WIFEXITED (child.wait_status));
  run->status = WEXITSTATUS (child.wait_status);
}

typedef struct
{
  char *dir;
  char *library;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("clipper-net-XXXXXX", NULL);
  fixture->library = g_build_filename (fixture->dir, "library.db", NULL);
  start_server ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  clipper_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->library);
}

static char *
url (const char *host,
     const char *path)
{
  return g_strdup_printf ("http://%s:%u%s", host, port, path);
}

/* A server that drips a byte at a time is stopped by the deadline, in
 * the command line too (whose loop is not the global default one). */
static void
test_drip_page (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *address = url ("127.0.0.1", "/drip");
  g_auto(Run) run = { 0 };

  run_clip (fixture->library, address, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "did not answer in time"));
  g_assert_cmpfloat (run.seconds, <, 15);
}

/* An image that drips is given up on; the page is clipped without it. */
static void
test_drip_image (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *address = url ("127.0.0.1", "/page-with-dripping-image");
  g_auto(Run) run = { 0 };

  run_clip (fixture->library, address, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1\n");
  g_assert_nonnull (strstr (run.err, "1 image could not be saved"));
  /* The images' own deadline is longer than the page's. */
  g_assert_cmpfloat (run.seconds, <, 45);
}

/* A body shorter than its Content-Length is a failed transfer. */
static void
test_short_body (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *address = url ("127.0.0.1", "/short");
  g_auto(Run) run = { 0 };

  run_clip (fixture->library, address, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "closed after"));
  g_assert_cmpstr (run.out, ==, "");
}

/* A server that says Shift_JIS and sends UTF-8 loses no text. */
static void
test_wrong_charset (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *address = url ("127.0.0.1", "/sjis-declared");
  g_auto(Run) run = { 0 };
  g_auto(Run) show = { 0 };
  const char *argv[] = { g_getenv ("CLIPPER_BIN"), "--library", fixture->library, "show", "1", NULL };
  int wait_status;

  run_clip (fixture->library, address, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &show.out, &show.err, &wait_status, NULL));
  g_assert_true (g_str_has_prefix (show.out, "天気\n"));
  g_assert_nonnull (strstr (show.out, JAPANESE "\n\n" JAPANESE));
  g_assert_nonnull (strstr (show.out, "最後の段落。"));
}

/* A page the user asks for on this machine may redirect within it. */
static void
test_local_page_may_redirect_locally (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *address = url ("127.0.0.1", "/to-loopback");
  g_auto(Run) run = { 0 };

  run_clip (fixture->library, address, &run);
  g_assert_cmpint (run.status, ==, 0);
}

static gboolean
run_quietly (const char *command)
{
  int status = -1;

  return g_spawn_command_line_sync (command, NULL, NULL, &status, NULL) && g_spawn_check_wait_status (status, NULL);
}

/* A public page (here: a public-looking address on the loopback device of
 * a network namespace of the test's own) may not lead to this machine,
 * by redirect or by image, whether by address or by a name that
 * resolves to it. */
static void
test_public_page_refused_locally (Fixture       *fixture,
                                  gconstpointer  data)
{
  if (g_getenv ("CLIPPER_TEST_IN_NETNS") == NULL)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *command = g_strdup_printf ("env CLIPPER_TEST_IN_NETNS=1 unshare -n '%s' -p %s",
                                                  self, g_test_get_path ());
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = -1;

      if (!run_quietly ("unshare -n true"))
        {
          g_test_skip ("no network namespace can be made here");
          return;
        }
      g_assert_true (g_spawn_command_line_sync (command, &out, &err, &status, NULL));
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("in the namespace:\n%s\n%s", out, err);
      if (strstr (out, "# SKIP"))
        g_test_skip ("the namespace's address could not be set up");
      return;
    }

  if (!run_quietly ("ip link set lo up") || !run_quietly ("ip addr add " PUBLIC_ADDRESS "/32 dev lo"))
    {
      g_test_skip ("the namespace's address could not be set up");
      return;
    }

  {
    g_autofree char *redirect = url (PUBLIC_ADDRESS, "/to-loopback");
    g_autofree char *by_name = url (PUBLIC_ADDRESS, "/to-localhost-name");
    g_autofree char *image_page = url (PUBLIC_ADDRESS, "/page-with-local-image");
    g_autofree char *secret = url (PUBLIC_ADDRESS, "/secret");
    g_auto(Run) refused = { 0 };
    g_auto(Run) refused_by_name = { 0 };
    g_auto(Run) without_image = { 0 };
    g_auto(Run) allowed = { 0 };

    run_clip (fixture->library, redirect, &refused);
    g_assert_cmpint (refused.status, ==, 1);
    g_assert_nonnull (strstr (refused.err, "127.0.0.1"));
    g_assert_nonnull (strstr (refused.err, "local network"));
    g_assert_cmpstr (refused.out, ==, "");

    run_clip (fixture->library, by_name, &refused_by_name);
    g_assert_cmpint (refused_by_name.status, ==, 1);
    g_assert_nonnull (strstr (refused_by_name.err, "local network"));

    run_clip (fixture->library, image_page, &without_image);
    g_assert_cmpint (without_image.status, ==, 0);
    g_assert_nonnull (strstr (without_image.err, "1 image could not be saved"));

    /* The public address itself is fine. */
    run_clip (fixture->library, secret, &allowed);
    g_assert_cmpint (allowed.status, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/clipper/net/drip-page", test_drip_page);
  ADD ("/clipper/net/drip-image", test_drip_image);
  ADD ("/clipper/net/short-body", test_short_body);
  ADD ("/clipper/net/wrong-charset", test_wrong_charset);
  ADD ("/clipper/net/local-page-redirects-locally", test_local_page_may_redirect_locally);
  ADD ("/clipper/net/public-page-refused-locally", test_public_page_refused_locally);
#undef ADD

  return g_test_run ();
}
