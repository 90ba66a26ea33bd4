package io.gatehouse.client;

import java.util.List;

/** One page of a listing; {@code nextPageToken} is null on the last page. */
public record Page<T>(List<T> items, String nextPageToken) {
  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }

  public boolean isLast() {
    return nextPageToken == null || nextPageToken.isEmpty();
  }
}
