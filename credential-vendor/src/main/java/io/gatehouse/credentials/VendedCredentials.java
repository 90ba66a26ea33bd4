package io.gatehouse.credentials;

/**
 * What a request got: the credentials, the role they are for, the session name they carry and
 * whether they came from the cache (or from another request's STS call).
 */
public record VendedCredentials(IssuedCredentials credentials, String roleArn, String sessionName, boolean cached) {}
