package io.gatehouse.server.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a request whose bytes are no message of the method's type with INVALID_ARGUMENT. grpc-java
 * parses requests before any interceptor or service code runs and closes a call whose request does
 * not parse with UNKNOWN ("Application error processing RPC"): to a client, a server fault. Here
 * each method's request marshaller hands an unparsable request on as null, and the method's
 * handler closes such a call with INVALID_ARGUMENT before the service sees anything.
 */
final class MalformedMessages {
  private MalformedMessages() {}

  /** {@code definition} with every method refusing malformed requests as invalid arguments. */
  static ServerServiceDefinition refusedAsInvalid(ServerServiceDefinition definition) {
    ServiceDescriptor service = definition.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(service.getName()).setSchemaDescriptor(service.getSchemaDescriptor());
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
      ServerMethodDefinition<?, ?> lenient = lenient(method);
      descriptor.addMethod(lenient.getMethodDescriptor());
      methods.add(lenient);
    }
    ServerServiceDefinition.Builder result = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(result::addMethod);
    return result.build();
  }

  private static <Q, R> ServerMethodDefinition<Q, R> lenient(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> original = method.getMethodDescriptor();
    Marshaller<Q> strict = original.getRequestMarshaller();
    Marshaller<Q> lenient = new Marshaller<>() {
      @Override
      public InputStream stream(Q value) {
        return strict.stream(value);
      }

      @Override
      public Q parse(InputStream stream) {
        try {
          return strict.parse(stream);
        } catch (RuntimeException malformed) {
          return null;
        }
      }
    };
    MethodDescriptor<Q, R> descriptor = original.toBuilder(lenient, original.getResponseMarshaller()).build();
    String type = original.getFullMethodName();
    ServerCallHandler<Q, R> handler = method.getServerCallHandler();
    return ServerMethodDefinition.create(descriptor, new ServerCallHandler<Q, R>() {
      @Override
      public ServerCall.Listener<Q> startCall(ServerCall<Q, R> call, Metadata headers) {
        return refusing(handler.startCall(call, headers), call, type);
      }
    });
  }

  private static <Q, R> ServerCall.Listener<Q> refusing(ServerCall.Listener<Q> next, ServerCall<Q, R> call, String type) {
    return new SimpleForwardingServerCallListener<>(next) {
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        if (refused) {
          return;
        }
        if (message == null) {
          refused = true;
          call.close(Status.INVALID_ARGUMENT.withDescription("The request is not a valid message for " + type + "."),
              new Metadata());
          return;
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }

      @Override
      public void onReady() {
        if (!refused) {
          super.onReady();
        }
      }
    };
  }
}
