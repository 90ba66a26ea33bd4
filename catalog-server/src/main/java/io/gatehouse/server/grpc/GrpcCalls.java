package io.gatehouse.server.grpc;

import io.gatehouse.server.audit.RepeatedRefusals;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.AuthenticationException;
import io.gatehouse.server.identity.Authenticator;
import io.gatehouse.server.identity.Caller;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.Principal;
import io.gatehouse.server.identity.PrincipalEntity;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What every gRPC method does around its work, on a worker thread: verify the bearer token of the
 * call, make the caller (and the end user an engine acts for) the request's caller, and answer
 * failures with the status of their {@link ErrorCode}, never with internals.
 */
@ApplicationScoped
public class GrpcCalls {
  private static final Logger LOG = Logger.getLogger(GrpcCalls.class);

  private final Authenticator authenticator;
  private final CallerContext caller;
  private final GrpcConfig config;
  private final RepeatedRefusals refusals;

  GrpcCalls(Authenticator authenticator, CallerContext caller, GrpcConfig config, RepeatedRefusals refusals) {
    this.authenticator = authenticator;
    this.caller = caller;
    this.config = config;
    this.refusals = refusals;
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
      Caller verified = authenticator.cached(header);
      return verified != null ? verified : authenticator.authenticate(header, CallMetadata.PEER.get());
    } catch (AuthenticationException e) {
      // Aggregated per source, like the 401s of HTTP.
      refusals.refused(new RepeatedRefusals.Kind(CallMetadata.PEER.get(), e.principal(), "AUTHENTICATE",
          e.credentialId() == null ? null : "TOKEN", e.credentialId(), "UNAUTHENTICATED " + e.getMessage()),
          CallMetadata.CALL_ID.get());
      throw e;
    }
  }

  /** The credential of the current call as it came, for streams that check it again later. */
  public static String credential() {
    return CallMetadata.AUTHORIZATION_VALUE.get();
  }

  public void enter(String onBehalfOf) {
    Caller verified = authenticate();
    caller.enter(verified, CallMetadata.CALL_ID.get(), CallMetadata.PEER.get());
    if (onBehalfOf == null || onBehalfOf.isBlank() || onBehalfOf.equalsIgnoreCase(verified.principal().name())) {
      return;
    }
    if (caller.groups().stream().noneMatch(g -> g.equalsIgnoreCase(config.enginesGroup()))) {
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + verified.principal().name()
          + "' may not act on behalf of other principals: it is not a member of the engines group '"
          + config.enginesGroup() + "'.");
    }
    PrincipalEntity endUser = PrincipalEntity.findByName(Validation.principal("on_behalf_of", onBehalfOf));
    if (endUser == null) {
      throw GatehouseException.notFound("Principal '" + Validation.printable(onBehalfOf) + "' does not exist.");
    }
    if (endUser.kind == Principal.Type.GROUP) {
      throw GatehouseException.invalid("on_behalf_of names the group '" + endUser.name + "'; name a user or service principal.");
    }
    if (!endUser.active) {
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + endUser.name + "' is deactivated.");
    }
    caller.actFor(new Caller(new Principal(endUser.id, endUser.name, endUser.kind), Set.of(), verified.trustedUntil()));
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
    if (e instanceof StatusRuntimeException s) {
      return s;
    }
    if (e instanceof GatehouseException g) {
      return Status.fromCodeValue(g.errorCode().grpcCode()).withDescription(g.getMessage()).asRuntimeException();
    }
    if (e instanceof AuthenticationException a) {
      return Status.UNAUTHENTICATED.withDescription(a.getMessage()).asRuntimeException();
    }
    String id = CallMetadata.CALL_ID.get();
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
