package io.gatehouse.server.network;

import io.gatehouse.server.common.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The address a request comes from: the direct peer, unless the peer is a trusted proxy; then,
 * walking the forwarding header from its right end (the hop the proxy itself added), the first
 * hop that is not a trusted proxy. Hops to its left could have been written by the client, so
 * they are never read past an untrusted one; a hop that is not an address stops the walk there,
 * unreadable (and refused when the lists are on).
 */
@ApplicationScoped
public class ClientAddress {
  /** The client's address: its bytes (null when unreadable) and how to name it. */
  record Resolved(byte[] address, String text) {}

  private final List<IpRange> proxies;
  private final boolean rfc7239;

  ClientAddress(NetworkConfig config) {
    List<IpRange> ranges = new ArrayList<>();
    for (String proxy : config.trustedProxies().orElse(List.of())) {
      try {
        ranges.add(IpRange.parse(proxy.trim()));
      } catch (IpRange.Invalid e) {
        throw new IllegalArgumentException("gatehouse.network.trusted-proxies: '" + proxy + "': " + e.getMessage());
      }
    }
    this.proxies = List.copyOf(ranges);
    String header = config.forwardedHeader().toLowerCase(Locale.ROOT);
    if (!header.equals("x-forwarded-for") && !header.equals("forwarded")) {
      throw new IllegalArgumentException("gatehouse.network.forwarded-header must be x-forwarded-for or forwarded");
    }
    this.rfc7239 = header.equals("forwarded");
  }

  /** Whether any proxy is trusted: else every request's client is its socket's peer. */
  boolean anyTrusted() {
    return !proxies.isEmpty();
  }

  /** The header to read, lower case. */
  String header() {
    return rfc7239 ? "forwarded" : "x-forwarded-for";
  }

  /** {@code peer} as the socket reports it, {@code headers} the values of {@link #header()} in order. */
  Resolved resolve(String peer, List<String> headers) {
    byte[] direct = IpRange.peer(peer);
    if (direct == null || !trusted(direct) || headers == null || headers.isEmpty()) {
      return new Resolved(direct, direct == null ? String.valueOf(peer) : IpRange.format(direct));
    }
    List<String> hops = new ArrayList<>();
    for (String value : headers) {
      for (String element : value.split(",", -1)) {
        hops.add(rfc7239 ? forwardedFor(element) : element.trim());
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      byte[] hop = hopAddress(hops.get(i));
      if (hop == null) {
        return new Resolved(null, Validation.printable(truncate(hops.get(i))));
      }
      if (!trusted(hop) || i == 0) {
        return new Resolved(hop, IpRange.format(hop));
      }
    }
    return new Resolved(direct, IpRange.format(direct));
  }

  private boolean trusted(byte[] address) {
    for (IpRange proxy : proxies) {
      if (proxy.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** A hop as proxies write it: an address, an IPv4 address with a port, or [IPv6] with or without a port. */
  private static byte[] hopAddress(String hop) {
    if (hop == null || hop.isEmpty()) {
      return null;
    }
    String address = hop;
    if (hop.startsWith("[")) {
      int end = hop.indexOf(']');
      if (end < 0 || !(end == hop.length() - 1 || hop.charAt(end + 1) == ':')) {
        return null;
      }
      address = hop.substring(1, end);
    } else if (hop.indexOf(':') > 0 && hop.indexOf(':') == hop.lastIndexOf(':') && hop.indexOf('.') > 0) {
      address = hop.substring(0, hop.indexOf(':'));
    }
    try {
      return IpRange.address(address);
    } catch (IpRange.Invalid e) {
      return null;
    }
  }

  /** The {@code for} parameter of one element of a Forwarded header, unquoted; "" when it has none. */
  private static String forwardedFor(String element) {
    for (String pair : element.split(";", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase("for")) {
        String value = pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
    }
    return "";
  }

  private static String truncate(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
