package io.gatehouse.server.authz;

import static org.hamcrest.Matchers.containsString;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A REST endpoint that performs no operation is refused, even to a metastore admin. */
@QuarkusTest
class DefaultDenyTest {
  static final String PATH = "/api/test/unmapped";

  /** Lives only in the tests: a resource method nobody mapped to an operation. */
  @Path(PATH)
  @Produces(MediaType.APPLICATION_JSON)
  public static class Unmapped {
    @GET
    public Map<String, String> reached() {
      return Map.of("reached", "yes");
    }
  }

  @Test
  void anEndpointWithoutAnOperationAnswers403InTheErrorShapeEvenToAnAdmin() {
    Api.error(Api.json().when().get(PATH).then(), 403, "PERMISSION_DENIED")
        .body("message", containsString("performs no known operation"));
  }

  @Test
  void anEndpointWithoutAnOperationStillNeedsCredentialsFirst() {
    io.restassured.RestAssured.given().when().get(PATH).then().statusCode(401);
  }
}
