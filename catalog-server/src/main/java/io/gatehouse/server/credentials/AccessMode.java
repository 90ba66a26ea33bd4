package io.gatehouse.server.credentials;

/**
 * Whose identity assumes which role when a storage credential vends: a Gatehouse extension of
 * Unity Catalog's credential ({@code access_mode}).
 */
public enum AccessMode {
  /** The catalog's own identity assumes the credential's role, scoped to the request (default). */
  CATALOG_ROLE,
  /** The caller's SCIM groups select the data role (gatehouse.credentials.group-roles). */
  SCIM_PASSTHROUGH,
  /** The caller's SAML response is exchanged with AssumeRoleWithSAML, after validation here. */
  SAML_PASSTHROUGH,
  /** The caller's OIDC bearer token is exchanged with AssumeRoleWithWebIdentity. */
  OIDC_PASSTHROUGH
}
