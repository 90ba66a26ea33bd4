package io.gatehouse.server.identity;

import java.time.Instant;
import java.util.Set;

/**
 * An authenticated caller: the principal, the groups its credential asserts for this request
 * (an OIDC groups claim), until when the credential may be trusted without a new check, and the
 * workspace it acts in: the one its access token was issued in, or for a credential of no
 * workspace (a JWT) the one the request addresses ({@link Workspaces}); null until decided.
 */
public record Caller(Principal principal, Set<String> assertedGroups, Instant trustedUntil, Long workspace) {
  /** A caller whose credential belongs to no workspace. */
  public Caller(Principal principal, Set<String> assertedGroups, Instant trustedUntil) {
    this(principal, assertedGroups, trustedUntil, null);
  }

  /** This caller acting in {@code workspace}. */
  public Caller in(long workspace) {
    return workspace == (this.workspace == null ? Long.MIN_VALUE : this.workspace) ? this
        : new Caller(principal, assertedGroups, trustedUntil, workspace);
  }
}
