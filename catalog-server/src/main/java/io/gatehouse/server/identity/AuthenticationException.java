package io.gatehouse.server.identity;

/**
 * A request without valid credentials. The message is safe for the caller and says which check
 * failed, never what the credential was.
 */
public class AuthenticationException extends RuntimeException {
  /** RFC 6750 error: {@code invalid_request} for a malformed header, else {@code invalid_token}. */
  private final String bearerError;
  /** For the audit trail only, never for the caller: whose credential, and which one. */
  private String principal;
  private String credentialId;

  public AuthenticationException(String message, String bearerError) {
    super(message, null, false, false);
    this.bearerError = bearerError;
  }

  public String bearerError() {
    return bearerError;
  }

  /** Names, for the audit trail, the principal and the credential that were refused. */
  AuthenticationException of(String principal, String credentialId) {
    this.principal = principal;
    this.credentialId = credentialId;
    return this;
  }

  public String principal() {
    return principal;
  }

  public String credentialId() {
    return credentialId;
  }

  static AuthenticationException missing() {
    return new AuthenticationException("Authentication required: send Authorization: Bearer <token>.", null);
  }

  static AuthenticationException malformed(String why) {
    return new AuthenticationException(why, "invalid_request");
  }

  static AuthenticationException invalid(String why) {
    return new AuthenticationException(why, "invalid_token");
  }
}
