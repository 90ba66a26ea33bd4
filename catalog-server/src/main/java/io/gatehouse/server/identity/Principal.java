package io.gatehouse.server.identity;

/** Who is asking: a user (email), a group or a service principal (application id). */
public record Principal(String name, Type type) {
  public enum Type {
    USER,
    GROUP,
    SERVICE_PRINCIPAL
  }

  /** The single admin that acts for every request until authentication is wired in. */
  public static final Principal BUILTIN_ADMIN = new Principal("admin", Type.USER);
}
