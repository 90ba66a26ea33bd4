package io.gatehouse.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.client.model.Identity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Gatehouse REST API for Java programs: catalogs, schemas, tables, volumes and functions (the
 * Unity Catalog 2.1 API), permissions, SQL scripts, personal access tokens and the caller's
 * identity. Thread-safe; one instance per server and credential.
 *
 * <pre>{@code
 * GatehouseClient client = GatehouseClient.builder("http://127.0.0.1:8080").token(token).build();
 * client.catalogs().create("main", "first catalog");
 * for (SchemaInfo s : client.schemas().list("main")) { ... }   // pages as it goes
 * }</pre>
 *
 * Failures are {@link GatehouseException}s of the subclass of the server's error code. GETs are
 * retried on connection failures, 503 and 429 (see {@link RetryPolicy}); nothing else is.
 */
public final class GatehouseClient {
  static final String UC = "/api/2.1/unity-catalog";
  static final String ME = "/api/2.0/scim/v2/Me";

  private final RestTransport rest;
  private final CatalogsApi catalogs;
  private final SchemasApi schemas;
  private final TablesApi tables;
  private final VolumesApi volumes;
  private final FunctionsApi functions;
  private final ModelsApi models;
  private final PermissionsApi permissions;
  private final SqlApi sql;
  private final TokensApi tokens;

  private GatehouseClient(Builder b) {
    this.rest = new RestTransport(b.host, b.token, b.connectTimeout, b.requestTimeout, b.retry, b.userAgent, b.onBehalfOf);
    this.catalogs = new CatalogsApi(rest);
    this.schemas = new SchemasApi(rest);
    this.tables = new TablesApi(rest);
    this.volumes = new VolumesApi(rest);
    this.functions = new FunctionsApi(rest);
    this.models = new ModelsApi(rest);
    this.permissions = new PermissionsApi(rest);
    this.sql = new SqlApi(rest);
    this.tokens = new TokensApi(rest);
  }

  /** {@code host} is the server's base URL, e.g. {@code http://127.0.0.1:8080}; no scheme means http. */
  public static Builder builder(String host) {
    return new Builder(host);
  }

  public URI host() {
    return rest.base();
  }

  public CatalogsApi catalogs() {
    return catalogs;
  }

  public SchemasApi schemas() {
    return schemas;
  }

  public TablesApi tables() {
    return tables;
  }

  public VolumesApi volumes() {
    return volumes;
  }

  public FunctionsApi functions() {
    return functions;
  }

  /** Registered models and their versions. */
  public ModelsApi models() {
    return models;
  }

  public PermissionsApi permissions() {
    return permissions;
  }

  public SqlApi sql() {
    return sql;
  }

  public TokensApi tokens() {
    return tokens;
  }

  /** Who the credential belongs to ({@code GET /api/2.0/scim/v2/Me}). */
  public Identity whoami() {
    JsonNode me = rest.get(ME, null, JsonNode.class);
    boolean servicePrincipal = me.hasNonNull("applicationId");
    List<String> groups = new ArrayList<>();
    me.path("groups").forEach(g -> groups.add(g.path("display").asText(g.path("value").asText())));
    return new Identity(
        me.path("id").asText(null),
        servicePrincipal ? me.get("applicationId").asText() : me.path("userName").asText(null),
        me.path("displayName").asText(null),
        servicePrincipal ? "SERVICE_PRINCIPAL" : "USER",
        me.has("active") ? me.get("active").asBoolean() : null,
        groups);
  }

  public static final class Builder {
    private final URI host;
    private String token;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private String userAgent = "gatehouse-java-client";
    private String onBehalfOf;

    private Builder(String host) {
      this.host = normalize(host);
    }

    /** The bearer credential: an access token ({@code gat_...}) or an OIDC JWT. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** How long one attempt may wait for its answer. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry);
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent);
      return this;
    }

    /**
     * Makes every request for {@code endUser} (a user or service principal name): the token must
     * be an engine's, a member of the server's engines group; decisions are then the end user's.
     * Endpoints that manage identities or credentials refuse such requests.
     */
    public Builder onBehalfOf(String endUser) {
      this.onBehalfOf = endUser == null || endUser.isBlank() ? null : endUser.strip();
      return this;
    }

    public GatehouseClient build() {
      return new GatehouseClient(this);
    }
  }

  /** {@code host:port} becomes {@code http://host:port}; a trailing slash goes. */
  static URI normalize(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("A host is required, e.g. http://127.0.0.1:8080.");
    }
    String h = host.strip();
    if (!h.contains("://")) {
      h = "http://" + h;
    }
    while (h.endsWith("/")) {
      h = h.substring(0, h.length() - 1);
    }
    URI uri = URI.create(h);
    if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException("'" + host + "' is not an http(s) URL of a server.");
    }
    return uri;
  }
}
