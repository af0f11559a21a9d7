/* clipper-test-apache.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real WebDAV server for the tests: Apache httpd with mod_dav_fs and
 * Basic authentication, configured in a temporary folder, on a free port
 * of 127.0.0.1. As root, Apache will not run its workers as root: they
 * run as www-data, which owns the served folder.
 */

#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clipper-test-util.h"

typedef struct
{
  char  *dir;
  char  *served;   /* the folder the server serves */
  char  *url;      /* http://127.0.0.1:PORT/dav/ */
  GPid   pid;
} ClipperTestApache;

static inline char *
clipper_test_apache_binary (void)
{
  char *binary = g_find_program_in_path ("apache2");

  if (binary == NULL && g_file_test ("/usr/sbin/apache2", G_FILE_TEST_IS_EXECUTABLE))
    binary = g_strdup ("/usr/sbin/apache2");
  return binary;
}

/* The server goes when the test does, even one that aborts. */
static inline void
clipper_test_die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static inline guint
clipper_test_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static inline void
clipper_test_chown_www_data (const char *path)
{
  struct passwd *www = getpwnam ("www-data");

  if (geteuid () == 0 && www != NULL)
    g_assert_cmpint (chown (path, www->pw_uid, www->pw_gid), ==, 0);
}

static inline gboolean
clipper_test_port_open (gconstpointer data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection =
    g_socket_client_connect_to_host (client, "127.0.0.1", GPOINTER_TO_UINT (data), NULL, NULL);

  return connection != NULL;
}

/* Starts the server; FALSE (and the test skipped) when Apache is not
 * installed, which CI's packages never leave it. */
static inline gboolean
clipper_test_apache_start (ClipperTestApache *apache,
                           const char        *user,
                           const char        *password)
{
  g_autofree char *binary = clipper_test_apache_binary ();
  g_autofree char *conf = NULL;
  g_autofree char *config = NULL;
  g_autofree char *htpasswd = NULL;
  g_autofree char *lock_dir = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autoptr(GError) error = NULL;
  const char *modules = "/usr/lib/apache2/modules";
  guint8 raw[20];
  gsize raw_length = sizeof raw;
  guint port = clipper_test_free_port ();
  const char *argv[6];

  memset (apache, 0, sizeof *apache);
  if (binary == NULL)
    {
      g_test_skip ("Apache httpd (apache2) is not installed");
      return FALSE;
    }

  apache->dir = g_dir_make_tmp ("clipper-dav-XXXXXX", NULL);
  g_assert_cmpint (g_chmod (apache->dir, 0755), ==, 0);
  apache->served = g_build_filename (apache->dir, "dav", NULL);
  lock_dir = g_build_filename (apache->dir, "lock", NULL);
  g_assert_cmpint (g_mkdir (apache->served, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (lock_dir, 0755), ==, 0);
  clipper_test_chown_www_data (apache->served);
  clipper_test_chown_www_data (lock_dir);

  g_checksum_update (sha1, (const guchar *)password, -1);
  g_checksum_get_digest (sha1, raw, &raw_length);
  digest = g_base64_encode (raw, raw_length);
  line = g_strdup_printf ("%s:{SHA}%s\n", user, digest);
  htpasswd = g_build_filename (apache->dir, "htpasswd", NULL);
  g_assert_true (g_file_set_contents (htpasswd, line, -1, NULL));
  g_assert_cmpint (g_chmod (htpasswd, 0644), ==, 0);

  config = g_strdup_printf ("ServerRoot %s\n"
                            "ServerName 127.0.0.1\n"
                            "Listen 127.0.0.1:%u\n"
                            "PidFile %s/httpd.pid\n"
                            "ErrorLog %s/error.log\n"
                            "LogLevel warn\n"
                            "%s"
                            "LoadModule mpm_event_module %s/mod_mpm_event.so\n"
                            "LoadModule authn_core_module %s/mod_authn_core.so\n"
                            "LoadModule authn_file_module %s/mod_authn_file.so\n"
                            "LoadModule auth_basic_module %s/mod_auth_basic.so\n"
                            "LoadModule authz_core_module %s/mod_authz_core.so\n"
                            "LoadModule authz_user_module %s/mod_authz_user.so\n"
                            "LoadModule dav_module %s/mod_dav.so\n"
                            "LoadModule dav_fs_module %s/mod_dav_fs.so\n"
                            "LoadModule alias_module %s/mod_alias.so\n"
                            "DavLockDB %s/DavLock\n"
                            "Alias /dav %s\n"
                            "<Directory %s>\n"
                            "  Dav On\n"
                            "  AuthType Basic\n"
                            "  AuthName \"Clipper tests\"\n"
                            "  AuthUserFile %s\n"
                            "  Require valid-user\n"
                            "</Directory>\n",
                            apache->dir, port, apache->dir, apache->dir,
                            geteuid () == 0 ? "User www-data\nGroup www-data\n" : "",
                            modules, modules, modules, modules, modules, modules, modules, modules, modules, lock_dir,
                            apache->served, apache->served, htpasswd);
  conf = g_build_filename (apache->dir, "httpd.conf", NULL);
  g_assert_true (g_file_set_contents (conf, config, -1, NULL));

  /* A configuration Apache refuses fails here, with its reason. */
  {
    const char *check[] = { binary, "-t", "-f", conf, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status;

    g_assert_true (g_spawn_sync (NULL, (char **)check, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("Apache refused the test configuration: %s", err);
  }

  argv[0] = binary;
  argv[1] = "-f";
  argv[2] = conf;
  argv[3] = "-DFOREGROUND";
  argv[4] = NULL;
  g_assert_true (g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, clipper_test_die_with_parent,
                                NULL, &apache->pid, &error));
  g_assert_no_error (error);
  clipper_test_iterate_until (clipper_test_port_open, GUINT_TO_POINTER (port),
                              "Apache to listen");
  apache->url = g_strdup_printf ("http://127.0.0.1:%u/dav/", port);
  return TRUE;
}

static inline void
clipper_test_apache_stop (ClipperTestApache *apache)
{
  if (apache->pid != 0)
    {
      int status;

      kill (apache->pid, SIGTERM);
      waitpid (apache->pid, &status, 0);
      g_spawn_close_pid (apache->pid);
      apache->pid = 0;
    }
  if (apache->dir != NULL)
    clipper_test_remove_tree (apache->dir);
  g_clear_pointer (&apache->dir, g_free);
  g_clear_pointer (&apache->served, g_free);
  g_clear_pointer (&apache->url, g_free);
}
