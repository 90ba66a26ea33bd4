package io.gatehouse.server.identity.scim;

import io.gatehouse.server.identity.Principal;

/** The three SCIM resource types Gatehouse serves, and the attribute that names each. */
public enum ScimKind {
  USER(Principal.Type.USER, "User", "Users", "urn:ietf:params:scim:schemas:core:2.0:User", "userName"),
  GROUP(Principal.Type.GROUP, "Group", "Groups", "urn:ietf:params:scim:schemas:core:2.0:Group", "displayName"),
  SERVICE_PRINCIPAL(
      Principal.Type.SERVICE_PRINCIPAL,
      "ServicePrincipal",
      "ServicePrincipals",
      "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal",
      "applicationId");

  public final Principal.Type type;
  public final String resourceType;
  public final String endpoint;
  public final String schema;
  /** The attribute stored as the principal's name, unique across all principals. */
  public final String nameAttribute;

  ScimKind(Principal.Type type, String resourceType, String endpoint, String schema, String nameAttribute) {
    this.type = type;
    this.resourceType = resourceType;
    this.endpoint = endpoint;
    this.schema = schema;
    this.nameAttribute = nameAttribute;
  }

  public static ScimKind of(Principal.Type type) {
    for (ScimKind kind : values()) {
      if (kind.type == type) {
        return kind;
      }
    }
    throw new IllegalArgumentException(type.name());
  }
}
