package io.gatehouse.server.authz;

import io.gatehouse.server.audit.AuditResource;
import io.gatehouse.server.identity.ClientSecretResource;
import io.gatehouse.server.identity.OAuthTokenResource;
import io.gatehouse.server.identity.TokenManagementResource;
import io.gatehouse.server.identity.TokenPermissionsResource;
import io.gatehouse.server.identity.TokenResource;
import io.gatehouse.server.identity.WorkspaceConfResource;
import io.gatehouse.server.identity.WorkspaceResource;
import io.gatehouse.server.identity.scim.ScimDiscovery;
import io.gatehouse.server.identity.scim.ScimEndpoint;
import io.gatehouse.server.identity.scim.ScimResources;
import jakarta.ws.rs.HttpMethod;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@link Operation} each endpoint performs: the one registry that the REST guard ({@link
 * OperationGuard}) applies and the coverage test walks. A resource method's operation is its
 * {@link Performs}, or its class's; the resources of packages below authz (identity, the audit
 * trail), which cannot name an operation, are mapped here by class and HTTP method. Routes that
 * are not REST resources (health, the OpenAPI document, metrics, the lineage page's files) are
 * listed in {@link #ROUTES}.
 */
public final class EndpointOperations {
  private static final String ANY_METHOD = "*";

  /** Resources below authz: by class (or a superclass), then by HTTP method or {@code *}. */
  private static final Map<Class<?>, Map<String, Operation>> BELOW_AUTHZ = Map.ofEntries(
      Map.entry(OAuthTokenResource.class, Map.of(ANY_METHOD, Operation.OAUTH_CLIENT_CREDENTIALS)),
      Map.entry(TokenResource.class, Map.of(ANY_METHOD, Operation.MANAGE_OWN_TOKENS)),
      Map.entry(TokenManagementResource.class, Map.of(ANY_METHOD, Operation.MANAGE_TOKENS)),
      Map.entry(ClientSecretResource.class, Map.of(ANY_METHOD, Operation.MANAGE_SECRETS)),
      Map.entry(ScimEndpoint.class, Map.of(HttpMethod.GET, Operation.READ_PRINCIPALS, HttpMethod.POST,
          Operation.CHANGE_PRINCIPALS, HttpMethod.PUT, Operation.CHANGE_PRINCIPALS, HttpMethod.PATCH,
          Operation.CHANGE_PRINCIPALS, HttpMethod.DELETE, Operation.CHANGE_PRINCIPALS)),
      Map.entry(ScimResources.Me.class, Map.of(ANY_METHOD, Operation.READ_PRINCIPALS)),
      Map.entry(ScimDiscovery.class, Map.of(ANY_METHOD, Operation.READ_SCIM_SCHEMAS)),
      Map.entry(AuditResource.class, Map.of(ANY_METHOD, Operation.READ_AUDIT_TRAIL)),
      Map.entry(WorkspaceConfResource.class, Map.of(ANY_METHOD, Operation.MANAGE_WORKSPACE_CONF)),
      Map.entry(TokenPermissionsResource.class, Map.of(ANY_METHOD, Operation.MANAGE_TOKEN_PERMISSIONS)),
      Map.entry(WorkspaceResource.class, Map.of(ANY_METHOD, Operation.MANAGE_WORKSPACES)));

  /**
   * Routes served outside the REST resources, by path prefix. Whether they need credentials is
   * decided before any route, by identity's AuthenticationFilter; a test holds it to these.
   */
  public static final Map<String, Operation> ROUTES = routes();

  private static final Map<Method, Optional<Operation>> CACHE = new ConcurrentHashMap<>();

  private EndpointOperations() {}

  private static Map<String, Operation> routes() {
    Map<String, Operation> routes = new LinkedHashMap<>();
    routes.put("/q/health", Operation.HEALTH);
    routes.put("/api/openapi", Operation.GET_OPENAPI);
    routes.put("/q/metrics", Operation.GET_METRICS);
    routes.put("/ui/", Operation.GET_CONSOLE_PAGE);
    routes.put("/ui/lineage", Operation.GET_LINEAGE_PAGE);
    routes.put("/webjars/", Operation.GET_CONSOLE_PAGE);
    return java.util.Collections.unmodifiableMap(routes);
  }

  /** The operation of a resource method, as invoked on {@code resourceClass}; empty for none. */
  public static Optional<Operation> of(Class<?> resourceClass, Method method) {
    return CACHE.computeIfAbsent(method, m -> find(resourceClass, m));
  }

  private static Optional<Operation> find(Class<?> resourceClass, Method method) {
    Performs performs = method.getAnnotation(Performs.class);
    if (performs == null) {
      performs = resourceClass.getAnnotation(Performs.class);
    }
    if (performs != null) {
      return Optional.of(performs.value());
    }
    for (Class<?> c = resourceClass; c != null && c != Object.class; c = c.getSuperclass()) {
      Map<String, Operation> byMethod = BELOW_AUTHZ.get(c);
      if (byMethod != null) {
        Operation op = byMethod.getOrDefault(ANY_METHOD, byMethod.get(httpMethod(method)));
        return Optional.ofNullable(op);
      }
    }
    return Optional.empty();
  }

  /** The HTTP method a resource method answers ({@code GET}, ...), or null. */
  public static String httpMethod(Method method) {
    for (Annotation a : method.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }
}
