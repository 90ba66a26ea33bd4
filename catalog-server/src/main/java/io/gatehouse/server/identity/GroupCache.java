package io.gatehouse.server.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.UUID;

/**
 * Effective groups per principal, remembered as long as a verified credential is. Any change of
 * membership or of a principal on this server clears it; other replicas follow within the same
 * time as for credentials.
 */
@ApplicationScoped
public class GroupCache {
  private final Cache<UUID, Set<String>> groups;

  GroupCache(AuthConfig config) {
    this.groups = Caffeine.newBuilder().expireAfterWrite(config.cacheTtl()).maximumSize(100_000).build();
  }

  Set<String> get(UUID principalId, java.util.function.Function<UUID, Set<String>> load) {
    return groups.get(principalId, load);
  }

  /** The groups remembered for the principal, without loading them; null when not at hand. */
  Set<String> peek(UUID principalId) {
    return groups.getIfPresent(principalId);
  }

  public void clear() {
    groups.invalidateAll();
  }
}
