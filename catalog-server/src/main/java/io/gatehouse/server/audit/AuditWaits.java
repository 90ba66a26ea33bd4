package io.gatehouse.server.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The audit records a REST read's answer waits for. A GET changes nothing, so the record of a
 * decision that allowed it need not be in the database before the read goes on, only before the
 * answer leaves: its record is queued ({@link AuditLog#recordAllowed}) while the request reads
 * what it answers, and this filter holds the answer until every such record is written. A record
 * that cannot be written turns the answer into the 503 the request would have got had it waited
 * at once; nothing of what it read is sent ({@link AuditWaitFilter}). Requests of any other
 * method, gRPC calls and SQL scripts wait for each record where it is made.
 */
@RequestScoped
public class AuditWaits {
  private boolean deferrable;
  private List<CompletionStage<Void>> pending;

  /** Whether the answer of this request waits for its records (a REST read). */
  boolean deferrable() {
    return deferrable;
  }

  void add(CompletionStage<Void> written) {
    if (pending == null) {
      pending = new ArrayList<>(2);
    }
    pending.add(written);
  }

  /** Takes the records to wait for, leaving none. */
  List<CompletionStage<Void>> take() {
    List<CompletionStage<Void>> taken = pending;
    pending = null;
    return taken;
  }

  void allowDeferral() {
    deferrable = true;
  }
}
