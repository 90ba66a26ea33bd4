package io.gatehouse.server.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.grpc.OperationInterceptor;
import io.grpc.MethodDescriptor;
import io.quarkus.arc.Arc;
import io.quarkus.grpc.runtime.GrpcServerRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint the server serves performs an operation: each path and verb of the served
 * OpenAPI document, each REST resource method, and each method of the gRPC services the server
 * runs, checked against the registries the runtime guards apply.
 */
@QuarkusTest
class OperationCoverageTest {
  private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

  @Test
  void everyPathAndVerbOfTheOpenApiDocumentPerformsAnOperation() throws Exception {
    String body = Api.given().accept("application/json").when().get("/api/openapi").then().statusCode(200)
        .extract().asString();
    JsonNode paths = new ObjectMapper().readTree(body).path("paths");
    Map<String, Endpoint> endpoints = resourceMethods();
    List<String> documented = new ArrayList<>();
    Set<String> unmapped = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<String> verbs = path.getValue().fieldNames(); verbs.hasNext(); ) {
        String verb = verbs.next();
        if (!VERBS.contains(verb)) {
          continue;
        }
        String key = verb.toUpperCase(Locale.ROOT) + " " + normalize(path.getKey());
        documented.add(key);
        Endpoint endpoint = endpoints.get(key);
        assertThat(endpoint).as("the resource method of " + key).isNotNull();
        if (!key.endsWith(DefaultDenyTest.PATH)
            && EndpointOperations.of(endpoint.resource(), endpoint.method()).isEmpty()) {
          unmapped.add(key);
        }
      }
    }
    assertThat(documented).as("the OpenAPI document lists the catalog's endpoints")
        .contains("GET /api/2.1/unity-catalog/tables/{full_name}", "POST /api/gatehouse/v1/sql");
    assertThat(unmapped).as("endpoints without an operation").isEmpty();
  }

  @Test
  void everyRestResourceMethodPerformsAnOperationButTheTestOnlyUnmappedOne() {
    Set<String> unmapped = new TreeSet<>();
    resourceMethods().forEach((key, endpoint) -> {
      if (EndpointOperations.of(endpoint.resource(), endpoint.method()).isEmpty()) {
        unmapped.add(key);
      }
    });
    assertThat(unmapped).containsExactly("GET " + DefaultDenyTest.PATH);
  }

  @Test
  void everyMethodOfEveryServedGrpcServicePerformsAnOperation() {
    Set<String> served = new TreeSet<>();
    for (GrpcServerRecorder.GrpcServiceDefinition service : GrpcServerRecorder.getServices()) {
      for (MethodDescriptor<?, ?> method : service.definition.getServiceDescriptor().getMethods()) {
        served.add(method.getFullMethodName());
      }
    }
    assertThat(served).as("the services the server runs")
        .contains("gatehouse.v1.TableService/ResolveTable", "gatehouse.v1.AuthorizationService/Authorize");
    assertThat(served).allSatisfy(method -> assertThat(OperationInterceptor.METHODS).as(method).containsKey(method));
  }

  @Test
  void routesOutsideTheRestResourcesNeedCredentialsExactlyWhenTheirOperationSaysSo() {
    EndpointOperations.ROUTES.forEach((path, op) -> {
      int status = RestAssured.given().redirects().follow(false).when().get(path).then().extract().statusCode();
      if (op.requirement().kind() == Requirement.Kind.PUBLIC) {
        assertThat(status).as(path + " is public").isNotEqualTo(401);
      } else {
        assertThat(status).as(path + " needs credentials").isEqualTo(401);
      }
    });
    // The OAuth token endpoint is a REST resource that checks client credentials itself.
    RestAssured.given().when().post("/oidc/v1/token").then().statusCode(org.hamcrest.Matchers.not(401));
  }

  private record Endpoint(Class<?> resource, Method method) {}

  /** Each REST resource method the application serves, as "VERB /path". */
  private static Map<String, Endpoint> resourceMethods() {
    Map<String, Endpoint> found = new HashMap<>();
    for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
      Class<?> resource = bean.getBeanClass();
      Path root = resource.getAnnotation(Path.class);
      if (root == null) {
        continue;
      }
      for (Method method : resource.getMethods()) {
        String verb = EndpointOperations.httpMethod(method);
        if (verb == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        String path = normalize(root.value() + (sub == null ? "" : "/" + sub.value()));
        found.put(verb + " " + path, new Endpoint(resource, method));
      }
    }
    return found;
  }

  /** One spelling of a path: single slashes, no trailing slash, templates without their patterns. */
  private static String normalize(String path) {
    String p = ("/" + path).replaceAll("/+", "/").replaceAll("\\{\\s*([^}:\\s]+)\\s*:[^}]*}", "{$1}");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
