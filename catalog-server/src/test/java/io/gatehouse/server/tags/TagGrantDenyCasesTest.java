package io.gatehouse.server.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.server.catalog.Api;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The cases of {@code authz/tag-grant-deny-cases.csv}: whether each principal holds a privilege on
 * a table of {@link TagGrantDenyWorld}, and which GRANT or DENY policy decided, as explain says it
 * ({@code decided_by}) and, for SELECT, as an engine's gRPC ResolveTable finds it.
 */
@QuarkusTest
class TagGrantDenyCasesTest {
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

  @ParameterizedTest(name = "{0} {1} on {2}: {3} by {4}")
  @CsvFileSource(resources = "/authz/tag-grant-deny-cases.csv", delimiter = ';', commentCharacter = '#')
  void grantAndDenyPoliciesDecideAsTheCasesSay(String principal, String privilege, String table, String expected,
      String decidedBy) {
    TagGrantDenyWorld world = TagGrantDenyWorld.get();
    String email = world.users.get(principal);
    String fullName = world.name(table);
    ExtractableResponse<Response> explained = Api.json()
        .queryParam("principal", email).queryParam("privilege", privilege)
        .queryParam("securable_type", "table").queryParam("full_name", fullName)
        .get("/api/gatehouse/v1/authz/explain").then().statusCode(200).extract();
    boolean allowed = explained.path("allowed");
    assertThat(allowed).as("allowed (%s)", (String) explained.path("reason")).isEqualTo("ALLOW".equals(expected));
    String by = explained.path("decided_by");
    if ("-".equals(decidedBy)) {
      assertThat(by).as("decided_by").isNull();
    } else {
      assertThat(by).as("decided_by").startsWith("policy " + decidedBy + " on ");
      assertThat((String) explained.path("reason")).contains(decidedBy);
    }
    if (privilege.equals("SELECT")) {
      if (allowed) {
        assertThat(TagPolicyCasesTest.resolve(channel, email, fullName).hasTable()).isTrue();
      } else {
        assertThatThrownBy(() -> TagPolicyCasesTest.resolve(channel, email, fullName))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
      }
    }
  }
}
