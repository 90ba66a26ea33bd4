package io.gatehouse.server.catalog;

import io.gatehouse.server.audit.EventLoopDatabase;
import io.gatehouse.server.identity.CallerContext;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * Answers the reads engines make most (GET of a table, the list of catalogs) on the event loop
 * that received them, where nothing blocks: the decision from the pinned snapshot, then the
 * rows and the decision's record in one statement on {@link EventLoopDatabase}'s pool. A read
 * that would have to wait (the caller's groups not at hand, a name the snapshot does not know,
 * no such pool) is answered on a worker thread instead, exactly as before; so is a request a
 * filter already moved to a worker. A hand-off and its way back cost a small read a quarter of
 * its CPU on two cores.
 */
@ApplicationScoped
class EventLoopReads {
  private final CallerContext caller;
  private final ThreadContext context;
  private final ManagedExecutor workers;
  private final EventLoopDatabase eventLoop;

  EventLoopReads(CallerContext caller, ThreadContext context, ManagedExecutor workers, EventLoopDatabase eventLoop) {
    this.caller = caller;
    this.context = context;
    this.workers = workers;
    this.eventLoop = eventLoop;
  }

  /**
   * The JSON answer of {@code onEventLoop} (which must not block, and completes with null where
   * it cannot answer; it runs only when {@link EventLoopDatabase#pool()} is on), else of {@code
   * blocking} on a worker thread, in this request's context.
   */
  CompletionStage<Response> answer(Supplier<CompletionStage<byte[]>> onEventLoop, Supplier<byte[]> blocking) {
    // Captured now, while the request's context is this thread's: a worker runs in it later.
    Supplier<Response> onWorker = context.contextualSupplier(() -> json(blocking.get()));
    if (BlockingOperationControl.isBlockingAllowed()) {
      eventLoop.handedOff();
      return CompletableFuture.completedFuture(onWorker.get());
    }
    if (eventLoop.pool().isEmpty() || !caller.groupsAtHand()) {
      return onWorker(onWorker).handle(EventLoopReads::settled).thenCompose(settled -> settled);
    }
    return onEventLoop.get()
        .thenCompose(body -> {
          if (body == null) {
            return onWorker(onWorker);
          }
          eventLoop.answered();
          return CompletableFuture.completedFuture(json(body));
        })
        .handle(EventLoopReads::settled)
        .thenCompose(settled -> settled);
  }

  private CompletionStage<Response> onWorker(Supplier<Response> work) {
    eventLoop.handedOff();
    return workers.supplyAsync(work);
  }

  /** The outcome again, failed with the exception itself rather than its wrapper, so that it is answered as if thrown. */
  private static CompletionStage<Response> settled(Response response, Throwable failure) {
    if (failure == null) {
      return CompletableFuture.completedFuture(response);
    }
    return CompletableFuture.failedFuture(
        failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
  }

  private static Response json(byte[] body) {
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
