package io.gatehouse.server.grpc;

import io.gatehouse.server.audit.RepeatedRefusals;
import io.gatehouse.server.authz.OnBehalfOf;
import io.gatehouse.server.common.DatabaseFailures;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.AuthenticationException;
import io.gatehouse.server.identity.Authenticator;
import io.gatehouse.server.identity.Caller;
import io.gatehouse.server.identity.CallerContext;
import io.grpc.Context;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What every gRPC method does around its work: verify the bearer token of the
 * call, make the caller (and the end user an engine acts for) the request's caller, and answer
 * failures with the status of their {@link ErrorCode}, never with internals.
 */
@ApplicationScoped
public class GrpcCalls {
  private static final Logger LOG = Logger.getLogger(GrpcCalls.class);

  private final Authenticator authenticator;
  private final io.gatehouse.server.identity.Workspaces workspaces;
  private final io.gatehouse.server.network.IpAccessInterceptor ipAccess;
  private final CallerContext caller;
  private final RepeatedRefusals refusals;
  private final OnBehalfOf onBehalf;
  /** Where calls wait on I/O that cannot be made asynchronous (JDBC, STS, JWKS). */
  private final ExecutorService workers;

  GrpcCalls(Authenticator authenticator, io.gatehouse.server.identity.Workspaces workspaces,
      io.gatehouse.server.network.IpAccessInterceptor ipAccess, CallerContext caller, GrpcConfig config,
      RepeatedRefusals refusals, OnBehalfOf onBehalf) {
    this.authenticator = authenticator;
    this.workspaces = workspaces;
    this.ipAccess = ipAccess;
    this.caller = caller;
    this.refusals = refusals;
    this.onBehalf = onBehalf;
    AtomicInteger threads = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(config.workerThreads(), r -> {
      Thread t = new Thread(r, "gatehouse-grpc-worker-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs a unary call whose answer waits for I/O it does not block on (its audit record): on the
   * event loop when the caller (and the end user it names) are known without I/O, as they are for
   * steady traffic; else on a worker thread, which may read them from the database first. The
   * call is answered when {@code work}'s stage completes, on the thread that completes it.
   */
  public <T> void unaryDetached(StreamObserver<T> out, String onBehalfOf, Supplier<CompletionStage<T>> work) {
    String callId = CallMetadata.CALL_ID.get();
    CompletionStage<T> stage;
    try {
      stage = enterWithoutIo(onBehalfOf) ? work.get() : onWorker(() -> {
        enter(onBehalfOf);
        return work.get();
      }).thenCompose(next -> next);
    } catch (Throwable e) {
      out.onError(status(e, callId));
      return;
    }
    answerWhenDone(out, callId, stage);
  }

  /**
   * Runs {@code work}, which blocks (JDBC, STS), on one of the gRPC workers, in the call's request
   * and gRPC context; the stage completes with its result. Plain threads, not Vert.x workers: the
   * request context is then the worker's own while it runs, whatever the event loop does meanwhile.
   */
  public <T> CompletionStage<T> onWorker(Supplier<T> work) {
    ManagedContext requests = Arc.container().requestContext();
    InjectableContext.ContextState state = requests.getState();
    CompletableFuture<T> done = new CompletableFuture<>();
    Runnable task = Context.current().wrap(() -> {
      requests.activate(state);
      try {
        done.complete(work.get());
      } catch (Throwable e) {
        done.completeExceptionally(e);
      } finally {
        requests.deactivate();
      }
    });
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(new GatehouseException(ErrorCode.UNAVAILABLE, "The server is shutting down."));
    }
    return done;
  }

  void onStop(@Observes ShutdownEvent event) {
    workers.shutdown();
  }

  private static <T> void answerWhenDone(StreamObserver<T> out, String callId, CompletionStage<T> stage) {
    stage.whenComplete((result, failure) -> {
      try {
        if (failure != null) {
          out.onError(status(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure,
              callId));
        } else {
          out.onNext(result);
          out.onCompleted();
        }
      } catch (RuntimeException e) {
        // The client went away meanwhile: there is nobody left to answer.
        LOG.debugf("call %s ended before its answer: %s", callId, e);
      }
    });
  }

  /**
   * Makes the call's caller the request's caller if that needs no I/O: its credential verified
   * within the cache lifetime, its groups (and those of the end user it names) at hand. False
   * when something must be read first; refusals that need no I/O are thrown.
   */
  private boolean enterWithoutIo(String onBehalfOf) {
    Caller verified;
    try {
      String header = CallMetadata.AUTHORIZATION_VALUE.get();
      verified = header == null ? null : authenticator.cached(header);
      verified = verified == null ? null : workspaces.admitWithoutIo(verified, addressed());
      if (verified != null && ipAccess.needsCheck(verified.workspace())) {
        return false; // checked (and refused, with its record) on the worker
      }
    } catch (RuntimeException e) {
      return false; // a malformed credential or a refusal: refused (and counted) on the worker
    }
    if (verified == null) {
      return false;
    }
    caller.enter(verified, CallMetadata.CALL_ID.get(), CallMetadata.PEER.get());
    if (!caller.groupsAtHand()) {
      return false;
    }
    return onBehalf.actForWithoutIo(verified, onBehalfOf);
  }

  /** Runs a unary call as the caller, or as the end user it names; answers one value or a status. */
  public <T> void unary(StreamObserver<T> out, String onBehalfOf, Supplier<T> work) {
    T result;
    try {
      enter(onBehalfOf);
      result = work.get();
    } catch (Throwable e) {
      out.onError(status(e));
      return;
    }
    out.onNext(result);
    out.onCompleted();
  }

  /** Verifies the call's credential: cached for a second, like HTTP requests. */
  public Caller authenticate() {
    String header = CallMetadata.AUTHORIZATION_VALUE.get();
    try {
      if (header == null) {
        throw new AuthenticationException("The call needs 'authorization: Bearer <token>' metadata.", null);
      }
      Long addressed = addressed();
      Caller verified = authenticator.cached(header);
      Caller admitted = workspaces.admit(verified != null ? verified : authenticator.authenticate(header, CallMetadata.PEER.get()),
          addressed);
      String refusal = ipAccess.refusalIn(admitted.workspace());
      if (refusal != null) {
        throw new GatehouseException(ErrorCode.PERMISSION_DENIED, refusal);
      }
      return admitted;
    } catch (AuthenticationException e) {
      // Aggregated per source, like the 401s of HTTP.
      refusals.refused(new RepeatedRefusals.Kind(CallMetadata.PEER.get(), e.principal(), "AUTHENTICATE",
          e.credentialId() == null ? null : "TOKEN", e.credentialId(), "UNAUTHENTICATED " + e.getMessage()),
          CallMetadata.CALL_ID.get());
      throw e;
    }
  }

  /** The workspace the call addresses by metadata or authority, or null. */
  private Long addressed() {
    return workspaces.addressed(CallMetadata.WORKSPACE_VALUE.get(), CallMetadata.AUTHORITY.get());
  }

  /** The credential of the current call as it came, for streams that check it again later. */
  public static String credential() {
    return CallMetadata.AUTHORIZATION_VALUE.get();
  }

  public void enter(String onBehalfOf) {
    Caller verified = authenticate();
    caller.enter(verified, CallMetadata.CALL_ID.get(), CallMetadata.PEER.get());
    onBehalf.actFor(verified, "on_behalf_of", onBehalfOf);
  }

  /** Stops work whose client has gone or whose deadline has passed. */
  public static void checkNotCancelled() {
    Context context = Context.current();
    if (context.isCancelled()) {
      boolean expired = context.getDeadline() != null && context.getDeadline().isExpired();
      throw (expired ? Status.DEADLINE_EXCEEDED : Status.CANCELLED)
          .withDescription("The call ended before its work did.").asRuntimeException();
    }
  }

  public static StatusRuntimeException status(Throwable e) {
    return status(e, CallMetadata.CALL_ID.get());
  }

  /** As {@link #status(Throwable)}, off the call's thread: the call id is given. */
  static StatusRuntimeException status(Throwable e, String id) {
    if (e instanceof StatusRuntimeException s) {
      return s;
    }
    if (e instanceof GatehouseException g) {
      return Status.fromCodeValue(g.errorCode().grpcCode()).withDescription(g.getMessage()).asRuntimeException();
    }
    if (e instanceof io.gatehouse.policy.PolicyConflictException c) {
      // Two row filters, or two masks of a column, apply to the reader: fail closed, saying which.
      return Status.FAILED_PRECONDITION.withDescription(c.getMessage()).asRuntimeException();
    }
    if (e instanceof AuthenticationException a) {
      return Status.UNAUTHENTICATED.withDescription(a.getMessage()).asRuntimeException();
    }
    if (DatabaseFailures.unreachable(e)) {
      LOG.warnf("call %s: the database cannot be reached (%s)", id, e.getMessage());
      return Status.UNAVAILABLE.withDescription(DatabaseFailures.MESSAGE).asRuntimeException();
    }
    LOG.errorf(e, "call %s failed", id);
    return Status.INTERNAL.withDescription("Internal error; quote call id " + id + " when reporting it.")
        .asRuntimeException();
  }

  /** Whether the call's credential is still valid (a revoked token is not), as a request would find it. */
  public boolean stillValid(String credential) {
    if (credential == null) {
      return false;
    }
    // Within the cache lifetime the cached answer stands (revocation on this server evicts it).
    if (authenticator.cached(credential) != null) {
      return true;
    }
    try {
      return authenticator.authenticate(credential).trustedUntil().isAfter(Instant.now());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
