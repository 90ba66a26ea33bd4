package io.gatehouse.server.identity;

import java.time.Instant;
import java.util.Set;

/**
 * An authenticated caller: the principal, the groups its credential asserts for this request
 * (an OIDC groups claim), and until when the credential may be trusted without a new check.
 */
public record Caller(Principal principal, Set<String> assertedGroups, Instant trustedUntil) {}
