package io.gatehouse.server.catalog;

import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A storage URL in one canonical spelling, {@code scheme://authority/path} without a trailing
 * slash, so that prefix comparisons between locations mean what they say.
 */
public record StorageLocation(String scheme, String authority, String path) {
  public static final int MAX_LENGTH = 2048;
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

  public static StorageLocation parse(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      throw GatehouseException.invalid("Field '" + field + "' is required.");
    }
    if (raw.length() > MAX_LENGTH) {
      throw GatehouseException.invalid("Field '" + field + "' must be at most " + MAX_LENGTH + " characters.");
    }
    if (raw.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw GatehouseException.invalid("Field '" + field + "' must not contain whitespace or control characters.");
    }
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw GatehouseException.invalid(
          "Field '" + field + "' is not a valid URL: '" + Validation.printable(raw) + "'.");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || !SCHEME.matcher(scheme).matches() || uri.isOpaque()) {
      throw GatehouseException.invalid(
          "Field '" + field + "' must be an absolute URL such as s3://bucket/path (got '"
              + Validation.printable(raw) + "').");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw GatehouseException.invalid("Field '" + field + "' must not have a query or fragment.");
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    if (authority.isEmpty() && !scheme.equals("file")) {
      throw GatehouseException.invalid(
          "Field '" + field + "' must name a bucket or container, as in " + scheme + "://bucket/path.");
    }
    StringBuilder path = new StringBuilder();
    for (String segment : (uri.getRawPath() == null ? "" : uri.getRawPath()).split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw GatehouseException.invalid("Field '" + field + "' must not contain '.' or '..' segments.");
      }
      path.append('/').append(segment);
    }
    if (scheme.equals("file") && path.length() == 0) {
      throw GatehouseException.invalid("Field '" + field + "' must name a directory, not the file system root.");
    }
    return new StorageLocation(scheme, authority, path.toString());
  }

  public StorageLocation child(String... segments) {
    StringBuilder p = new StringBuilder(path);
    for (String s : segments) {
      p.append('/').append(s);
    }
    return new StorageLocation(scheme, authority, p.toString());
  }

  /** Every proper prefix of this location on a segment boundary, shortest first. */
  List<String> ancestors() {
    List<String> result = new ArrayList<>();
    String base = scheme + "://" + authority;
    if (!authority.isEmpty() && !path.isEmpty()) {
      result.add(base);
    }
    StringBuilder p = new StringBuilder();
    String[] segments = path.split("/");
    for (int i = 1; i < segments.length - 1; i++) {
      p.append('/').append(segments[i]);
      result.add(base + p);
    }
    return result;
  }

  @Override
  public String toString() {
    return scheme + "://" + authority + path;
  }
}
