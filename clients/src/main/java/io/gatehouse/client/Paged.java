package io.gatehouse.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A listing read page by page as it is iterated: each page is one request ({@code max_results},
 * {@code page_token}), the next is asked for only when the items of the previous are used up.
 * Each iteration starts again from the first page.
 */
public final class Paged<T> implements Iterable<T> {
  private final Function<String, Page<T>> fetch;

  /** {@code fetch} reads the page of a token (null for the first). */
  public Paged(Function<String, Page<T>> fetch) {
    this.fetch = fetch;
  }

  /** The first page alone. */
  public Page<T> firstPage() {
    return fetch.apply(null);
  }

  /** The page that {@code pageToken} (from a previous page) names. */
  public Page<T> page(String pageToken) {
    return fetch.apply(pageToken);
  }

  /** Every item of every page, read now. */
  public List<T> toList() {
    List<T> all = new ArrayList<>();
    forEach(all::add);
    return all;
  }

  public Stream<T> stream() {
    return StreamSupport.stream(spliterator(), false);
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private Page<T> page = fetch.apply(null);
      private int next;

      @Override
      public boolean hasNext() {
        // An empty page that still has a token is possible: keep reading.
        while (next >= page.items().size() && !page.isLast()) {
          page = fetch.apply(page.nextPageToken());
          next = 0;
        }
        return next < page.items().size();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return page.items().get(next++);
      }
    };
  }
}
