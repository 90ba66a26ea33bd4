package io.gatehouse.server.tags;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.proto.v1.ColumnMask;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.server.identity.TestIssuer;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The cases of {@code authz/tag-policy-cases.csv}: what an engine receives over gRPC ResolveTable
 * (row filter and column masks) for each principal and table of {@link TagPolicyWorld}.
 */
@QuarkusTest
class TagPolicyCasesTest {
  private static ManagedChannel channel;

  @BeforeAll
  static void connect() {
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  static TableServiceGrpc.TableServiceBlockingStub tables(ManagedChannel channel, String token) {
    return TableServiceGrpc.newBlockingStub(channel).withCallCredentials(new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(m);
      }
    }).withDeadlineAfter(20, TimeUnit.SECONDS);
  }

  /** What ResolveTable gives {@code email} for {@code table}: the filter ('-' for none) and the masks by column. */
  static ResolveTableResponse resolve(ManagedChannel channel, String email, String table) {
    return tables(channel, TestIssuer.jwt(email)).resolveTable(ResolveTableRequest.newBuilder().setFullName(table).build());
  }

  static Map<String, String> masks(ResolveTableResponse r) {
    Map<String, String> masks = new TreeMap<>();
    for (ColumnMask m : r.getColumnMasksList()) {
      masks.put(m.getColumn(), m.getExpression());
    }
    return masks;
  }

  @ParameterizedTest(name = "{0} reads {1}: filter {2}, masks {3}")
  @CsvFileSource(resources = "/authz/tag-policy-cases.csv", delimiter = ';', commentCharacter = '#')
  void engineReceivesTheFilterAndMasksOfThePoliciesThatApply(String principal, String table, String filter, String masks) {
    TagPolicyWorld world = TagPolicyWorld.get();
    ResolveTableResponse r = resolve(channel, world.users.get(principal), world.catalog + "." + table);
    assertThat(r.getRowFilter()).as("row filter").isEqualTo("-".equals(filter) ? "" : filter);
    Map<String, String> expected = new TreeMap<>();
    if (!"-".equals(masks)) {
      for (String m : masks.split("\\|")) {
        expected.put(m.substring(0, m.indexOf('=')), m.substring(m.indexOf('=') + 1));
      }
    }
    assertThat(masks(r)).as("masks").isEqualTo(expected);
  }
}
