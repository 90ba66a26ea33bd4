package io.gatehouse.server.identity.scim;

/**
 * A SCIM protocol error (RFC 7644 §3.12): an HTTP status and, for 400s, a {@code scimType}. The
 * message is written for the client, so it never carries a stack trace or server internals.
 */
public final class ScimException extends RuntimeException {
  private final int status;
  private final String scimType;

  private ScimException(int status, String scimType, String message) {
    // No stack trace: these are expected client errors, built often and never logged as bugs.
    super(message, null, false, false);
    this.status = status;
    this.scimType = scimType;
  }

  public int status() {
    return status;
  }

  /** The RFC 7644 {@code scimType}, or null when the status alone says it all (404). */
  public String scimType() {
    return scimType;
  }

  /** The same error with {@code context} (e.g. "Operation 2: ") in front of its message. */
  ScimException withContext(String context) {
    return new ScimException(status, scimType, context + getMessage());
  }

  public static ScimException invalidFilter(String message) {
    return new ScimException(400, "invalidFilter", message);
  }

  public static ScimException invalidPath(String message) {
    return new ScimException(400, "invalidPath", message);
  }

  public static ScimException invalidValue(String message) {
    return new ScimException(400, "invalidValue", message);
  }

  public static ScimException invalidSyntax(String message) {
    return new ScimException(400, "invalidSyntax", message);
  }

  public static ScimException noTarget(String message) {
    return new ScimException(400, "noTarget", message);
  }

  public static ScimException mutability(String message) {
    return new ScimException(400, "mutability", message);
  }

  public static ScimException uniqueness(String message) {
    return new ScimException(409, "uniqueness", message);
  }

  public static ScimException notFound(String message) {
    return new ScimException(404, null, message);
  }

  /** An If-Match version that is no longer current (RFC 7644 §3.14). */
  public static ScimException preconditionFailed(String message) {
    return new ScimException(412, null, message);
  }

  public static ScimException tooMany(String message) {
    return new ScimException(400, "tooMany", message);
  }
}
