package io.gatehouse.server.grpc;

import io.gatehouse.proto.v1.AuthorizationServiceGrpc;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.server.authz.Operation;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Default deny for gRPC: a call reaches its service only if its method is mapped to an {@link
 * Operation} in {@link #METHODS}; any other call ends with PERMISSION_DENIED before it is read.
 */
@ApplicationScoped
@GlobalInterceptor
public class OperationInterceptor implements ServerInterceptor {
  private static final Logger LOG = Logger.getLogger(OperationInterceptor.class);

  /** The operation of each gRPC method the server serves, by full method name. */
  public static final Map<String, Operation> METHODS = Map.of(
      TableServiceGrpc.getResolveTableMethod().getFullMethodName(), Operation.RESOLVE_TABLE,
      AuthorizationServiceGrpc.getAuthorizeMethod().getFullMethodName(), Operation.AUTHORIZE,
      AuthorizationServiceGrpc.getListAuthorizedMethod().getFullMethodName(), Operation.LIST_AUTHORIZED,
      AuthorizationServiceGrpc.getWatchPolicyVersionMethod().getFullMethodName(), Operation.WATCH_POLICY_VERSION,
      // The standard health service Quarkus adds: public, like /q/health.
      grpc.health.v1.HealthGrpc.getCheckMethod().getFullMethodName(), Operation.HEALTH,
      grpc.health.v1.HealthGrpc.getWatchMethod().getFullMethodName(), Operation.HEALTH);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (METHODS.containsKey(method)) {
      return next.startCall(call, headers);
    }
    LOG.warnf("refused a call of %s: no operation is mapped to it", method);
    call.close(Status.PERMISSION_DENIED.withDescription("This method performs no known operation and is refused to everyone."),
        new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
