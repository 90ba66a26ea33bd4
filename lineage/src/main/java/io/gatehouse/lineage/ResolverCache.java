package io.gatehouse.lineage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gatehouse.lineage.ParsedEvent.DatasetInfo;
import io.gatehouse.lineage.ParsedEvent.Name;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Remembers the resolver's answers per dataset for a short time, so a busy job does not cost the
 * catalog one look-up per dataset per event. Failures are not remembered. A Caffeine cache holds
 * the answers: each for the TTL after it was written, at most {@code maxEntries} of them. The
 * resolver is asked outside the cache, as before: two events missing one dataset at once may
 * both ask, which costs a look-up, never a wrong answer.
 */
final class ResolverCache {
  private static final Logger LOG = Logger.getLogger(ResolverCache.class.getName());

  /** An answer: {@code resolved == false} means the resolver failed and the mapping is unknown. */
  record Answer(boolean resolved, TableRef table) {}

  private final TableResolver resolver;
  /** Null when the TTL is zero: nothing is remembered. */
  private final Cache<UUID, Answer> answers;

  ResolverCache(TableResolver resolver, Duration ttl, int maxEntries) {
    this.resolver = resolver;
    this.answers = ttl.isZero() ? null
        : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).executor(Runnable::run).build();
  }

  Answer resolve(DatasetInfo dataset) {
    Answer cached = answers == null ? null : answers.getIfPresent(dataset.id());
    if (cached != null) {
      return cached;
    }
    Answer answer = ask(dataset);
    if (answer.resolved && answers != null) {
      answers.put(dataset.id(), answer);
    }
    return answer;
  }

  /** Asks the resolver, not the cache, and remembers the new answer. */
  Answer refresh(DatasetInfo dataset) {
    if (answers != null) {
      answers.invalidate(dataset.id());
    }
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
