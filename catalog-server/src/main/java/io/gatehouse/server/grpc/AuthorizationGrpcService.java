package io.gatehouse.server.grpc;

import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Target;
import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.AuthorizeResponse;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.ListAuthorizedResponse;
import io.gatehouse.proto.v1.PolicyVersion;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.WatchPolicyVersionRequest;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.PolicyStore;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/** Access decisions for engines over gRPC (gatehouse/v1/authorization.proto). */
@GrpcService
public class AuthorizationGrpcService implements AuthorizationServiceGrpc.AsyncService, io.grpc.BindableService {

  /** The generated binding, refusing requests that are no message of their type as INVALID_ARGUMENT. */
  @Override
  public io.grpc.ServerServiceDefinition bindService() {
    return MalformedMessages.refusedAsInvalid(AuthorizationServiceGrpc.bindService(this));
  }

  /** How often an open WatchPolicyVersion stream checks that its credential is still valid. */
  static final long CREDENTIAL_CHECK_MILLIS = 1000;

  private final GrpcCalls calls;
  private final GrpcConfig config;
  private final Authorizer authorizer;
  private final PolicyStore policies;
  private final SnapshotListing listing;
  /** The open WatchPolicyVersion streams, told to reconnect when this server stops. */
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService watchTimer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gatehouse-policy-watch");
    t.setDaemon(true);
    return t;
  });

  AuthorizationGrpcService(GrpcCalls calls, GrpcConfig config, Authorizer authorizer, PolicyStore policies,
      SnapshotListing listing) {
    this.calls = calls;
    this.config = config;
    this.authorizer = authorizer;
    this.policies = policies;
    this.listing = listing;
  }

  /**
   * On the event loop: names resolve in the request's snapshot and the decisions are made in
   * memory; the answer goes out from the audit trail's group commit once the call's record is
   * written (UNAVAILABLE if it cannot be), so no thread waits for it.
   */
  @Override
  public void authorize(AuthorizeRequest request, StreamObserver<AuthorizeResponse> out) {
    calls.unaryDetached(out, request.getOnBehalfOf(), () -> decide(request));
  }

  private CompletionStage<AuthorizeResponse> decide(AuthorizeRequest request) {
    if (request.getChecksCount() > config.maxChecks()) {
      throw GatehouseException.invalid("An Authorize call may carry at most " + config.maxChecks() + " checks, not "
          + request.getChecksCount() + ".");
    }
    // Names and ids resolve in the request's snapshot: the securables of the same version as
    // the grants, without the database.
    io.gatehouse.policy.PolicySnapshot snapshot = authorizer.snapshot();
    CatalogSnapshot catalog = snapshot.catalog();
    int n = request.getChecksCount();
    Ref[] refs = new Ref[n];
    boolean[] found = new boolean[n];
    List<Target> targets = new ArrayList<>(n);
    List<Privilege> asked = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Check check = request.getChecks(i);
      Ref ref = ref(check.getSecurable());
      Privilege privilege = privilege(check.getPrivilege());
      Target t = ref.fullName() != null ? catalog.byName(ref.type(), ref.fullName()) : catalog.byId(ref.type(), ref.id());
      refs[i] = ref;
      if (t != null) {
        found[i] = true;
        targets.add(t);
        asked.add(privilege);
      }
    }
    GrpcCalls.checkNotCancelled();
    Authorizer.Recorded<List<Decision>> checked = authorizer.checkAllDetached(Operation.AUTHORIZE, targets, asked);
    List<Decision> decisions = checked.value();
    AuthorizeResponse.Builder answer = AuthorizeResponse.newBuilder().setPolicyVersion(snapshot.version());
    int next = 0;
    for (int i = 0; i < n; i++) {
      if (!found[i]) {
        // One unresolvable securable does not fail the batch: its answer says why.
        Ref ref = refs[i];
        answer.addDecisions(io.gatehouse.proto.v1.Decision.newBuilder().setAllowed(false)
            .setError(ref.type().apiName() + " '" + (ref.fullName() != null ? ref.fullName() : ref.id())
                + "' does not exist."));
        continue;
      }
      Decision d = decisions.get(next++);
      io.gatehouse.proto.v1.Decision.Builder one = io.gatehouse.proto.v1.Decision.newBuilder()
          .setAllowed(d.allowed()).setReason(d.reason());
      if (d.allowed()) {
        one.addAllBasis(d.basis());
      }
      answer.addDecisions(one);
    }
    AuthorizeResponse response = answer.build();
    return checked.recorded().thenApply(written -> response);
  }

  /** How a check names its securable: by full name or by id. */
  private record Ref(SecurableType type, String fullName, String id) {}

  private static Ref ref(SecurableRef ref) {
    SecurableType type = type(ref.getType());
    return switch (ref.getKeyCase()) {
      case FULL_NAME -> new Ref(type, Validation.required("full_name", ref.getFullName(), 1024), null);
      case ID -> new Ref(type, null, Validation.required("id", ref.getId(), 64));
      default -> throw GatehouseException.invalid("A securable needs a full_name or an id.");
    };
  }

  static SecurableType type(io.gatehouse.proto.v1.SecurableType type) {
    return switch (type) {
      case METASTORE -> SecurableType.METASTORE;
      case CATALOG -> SecurableType.CATALOG;
      case SCHEMA -> SecurableType.SCHEMA;
      case TABLE -> SecurableType.TABLE;
      case VOLUME -> SecurableType.VOLUME;
      case FUNCTION -> SecurableType.FUNCTION;
      case REGISTERED_MODEL -> SecurableType.REGISTERED_MODEL;
      case EXTERNAL_LOCATION -> SecurableType.EXTERNAL_LOCATION;
      case STORAGE_CREDENTIAL -> SecurableType.STORAGE_CREDENTIAL;
      default -> throw GatehouseException.invalid("A securable needs a type.");
    };
  }

  static Privilege privilege(io.gatehouse.proto.v1.Privilege privilege) {
    if (privilege == io.gatehouse.proto.v1.Privilege.PRIVILEGE_UNSPECIFIED
        || privilege == io.gatehouse.proto.v1.Privilege.UNRECOGNIZED) {
      throw GatehouseException.invalid("A check needs a privilege.");
    }
    return Privilege.valueOf(privilege.name());
  }

  /** On the event loop, from the request's snapshot: see {@link SnapshotListing}. */
  @Override
  public void listAuthorized(ListAuthorizedRequest request, StreamObserver<ListAuthorizedResponse> out) {
    calls.unaryDetached(out, request.getOnBehalfOf(), () -> listing.list(request));
  }

  @Override
  @Blocking
  public void watchPolicyVersion(WatchPolicyVersionRequest request, StreamObserver<PolicyVersion> out) {
    ServerCallStreamObserver<PolicyVersion> stream = (ServerCallStreamObserver<PolicyVersion>) out;
    String credential = GrpcCalls.credential();
    try {
      calls.enter(null);
    } catch (Throwable e) {
      out.onError(GrpcCalls.status(e));
      return;
    }
    Watch watch = new Watch(stream, credential);
    watch.start();
  }

  /**
   * Ends every open WatchPolicyVersion stream with UNAVAILABLE, the status on which engines
   * reconnect (through the load balancer, to another replica), as the first thing a stopping
   * server does: a stream left open would hold the gRPC server's drain to its timeout.
   */
  void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    endWatches();
  }

  void endWatches() {
    for (Watch watch : watches) {
      watch.end(Status.UNAVAILABLE.withDescription("This server is stopping; watch the policy version again."));
    }
  }

  /** One open stream: sends each new version, and ends when the credential stops being valid. */
  private final class Watch {
    private final ServerCallStreamObserver<PolicyVersion> stream;
    private final String credential;
    private final AtomicLong sent = new AtomicLong(-1);
    private volatile boolean done;
    private LongConsumer listener;
    private ScheduledFuture<?> check;

    Watch(ServerCallStreamObserver<PolicyVersion> stream, String credential) {
      this.stream = stream;
      this.credential = credential;
    }

    void start() {
      watches.add(this);
      stream.setOnCancelHandler(this::stop);
      listener = version -> watchTimer.execute(() -> send(version));
      policies.addListener(listener);
      watchTimer.execute(() -> send(policies.current().version()));
      check = watchTimer.scheduleWithFixedDelay(this::checkCredential, CREDENTIAL_CHECK_MILLIS, CREDENTIAL_CHECK_MILLIS,
          TimeUnit.MILLISECONDS);
    }

    private void send(long version) {
      if (done || version <= sent.get()) {
        return;
      }
      if (!calls.stillValid(credential)) {
        end(Status.UNAUTHENTICATED.withDescription("The credential of this stream is no longer valid."));
        return;
      }
      sent.set(version);
      synchronized (stream) {
        if (!done) {
          stream.onNext(PolicyVersion.newBuilder().setVersion(version).build());
        }
      }
    }

    private void checkCredential() {
      if (!done && !calls.stillValid(credential)) {
        end(Status.UNAUTHENTICATED.withDescription("The credential of this stream is no longer valid."));
      }
    }

    private void end(Status status) {
      synchronized (stream) {
        if (!done) {
          stop();
          stream.onError(status.asRuntimeException());
        }
      }
    }

    private void stop() {
      done = true;
      watches.remove(this);
      policies.removeListener(listener);
      if (check != null) {
        check.cancel(false);
      }
    }
  }
}
