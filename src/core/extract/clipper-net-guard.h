/* clipper-net-guard.h
 *
 * Copyright 2026 The Clipper authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  CLIPPER_NET_UNDECIDED,   /* the first connection decides: the address the user asked for */
  CLIPPER_NET_ANY,         /* a page on this machine or the LAN: anything it links to */
  CLIPPER_NET_PUBLIC_ONLY, /* a public page: never loopback, link-local or private addresses */
} ClipperNetPolicy;

typedef struct
{
  ClipperNetPolicy  policy;
  GCancellable     *cancellable;   /* cancelled when a connection is refused */
  char             *refused;       /* the address refused, or NULL */
} ClipperNetGuard;

gboolean clipper_inet_address_is_public (GInetAddress     *address);
void     clipper_net_guard_init         (ClipperNetGuard  *guard,
                                         ClipperNetPolicy  policy,
                                         GCancellable     *cancellable);
void     clipper_net_guard_clear        (ClipperNetGuard  *guard);
void     clipper_net_guard_watch        (ClipperNetGuard  *guard,
                                         SoupMessage      *message);

G_END_DECLS
