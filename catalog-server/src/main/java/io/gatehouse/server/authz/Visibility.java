package io.gatehouse.server.authz;

import java.util.Set;
import java.util.UUID;

/**
 * Which children of a container the caller may see, worked out once per listing: all of them,
 * or those with the given ids (granted directly) plus those owned by one of the given names.
 * Listings apply it in their query instead of deciding row by row.
 */
public record Visibility(boolean all, Set<UUID> ids, Set<String> ownerNames) {
  public static final Visibility ALL = new Visibility(true, Set.of(), Set.of());
}
