package io.gatehouse.server.identity;

import java.util.UUID;

/** Who is asking: a user (email), a group or a service principal (application id). */
public record Principal(UUID id, String name, Type type) {
  public enum Type {
    USER,
    GROUP,
    SERVICE_PRINCIPAL
  }
}
