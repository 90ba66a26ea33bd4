package io.gatehouse.server.network;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Where requests come from: the proxies in front of the server (docs/network.md). */
@ConfigMapping(prefix = "gatehouse.network")
public interface NetworkConfig {
  /**
   * Addresses and CIDR ranges of the reverse proxies and load balancers in front of the server.
   * Only a request whose direct peer is one of them has its client address taken from the
   * forwarding header; from anyone else the header is ignored. Empty by default: no proxy.
   */
  Optional<List<String>> trustedProxies();

  /**
   * The header the trusted proxies append the client address to: {@code x-forwarded-for} or
   * {@code forwarded} (RFC 7239). Only that one is read, so a client cannot slip in the other.
   */
  @WithDefault("x-forwarded-for")
  String forwardedHeader();
}
