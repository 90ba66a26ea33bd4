package io.gatehouse.server.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address, or a CIDR range of them, read strictly: IPv4 as four decimal numbers
 * from 0 to 255 without leading zeros (so {@code 0177.0.0.1}, which some readers take for octal
 * 127.0.0.1, is refused rather than guessed at), IPv6 as RFC 4291 text without a zone, and a
 * prefix length in decimal without leading zeros, at most 32 or 128. An IPv4-mapped IPv6 address
 * ({@code ::ffff:127.0.0.2}) is the IPv4 address it maps, so the two spellings match alike.
 */
record IpRange(byte[] network, int prefix, String text) {

  /** Thrown with a message fit for the caller when the text is not an address or range. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  static IpRange parse(String text) throws Invalid {
    if (text == null || text.isEmpty() || text.length() > 64) {
      throw new Invalid("an address or CIDR range must be 1 to 64 characters");
    }
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = address(address);
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String length = text.substring(slash + 1);
      if (length.isEmpty() || length.length() > 3 || !digits(length) || length.length() > 1 && length.charAt(0) == '0') {
        throw new Invalid("the prefix length must be a decimal number without leading zeros");
      }
      prefix = Integer.parseInt(length);
      if (prefix > bits) {
        throw new Invalid("the prefix length is longer than the " + bits + " bits of an "
            + (bits == 32 ? "IPv4" : "IPv6") + " address" + (address.contains(":") && bits == 32
                ? " (an IPv4-mapped IPv6 range must be written as IPv4)" : ""));
      }
    }
    return new IpRange(mask(bytes, prefix), prefix, text);
  }

  /** The bytes of an address literal: 4 for IPv4 (and IPv4-mapped IPv6), 16 for IPv6. */
  static byte[] address(String text) throws Invalid {
    if (text == null || text.isEmpty()) {
      throw new Invalid("the address is empty");
    }
    if (text.indexOf(':') < 0) {
      return ipv4(text);
    }
    if (text.length() > 45 || text.charAt(0) == '.' || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      throw new Invalid("not an IPv6 address");
    }
    int lastColon = text.lastIndexOf(':');
    if (text.indexOf('.') >= 0) {
      ipv4(text.substring(lastColon + 1)); // the embedded IPv4 part, as strictly as any other
    }
    try {
      // A literal with a colon and only hex digits, colons and dots: never a name lookup.
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      throw new Invalid("not an IPv6 address");
    }
  }

  /** The address of a connected peer as the socket reports it (a zone id dropped), or null. */
  static byte[] peer(String host) {
    if (host == null) {
      return null;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    int zone = bare.indexOf('%');
    try {
      return address(zone < 0 ? bare : bare.substring(0, zone));
    } catch (Invalid e) {
      return null;
    }
  }

  boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    return Arrays.equals(mask(address, prefix), network);
  }

  private static byte[] ipv4(String text) throws Invalid {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new Invalid("an IPv4 address has four decimal numbers separated by dots");
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty() || part.length() > 3 || !digits(part)) {
        throw new Invalid("an IPv4 address has four decimal numbers separated by dots");
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        throw new Invalid("leading zeros in an IPv4 address are ambiguous (octal to some readers)");
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        throw new Invalid("each number of an IPv4 address is at most 255");
      }
      bytes[i] = (byte) value;
    }
    return bytes;
  }

  private static boolean digits(String s) {
    return s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] masked = address.clone();
    for (int i = 0; i < masked.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      masked[i] &= (byte) (keep == 0 ? 0 : 0xFF << (8 - keep));
    }
    return masked;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange r && r.prefix == prefix && Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    return text;
  }

  /** An address as text, the way error messages and the audit trail name it. */
  static String format(byte[] address) {
    try {
      return InetAddress.getByAddress(address).getHostAddress();
    } catch (UnknownHostException e) {
      return "?";
    }
  }
}
