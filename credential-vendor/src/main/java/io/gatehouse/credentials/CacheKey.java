package io.gatehouse.credentials;

/**
 * What makes two credential requests interchangeable: the mode (which STS call), the role, the scope
 * (locations and access level) and, when the credentials carry who asked (per-principal sessions
 * and every passthrough mode), the principal. Never a token, assertion or secret.
 */
public record CacheKey(String mode, String roleArn, StorageScope scope, String principal) {}
