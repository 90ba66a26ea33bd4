package io.gatehouse.server.network;

import java.util.List;

/**
 * The enabled IP access lists of the workspace, compiled: a BLOCK match refuses; with any ALLOW
 * list enabled, an address outside all of them is refused; with the setting off, nothing is.
 * Immutable; {@link IpAccessLists} swaps in a new one when a list or the setting changes.
 */
record IpAccessPolicy(boolean enabled, List<IpRange> allow, List<IpRange> block) {
  static final IpAccessPolicy OFF = new IpAccessPolicy(false, List.of(), List.of());

  /** Why {@code address} (null when unreadable) may not call, or null when it may. */
  String refusal(byte[] address) {
    if (!enabled) {
      return null;
    }
    if (address == null) {
      return "its address cannot be read";
    }
    for (IpRange range : block) {
      if (range.contains(address)) {
        return "it is on a BLOCK list (" + range + ")";
      }
    }
    if (allow.isEmpty()) {
      return null;
    }
    for (IpRange range : allow) {
      if (range.contains(address)) {
        return null;
      }
    }
    return "it is on no ALLOW list";
  }
}
