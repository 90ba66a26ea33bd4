package io.gatehouse.lineage;

import io.gatehouse.lineage.ParsedEvent.DatasetInfo;
import io.gatehouse.lineage.ParsedEvent.Name;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Remembers the resolver's answers per dataset for a short time, so a busy job does not cost the
 * catalog one look-up per dataset per event. Failures are not remembered.
 */
final class ResolverCache {
  private static final Logger LOG = Logger.getLogger(ResolverCache.class.getName());

  /** An answer: {@code resolved == false} means the resolver failed and the mapping is unknown. */
  record Answer(boolean resolved, TableRef table) {}

  private record Entry(Answer answer, long expiresAt) {}

  private final TableResolver resolver;
  private final long ttlNanos;
  private final int maxEntries;
  private final ConcurrentHashMap<UUID, Entry> entries = new ConcurrentHashMap<>();

  ResolverCache(TableResolver resolver, Duration ttl, int maxEntries) {
    this.resolver = resolver;
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
  }

  Answer resolve(DatasetInfo dataset) {
    long now = System.nanoTime();
    Entry cached = entries.get(dataset.id());
    if (cached != null && cached.expiresAt - now > 0) {
      return cached.answer;
    }
    Answer answer = ask(dataset);
    if (answer.resolved && ttlNanos > 0) {
      if (entries.size() >= maxEntries) {
        entries.clear(); // crude, but bounded; a full cache refills within one TTL
      }
      entries.put(dataset.id(), new Entry(answer, now + ttlNanos));
    }
    return answer;
  }

  /** Asks the resolver, not the cache, and remembers the new answer. */
  Answer refresh(DatasetInfo dataset) {
    entries.remove(dataset.id());
    return resolve(dataset);
  }

  private Answer ask(DatasetInfo dataset) {
    try {
      Optional<TableRef> table = resolver.resolve(dataset.namespace(), dataset.name());
      for (int i = 0; table.isEmpty() && i < dataset.symlinks().size(); i++) {
        Name link = dataset.symlinks().get(i);
        table = resolver.resolve(link.namespace(), link.name());
      }
      return new Answer(true, table.orElse(null));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, e, () -> "Table resolver failed for a dataset; its mapping stays as it was");
      return new Answer(false, null);
    }
  }
}
