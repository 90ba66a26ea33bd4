package io.gatehouse.server.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged listing, read from the Unity Catalog query parameters {@code
 * max_results} and {@code page_token}. The token is opaque to clients: it names the kind of
 * listing and the sort key of the last item returned, so a token from another listing, or an
 * edited one, is refused rather than silently restarting the listing.
 */
public record PageRequest(int size, String after) {
  public static final int DEFAULT_SIZE = 100;
  public static final int MAX_SIZE = 1000;

  public static PageRequest parse(String kind, String maxResults, String pageToken) {
    int size = DEFAULT_SIZE;
    if (maxResults != null && !maxResults.isEmpty()) {
      int requested;
      try {
        requested = Integer.parseInt(maxResults.trim());
      } catch (NumberFormatException e) {
        throw GatehouseException.invalid("max_results must be an integer, got '" + clip(maxResults) + "'.");
      }
      if (requested < 0) {
        throw GatehouseException.invalid("max_results must be greater than or equal to 0.");
      }
      size = requested == 0 ? DEFAULT_SIZE : Math.min(requested, MAX_SIZE);
    }
    return new PageRequest(size, decode(kind, pageToken));
  }

  /**
   * Cuts rows fetched with a limit of {@code size + 1} down to one page; the extra row, when
   * present, proves that a next page exists.
   */
  public <T> Slice<T> slice(String kind, List<T> rows, Function<T, String> sortKey) {
    if (rows.size() <= size) {
      return new Slice<>(rows, null);
    }
    List<T> items = rows.subList(0, size);
    return new Slice<>(items, tokenAfter(kind, sortKey.apply(items.get(size - 1))));
  }

  public record Slice<T>(List<T> items, String nextPageToken) {}

  /** The token of the page that follows the item with sort key {@code lastKey} in listing {@code kind}. */
  public static String tokenAfter(String kind, String lastKey) {
    String raw = kind + "|" + lastKey;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String kind, String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("page_token is not a token this server issued.");
    }
    if (!raw.startsWith(kind + "|") || raw.length() == kind.length() + 1) {
      throw GatehouseException.invalid("page_token was not issued for this listing.");
    }
    return raw.substring(kind.length() + 1);
  }

  private static String clip(String s) {
    return s.length() > 32 ? s.substring(0, 32) + "..." : s;
  }
}
