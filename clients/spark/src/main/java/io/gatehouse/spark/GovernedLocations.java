package io.gatehouse.spark;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage locations of the governed tables this JVM has loaded. Their files are read only
 * through the catalog; a plan reading a path inside one (or above one) directly is refused by the
 * extension's check, before the storage would refuse it for want of credentials.
 */
public final class GovernedLocations {
  private static final Set<String> LOCATIONS = ConcurrentHashMap.newKeySet();

  private GovernedLocations() {}

  static void add(String location) {
    LOCATIONS.add(normalize(location));
  }

  /** Whether reading {@code path} directly would read a governed table's files. */
  public static boolean covers(String path) {
    String p = normalize(path);
    for (String location : LOCATIONS) {
      if (p.startsWith(location) || location.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** s3, s3a and s3n name the same objects; a trailing slash makes prefixes exact. */
  private static String normalize(String path) {
    String p = path.strip().replaceFirst("^(?i)s3[an]?://", "s3://");
    p = p.toLowerCase(Locale.ROOT).startsWith("s3://") ? p : p;
    return p.endsWith("/") ? p : p + "/";
  }
}
