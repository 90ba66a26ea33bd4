package io.gatehouse.credentials;

import java.time.Duration;
import java.util.Map;

/** The three STS calls the vendor makes. Tokens and assertions never appear in {@code toString()}. */
public sealed interface StsCall {
  String roleArn();

  String policy();

  Duration duration();

  /**
   * AssumeRole with the catalog's own identity: the session policy, a session name and source
   * identity naming the principal, the external id of the storage credential and session tags.
   */
  record AssumeRole(
      String roleArn, String sessionName, String sourceIdentity, String externalId, String policy,
      Duration duration, Map<String, String> tags) implements StsCall {
    public AssumeRole {
      tags = Map.copyOf(tags);
    }
  }

  /** AssumeRoleWithWebIdentity with the caller's OIDC token; unsigned, the token is the proof. */
  record AssumeRoleWithWebIdentity(String roleArn, String sessionName, String webIdentityToken, String policy,
      Duration duration) implements StsCall {
    @Override
    public String toString() {
      return "AssumeRoleWithWebIdentity[roleArn=" + roleArn + ", sessionName=" + sessionName + ", duration=" + duration + "]";
    }
  }

  /**
   * AssumeRoleWithSAML with a role and SAML provider pair from the assertion's Role attribute and
   * the base64 SAML response; unsigned, the signed assertion is the proof.
   */
  record AssumeRoleWithSaml(String roleArn, String principalArn, String samlAssertion, String policy, Duration duration)
      implements StsCall {
    @Override
    public String toString() {
      return "AssumeRoleWithSaml[roleArn=" + roleArn + ", principalArn=" + principalArn + ", duration=" + duration + "]";
    }
  }
}
