/* clipper-net-guard.c
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A public page must not make Clipper reach into the user's machine or
 * network: a redirect or an image address that resolves to loopback,
 * link-local or a private range is refused. The check is on the address
 * each connection actually reaches, so a name that resolves (or
 * rebinds) to such an address is caught as well as a literal one. A page
 * the user asks for on their own machine or LAN still works, links and
 * all.
 */

#define G_LOG_DOMAIN "clipper-net-guard"

#include "config.h"

#include <string.h>

#include "clipper-net-guard.h"

static gboolean
ipv4_is_public (const guint8 *b)
{
  return !(b[0] == 0 ||                                   /* this network */
           b[0] == 10 ||                                  /* private */
           b[0] == 127 ||                                 /* loopback */
           (b[0] == 100 && (b[1] & 0xc0) == 64) ||        /* shared (CGNAT) */
           (b[0] == 169 && b[1] == 254) ||                /* link-local */
           (b[0] == 172 && (b[1] & 0xf0) == 16) ||        /* private */
           (b[0] == 192 && b[1] == 0 && b[2] == 0) ||     /* protocol assignments */
           (b[0] == 192 && b[1] == 168) ||                /* private */
           b[0] >= 224);                                  /* multicast, reserved, broadcast */
}

/**
 * clipper_inet_address_is_public:
 *
 * Whether @address is on the public internet: not loopback, link-local,
 * private (IPv4 ranges, IPv6 unique-local and site-local), shared,
 * multicast, unspecified or reserved. IPv4 inside IPv6 is judged as IPv4.
 */
gboolean
clipper_inet_address_is_public (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);

  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return ipv4_is_public (bytes);

  if (g_inet_address_get_is_any (address) || g_inet_address_get_is_loopback (address) ||
      g_inet_address_get_is_link_local (address) || g_inet_address_get_is_site_local (address) ||
      g_inet_address_get_is_multicast (address))
    return FALSE;

  /* ::ffff:a.b.c.d and the deprecated ::a.b.c.d */
  {
    static const guint8 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
    static const guint8 compatible[12] = { 0 };

    if (memcmp (bytes, mapped, 12) == 0 || memcmp (bytes, compatible, 12) == 0)
      return ipv4_is_public (bytes + 12);
  }

  /* fc00::/7, unique local */
  return (bytes[0] & 0xfe) != 0xfc;
}

void
clipper_net_guard_init (ClipperNetGuard  *guard,
                        ClipperNetPolicy  policy,
                        GCancellable     *cancellable)
{
  guard->policy = policy;
  guard->cancellable = g_object_ref (cancellable);
  guard->refused = NULL;
}

void
clipper_net_guard_clear (ClipperNetGuard *guard)
{
  g_clear_object (&guard->cancellable);
  g_clear_pointer (&guard->refused, g_free);
}

static void
on_network_event_cb (SoupMessage        *message,
                     GSocketClientEvent  event,
                     GIOStream          *connection,
                     ClipperNetGuard    *guard)
{
  g_autoptr(GSocketAddress) remote = NULL;
  GInetAddress *address;
  gboolean is_public;

  /* Through a proxy, the proxy's address says nothing of the page's. */
  if (event == G_SOCKET_CLIENT_PROXY_NEGOTIATING && guard->policy == CLIPPER_NET_UNDECIDED)
    guard->policy = CLIPPER_NET_ANY;

  if (event != G_SOCKET_CLIENT_CONNECTED || !G_IS_SOCKET_CONNECTION (connection))
    return;

  remote = g_socket_connection_get_remote_address (G_SOCKET_CONNECTION (connection), NULL);
  if (!G_IS_INET_SOCKET_ADDRESS (remote))
    return;

  address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));
  is_public = clipper_inet_address_is_public (address);

  switch (guard->policy)
    {
    case CLIPPER_NET_UNDECIDED:
      guard->policy = is_public ? CLIPPER_NET_PUBLIC_ONLY : CLIPPER_NET_ANY;
      break;

    case CLIPPER_NET_PUBLIC_ONLY:
      if (!is_public && guard->refused == NULL)
        {
          guard->refused = g_inet_address_to_string (address);
          g_cancellable_cancel (guard->cancellable);
        }
      break;

    case CLIPPER_NET_ANY:
    default:
      break;
    }
}

/**
 * clipper_net_guard_watch:
 *
 * Checks every connection @message makes against @guard, which must
 * outlive it.
 */
void
clipper_net_guard_watch (ClipperNetGuard *guard,
                         SoupMessage     *message)
{
  g_signal_connect (message, "network-event", G_CALLBACK (on_network_event_cb), guard);
}
