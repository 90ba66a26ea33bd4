package io.gatehouse.credentials.saml;

import io.gatehouse.credentials.CredentialRequestException;

/**
 * A SAML response that is refused: what was wrong is said, the response itself never is (it is
 * a bearer credential).
 */
public class SamlValidationException extends CredentialRequestException {
  public SamlValidationException(String message) {
    super(Reason.NOT_PERMITTED, "SAML response refused: " + message);
  }
}
