package io.gatehouse.credentials;

import java.time.Instant;

/**
 * Temporary credentials as STS issued them, and the assumed-role ARN STS reported (null if it
 * reported none). {@link #toString()} never shows the secret or the session token.
 */
public record IssuedCredentials(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, String assumedRoleArn) {

  @Override
  public String toString() {
    return "IssuedCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration
        + ", assumedRoleArn=" + assumedRoleArn + "]";
  }
}
