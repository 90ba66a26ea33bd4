package io.gatehouse.server.operations;

import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditLog;
import io.gatehouse.server.audit.AuditStats;
import io.gatehouse.server.audit.EventLoopDatabase;
import io.gatehouse.server.authz.PolicyStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Gatehouse's own figures, read from the state of the policy store and the audit log at each
 * scrape (docs/operations.md lists them with the alerts to set). The credential vendor's and the
 * lineage projection's meters are registered where those are built.
 */
@Singleton
public class GatehouseMeters implements MeterBinder {
  private final PolicyStore policies;
  private final AuditLog audit;
  private final EventLoopDatabase eventLoop;

  GatehouseMeters(PolicyStore policies, AuditLog audit, EventLoopDatabase eventLoop) {
    this.policies = policies;
    this.audit = audit;
    this.eventLoop = eventLoop;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("gatehouse.policy.snapshot.version", policies, p -> p.current().version())
        .description("The policy version this replica decides on").register(registry);
    Gauge.builder("gatehouse.policy.snapshot.age", policies, p -> p.age().toNanos() / 1e9)
        .baseUnit("seconds")
        .description("How long ago the database last confirmed this replica's policy snapshot").register(registry);
    for (PolicyStore.Load kind : PolicyStore.Load.values()) {
      FunctionCounter.builder("gatehouse.policy.snapshot.loads", policies, p -> p.loads(kind))
          .tag("kind", kind.name().toLowerCase(Locale.ROOT))
          .description("New policy versions loaded: from the change log (changes) or whole (full)")
          .register(registry);
    }
    String reads = "Reads answered on the event loop (GET of a table, the list of catalogs), or handed to a worker thread";
    FunctionCounter.builder("gatehouse.rest.reads", eventLoop, EventLoopDatabase::answeredCount)
        .tag("thread", "event-loop")
        .description(reads)
        .register(registry);
    FunctionCounter.builder("gatehouse.rest.reads", eventLoop, EventLoopDatabase::handedOffCount)
        .tag("thread", "worker")
        .description(reads)
        .register(registry);
    AuditStats stats = audit.stats();
    for (AuditEvent.Result result : AuditEvent.Result.values()) {
      FunctionCounter.builder("gatehouse.audit.records", stats, s -> s.records(result))
          .tag("result", result.name().toLowerCase(Locale.ROOT))
          .description("Audit records written, by result: allowed and denied are authorization decisions")
          .register(registry);
    }
    FunctionTimer.builder("gatehouse.audit.write", stats, AuditStats::writes, AuditStats::writeNanos, TimeUnit.NANOSECONDS)
        .description("Audit writes (a group commit's batch, or a record with its request) and their time")
        .register(registry);
    FunctionCounter.builder("gatehouse.audit.write.failures", stats, AuditStats::failedWrites)
        .description("Audit writes that failed; their requests were answered 503").register(registry);
    Gauge.builder("gatehouse.audit.backlog", audit, AuditLog::backlog)
        .description("Audit records waiting for the next group commit").register(registry);
  }
}
