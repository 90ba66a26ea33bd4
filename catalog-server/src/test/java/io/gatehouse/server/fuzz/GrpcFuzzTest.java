package io.gatehouse.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import io.gatehouse.proto.v1.AuthorizationProto;
import io.gatehouse.proto.v1.TablesProto;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The gRPC half of the endpoint sweep, generated from the served services' descriptors: for every
 * method, as an unprivileged user, as the admin and with no or a forged credential, messages with
 * every field set to hostile values of its type (boundary and unicode strings, extreme numbers,
 * enum numbers the schema does not define, long repeated fields, nested messages), fields of
 * numbers the schema does not have, and bytes that are no protobuf at all. Every answer must be
 * a status a client can act on (never INTERNAL, UNKNOWN or UNIMPLEMENTED), come within the
 * deadline (streams may run to it), and name no internal class, SQL or stack frame.
 */
@QuarkusTest
class GrpcFuzzTest {
  private static final Set<Status.Code> ACCEPTABLE = Set.of(Status.Code.OK, Status.Code.INVALID_ARGUMENT,
      Status.Code.NOT_FOUND, Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED,
      Status.Code.FAILED_PRECONDITION, Status.Code.OUT_OF_RANGE, Status.Code.RESOURCE_EXHAUSTED);

  /** A marshaller of raw bytes, so that the sweep can send what no generated stub would. */
  private static final Marshaller<byte[]> BYTES = new Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  @Test
  void everyMethodAnswersHostileMessagesWithAStatusAClientCanActOnAndLeaksNothing() throws Exception {
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
        .maxInboundMessageSize(64 << 20).build();
    String email = Identities.email("grpcfuzzer");
    Identities.user(email);
    Map<String, String> credentials = new TreeMap<>(Map.of(
        "user", TestIssuer.jwt(email), "admin", Api.ADMIN_TOKEN, "forged", "gat_forged-" + "x".repeat(40)));
    Random random = new Random(Long.getLong("fuzz.seed", 21));
    int rounds = Integer.getInteger("fuzz.rounds", 1);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> statuses = new TreeMap<>();
    int calls = 0;
    try {
      for (ServiceDescriptor service : List.of(AuthorizationProto.getDescriptor().getServices().get(0),
          TablesProto.getDescriptor().getServices().get(0))) {
        for (MethodDescriptor method : service.getMethods()) {
          for (Map.Entry<String, String> credential : credentials.entrySet()) {
            for (int i = 0; i < rounds * (method.isServerStreaming() ? 20 : 60); i++) {
              byte[] message = i % 10 == 9 ? garbage(random) : hostile(method.getInputType(), random, 0).toByteArray();
              Status status = call(channel, method, credential.getValue(), message);
              calls++;
              statuses.merge(method.getName() + " " + status.getCode(), 1, Integer::sum);
              check(failures, method, credential.getKey(), status);
            }
          }
          Status anonymous = call(channel, method, null, hostile(method.getInputType(), random, 0).toByteArray());
          calls++;
          check(failures, method, "anonymous", anonymous);
          assertThat(anonymous.getCode()).as(method.getName() + " without a credential").isEqualTo(Status.Code.UNAUTHENTICATED);
        }
      }
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    System.out.println("gRPC sweep: " + calls + " calls in " + rounds + " round(s), " + statuses);
    assertThat(failures).isEmpty();
    assertThat(calls).isGreaterThan(600);
  }

  private static void check(List<String> failures, MethodDescriptor method, String who, Status status) {
    boolean stream = method.isServerStreaming();
    if (!ACCEPTABLE.contains(status.getCode()) && !(stream && status.getCode() == Status.Code.DEADLINE_EXCEEDED)) {
      failures.add(method.getName() + " as " + who + ": " + status);
    }
    String description = String.valueOf(status.getDescription());
    for (String leak : EndpointFuzzTest.LEAKS) {
      if (description.contains(leak)) {
        failures.add(method.getName() + " as " + who + " leaked '" + leak + "': " + description);
      }
    }
  }

  /** One call with raw bytes; a stream is read until it ends or its 300 ms deadline passes. */
  private static Status call(ManagedChannel channel, MethodDescriptor method, String token, byte[] message) {
    io.grpc.MethodDescriptor<byte[], byte[]> raw = io.grpc.MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY)
        .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
    Metadata headers = new Metadata();
    if (token != null) {
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    }
    var intercepted = io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(method.isServerStreaming() ? 300 : 20_000, TimeUnit.MILLISECONDS);
    try {
      ClientCall<byte[], byte[]> call = intercepted.newCall(raw, options);
      if (method.isServerStreaming()) {
        Iterator<byte[]> answers = ClientCalls.blockingServerStreamingCall(call, message);
        while (answers.hasNext()) {
          answers.next();
        }
      } else {
        ClientCalls.blockingUnaryCall(call, message);
      }
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  private static final List<String> STRINGS = FuzzValues.STRINGS;
  private static final List<Long> NUMBERS = List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE,
      (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, 1L << 53);

  /** A message of {@code type} with most fields set to hostile values, recursing three levels deep. */
  private static DynamicMessage hostile(Descriptor type, Random random, int depth) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    for (FieldDescriptor field : type.getFields()) {
      if (random.nextInt(4) == 0) {
        continue; // left unset
      }
      if (field.isRepeated() && !field.isMapField()) {
        int count = random.nextInt(8) == 0 ? 2_000 : random.nextInt(4);
        for (int n = 0; n < count; n++) {
          Object value = value(field, random, depth);
          if (value != null) {
            builder.addRepeatedField(field, value);
          }
        }
      } else if (!field.isMapField()) {
        Object value = value(field, random, depth);
        if (value != null) {
          builder.setField(field, value);
        }
      }
    }
    if (random.nextInt(5) == 0) {
      // A field number the schema does not have, as a newer or hostile client might send.
      builder.setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
          .addField(900 + random.nextInt(100), com.google.protobuf.UnknownFieldSet.Field.newBuilder()
              .addLengthDelimited(ByteString.copyFromUtf8(pick(STRINGS, random))).build())
          .build());
    }
    return builder.build();
  }

  private static Object value(FieldDescriptor field, Random random, int depth) {
    return switch (field.getJavaType()) {
      case STRING -> pick(STRINGS, random);
      case INT -> (int) (long) pick(NUMBERS, random);
      case LONG -> pick(NUMBERS, random);
      case FLOAT -> random.nextBoolean() ? Float.NaN : Float.MAX_VALUE;
      case DOUBLE -> random.nextBoolean() ? Double.NaN : -Double.MAX_VALUE;
      case BOOLEAN -> random.nextBoolean();
      case BYTE_STRING -> ByteString.copyFrom(garbage(random));
      case ENUM -> random.nextBoolean()
          ? pick(field.getEnumType().getValues(), random)
          : field.getEnumType().findValueByNumberCreatingIfUnknown(1_000 + random.nextInt(1_000_000));
      case MESSAGE -> depth >= 3 ? null : hostile(field.getMessageType(), random, depth + 1);
    };
  }

  /** Bytes that are not a valid protobuf message (a truncated length, a bad tag, or noise). */
  private static byte[] garbage(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x01};
      case 1 -> new byte[] {0x00, 0x00, 0x00};
      default -> {
        byte[] noise = new byte[1 + random.nextInt(512)];
        random.nextBytes(noise);
        yield noise;
      }
    };
  }

  private static <T> T pick(List<T> values, Random random) {
    return values.get(random.nextInt(values.size()));
  }
}
