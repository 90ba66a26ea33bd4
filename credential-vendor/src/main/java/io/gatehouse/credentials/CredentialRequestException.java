package io.gatehouse.credentials;

/**
 * A credential request the vendor will not serve as asked: the principal may not have the role it
 * needs (NOT_PERMITTED), or the request or configuration cannot work (INVALID). Messages name
 * groups, roles and reasons, never tokens or assertions.
 */
public class CredentialRequestException extends RuntimeException {
  public enum Reason { NOT_PERMITTED, INVALID }

  private final Reason reason;

  public CredentialRequestException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
