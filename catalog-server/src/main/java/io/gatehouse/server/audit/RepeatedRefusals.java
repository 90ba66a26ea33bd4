package io.gatehouse.server.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Audits refusals that anyone can cause without credentials (401s, failed client logins) without
 * letting a flood fill the disk. The first refusal of a kind from a source (same address, same
 * principal if known, same reason) is written at once; the repeats within {@code
 * gatehouse.audit.refusal-window} are counted and written as one more record when the window
 * closes. Each record's detail starts with {@code count=<n>}: the refusals it stands for. At most
 * 10,000 kinds are tracked; the oldest is written out early when more arrive.
 *
 * <p>Records are written on a thread of this class, never on the caller's (an event loop).
 */
@ApplicationScoped
public class RepeatedRefusals {
  private static final Logger LOG = Logger.getLogger(RepeatedRefusals.class);
  private static final int MAX_TRACKED = 10_000;

  /** What makes two refusals the same kind. */
  public record Kind(String source, String principal, String action, String securableType, String securableName, String reason) {}

  private static final class Repeats {
    final AtomicLong count = new AtomicLong();
    volatile String requestId;
  }

  private final AuditLog audit;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "gatehouse-refusal-audit");
    t.setDaemon(true);
    return t;
  });
  private final Cache<Kind, Repeats> open;

  RepeatedRefusals(AuditLog audit, AuditConfig config) {
    this.audit = audit;
    long window = config.refusalWindow().toNanos();
    this.open = Caffeine.newBuilder()
        .maximumSize(MAX_TRACKED)
        // The window opens with the first refusal and is not pushed back by repeats.
        .expireAfter(new Expiry<Kind, Repeats>() {
          @Override
          public long expireAfterCreate(Kind key, Repeats value, long now) {
            return window;
          }

          @Override
          public long expireAfterUpdate(Kind key, Repeats value, long now, long current) {
            return current;
          }

          @Override
          public long expireAfterRead(Kind key, Repeats value, long now, long current) {
            return current;
          }
        })
        .scheduler(Scheduler.systemScheduler())
        .executor(writer)
        .removalListener((Kind kind, Repeats repeats, RemovalCause cause) -> {
          if (kind != null && repeats != null && cause != RemovalCause.REPLACED && repeats.count.get() > 0) {
            write(kind, repeats.count.get(), repeats.requestId);
          }
        })
        .build();
  }

  /** Notes one refusal; returns at once. */
  public void refused(Kind kind, String requestId) {
    boolean[] first = {false};
    open.asMap().compute(kind, (k, repeats) -> {
      if (repeats == null) {
        first[0] = true;
        return new Repeats();
      }
      repeats.count.incrementAndGet();
      repeats.requestId = requestId;
      return repeats;
    });
    if (first[0]) {
      writer.execute(() -> write(kind, 1, requestId));
    }
  }

  /** Writes out every open count and waits until it is written (tests, shutdown). */
  public void flush() {
    open.invalidateAll();
    open.cleanUp();
    try {
      // One writer thread: once this runs, everything queued before it is written.
      writer.submit(() -> {}).get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("refusal records were not written in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Before the audit log stops taking records.
  void onStop(@Observes @Priority(1) ShutdownEvent event) {
    flush();
    writer.shutdown();
    try {
      writer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(Kind kind, long count, String requestId) {
    try {
      audit.record(new AuditEvent(Instant.now(), requestId, kind.principal(), null, kind.source(), kind.action(),
          kind.securableType(), kind.securableName(), AuditEvent.Result.DENIED, () -> "count=" + count + "; " + kind.reason()));
    } catch (RuntimeException e) {
      LOG.warnf("%d refusal(s) of %s from %s could not be audited: %s", count, kind.action(), kind.source(), e.getMessage());
    }
  }
}
