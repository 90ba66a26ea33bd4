package io.gatehouse.server.audit;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the audit log has written since start, for the metrics: records by result (ALLOWED and
 * DENIED are decisions), and the writes' count and time. Read by the server's metrics, written
 * by {@link AuditLog} after each write.
 */
public final class AuditStats {
  private final Map<AuditEvent.Result, LongAdder> records = new EnumMap<>(AuditEvent.Result.class);
  private final LongAdder writes = new LongAdder();
  private final LongAdder writeNanos = new LongAdder();
  private final LongAdder failedWrites = new LongAdder();

  AuditStats() {
    for (AuditEvent.Result result : AuditEvent.Result.values()) {
      records.put(result, new LongAdder());
    }
  }

  void written(List<AuditEvent> events, long nanos) {
    events.forEach(e -> records.get(e.result()).increment());
    writes.increment();
    writeNanos.add(nanos);
  }

  void written(AuditEvent event, long nanos) {
    written(List.of(event), nanos);
  }

  void failed() {
    failedWrites.increment();
  }

  /** Records written with {@code result}. */
  public long records(AuditEvent.Result result) {
    return records.get(result).sum();
  }

  /** Writes (a group commit's batch, or one record in its request's transaction). */
  public long writes() {
    return writes.sum();
  }

  /** The time those writes took, in nanoseconds. */
  public long writeNanos() {
    return writeNanos.sum();
  }

  /** Writes that failed: their requests were answered 503. */
  public long failedWrites() {
    return failedWrites.sum();
  }
}
