package io.gatehouse.credentials;

import java.util.regex.Pattern;

/**
 * STS's rules for the strings that carry a principal: RoleSessionName and SourceIdentity are 2 to
 * 64 characters of {@code [\w+=,.@-]}; tag keys up to 128 and values up to 256 characters of
 * letters, digits, spaces and {@code _.:/=+-@}. Anything else is replaced, so that an unusual
 * principal name still yields a valid call rather than a refused one.
 */
final class SessionNames {
  private static final Pattern NOT_SESSION = Pattern.compile("[^\\w+=,.@-]");
  private static final Pattern NOT_TAG = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]");

  private SessionNames() {}

  static String sessionName(String principal) {
    String name = NOT_SESSION.matcher(principal).replaceAll("-");
    if (name.length() < 2) {
      name = "gatehouse-" + name;
    }
    return name.length() > 64 ? name.substring(0, 64) : name;
  }

  /** SourceIdentity has the session name's rules; it cannot start with {@code aws:} as ':' is replaced. */
  static String sourceIdentity(String principal) {
    return sessionName(principal);
  }

  static String tagValue(String value) {
    String clean = NOT_TAG.matcher(value).replaceAll("_");
    return clean.length() > 256 ? clean.substring(0, 256) : clean;
  }
}
