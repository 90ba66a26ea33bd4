package io.gatehouse.server.grpc;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.AuthorizeRequest;
import io.gatehouse.proto.v1.AuthorizeResponse;
import io.gatehouse.proto.v1.AuthorizedSecurable;
import io.gatehouse.proto.v1.Check;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.ListAuthorizedResponse;
import io.gatehouse.proto.v1.PolicyVersion;
import io.gatehouse.proto.v1.SecurableRef;
import io.gatehouse.proto.v1.WatchPolicyVersionRequest;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.PolicyStore;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.FunctionService;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.SecurableEntity;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.catalog.VolumeService;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.grpc.GrpcCalls;
import io.gatehouse.server.grpc.GrpcConfig;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;

/** Access decisions for engines over gRPC (gatehouse/v1/authorization.proto). */
@GrpcService
public class AuthorizationGrpcService extends AuthorizationServiceGrpc.AuthorizationServiceImplBase {
  /** How often an open WatchPolicyVersion stream checks that its credential is still valid. */
  static final long CREDENTIAL_CHECK_MILLIS = 1000;

  private final GrpcCalls calls;
  private final GrpcConfig config;
  private final Authorizer authorizer;
  private final PolicyStore policies;
  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final VolumeService volumes;
  private final FunctionService functions;
  private final ScheduledExecutorService watchTimer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gatehouse-policy-watch");
    t.setDaemon(true);
    return t;
  });

  AuthorizationGrpcService(GrpcCalls calls, GrpcConfig config, Authorizer authorizer,
      PolicyStore policies, CatalogService catalogs, SchemaService schemas, TableService tables, VolumeService volumes,
      FunctionService functions) {
    this.calls = calls;
    this.config = config;
    this.authorizer = authorizer;
    this.policies = policies;
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.volumes = volumes;
    this.functions = functions;
  }

  @Override
  @Blocking
  public void authorize(AuthorizeRequest request, StreamObserver<AuthorizeResponse> out) {
    calls.unary(out, request.getOnBehalfOf(), () -> {
      if (request.getChecksCount() > config.maxChecks()) {
        throw GatehouseException.invalid("An Authorize call may carry at most " + config.maxChecks() + " checks, not "
            + request.getChecksCount() + ".");
      }
      // Names and ids resolve in the request's snapshot: the securables of the same version as
      // the grants, without the database. Then the decisions in memory, audited together.
      io.gatehouse.policy.PolicySnapshot snapshot = authorizer.snapshot();
      long version = snapshot.version();
      CatalogSnapshot catalog = snapshot.catalog();
      List<Ref> refs = new ArrayList<>(request.getChecksCount());
      List<Target> found = new ArrayList<>(request.getChecksCount());
      List<Target> targets = new ArrayList<>(request.getChecksCount());
      List<Privilege> asked = new ArrayList<>(request.getChecksCount());
      for (Check check : request.getChecksList()) {
        Ref ref = ref(check.getSecurable());
        Privilege privilege = privilege(check.getPrivilege());
        Target t = ref.fullName() != null ? catalog.byName(ref.type(), ref.fullName()) : catalog.byId(ref.type(), ref.id());
        refs.add(ref);
        found.add(t);
        if (t != null) {
          targets.add(t);
          asked.add(privilege);
        }
      }
      GrpcCalls.checkNotCancelled();
      List<Decision> decisions = authorizer.checkAll(Operation.AUTHORIZE, targets, asked);
      AuthorizeResponse.Builder answer = AuthorizeResponse.newBuilder().setPolicyVersion(version);
      int next = 0;
      for (int i = 0; i < refs.size(); i++) {
        Ref ref = refs.get(i);
        if (found.get(i) == null) {
          // One unresolvable securable does not fail the batch: its answer says why.
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
      return answer.build();
    });
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

  @Override
  @Blocking
  public void listAuthorized(ListAuthorizedRequest request, StreamObserver<ListAuthorizedResponse> out) {
    calls.unary(out, request.getOnBehalfOf(), () -> {
      SecurableType type = type(request.getType());
      String kind = "grpc-" + type.apiName();
      PageRequest page = PageRequest.parse(kind, Integer.toString(Math.max(0, request.getPageSize())), request.getPageToken());
      String parent = request.getParent();
      List<? extends SecurableEntity> rows = switch (type) {
        case CATALOG -> catalogs.list(page);
        case SCHEMA -> schemas.list(Validation.name("parent", parent), page);
        case TABLE -> tables.list(part(parent, 0), part(parent, 1), page).rows();
        case VOLUME -> volumes.list(part(parent, 0), part(parent, 1), page).rows();
        case FUNCTION -> functions.list(part(parent, 0), part(parent, 1), page).rows();
        default -> throw GatehouseException.invalid("ListAuthorized lists catalogs, schemas, tables, volumes or functions.");
      };
      var slice = page.slice(kind, rows, e -> e.name.toLowerCase(Locale.ROOT));
      ListAuthorizedResponse.Builder answer = ListAuthorizedResponse.newBuilder();
      Subject subject = authorizer.subject();
      io.gatehouse.policy.PolicySnapshot snapshot = authorizer.snapshot();
      boolean filter = request.getPrivilege() != io.gatehouse.proto.v1.Privilege.PRIVILEGE_UNSPECIFIED;
      Privilege wanted = filter ? privilege(request.getPrivilege()) : null;
      for (SecurableEntity e : slice.items()) {
        GrpcCalls.checkNotCancelled();
        var target = targetOf(e);
        if (filter && !(AccessCheck.canUseParents(snapshot, subject, target).allowed()
            && AccessCheck.has(snapshot, subject, wanted, target).allowed())) {
          continue;
        }
        answer.addSecurables(AuthorizedSecurable.newBuilder()
            .setFullName(target.names().get(target.names().size() - 1))
            .setId(e.id.toString())
            .setType(request.getType())
            .setOwner(e.owner));
      }
      if (slice.nextPageToken() != null) {
        answer.setNextPageToken(slice.nextPageToken());
      }
      return answer.build();
    });
  }

  private static io.gatehouse.policy.Target targetOf(SecurableEntity e) {
    if (e instanceof io.gatehouse.server.catalog.CatalogEntity c) {
      return Securables.of(c);
    }
    if (e instanceof io.gatehouse.server.catalog.SchemaEntity s) {
      return Securables.of(s);
    }
    return Securables.of((io.gatehouse.server.catalog.SchemaChildEntity) e);
  }

  private static String part(String parent, int i) {
    String[] parts = parent.split("\\.", -1);
    if (parts.length != 2) {
      throw GatehouseException.invalid("parent must be a schema's full name 'catalog.schema', not '"
          + Validation.printable(parent) + "'.");
    }
    return parts[i];
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
      policies.removeListener(listener);
      if (check != null) {
        check.cancel(false);
      }
    }
  }
}
