package io.gatehouse.credentials;

/**
 * What a request got: the credentials, the role they are for, the session name they carry, the
 * session policy and whether they came from the cache. For the audit trail, never the secret.
 */
public record VendedCredentials(
    IssuedCredentials credentials, String roleArn, String sessionName, String policy, boolean cached) {}
