package io.gatehouse.engines;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server (catalog-server/target/quarkus-app), started once per JVM as a user starts
 * it, with a known gRPC port: its embedded PostgreSQL under target/, STS and S3 on the test radosgw, configured by system
 * properties on its command line. Spoken to over HTTP only, as an admin with the bootstrap token.
 * Also used by clients/spark's tests (this module's test jar).
 */
public final class GatehouseServer {
  /** A server starting on a busy 2-core machine (Flyway, Hibernate, gRPC) may take a minute or more. */
  private static final long READY_WITHIN_SECONDS = 180;

  private static GatehouseServer instance;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public final Radosgw radosgw;
  public final String base;
  /** The gRPC port, given to engines as {@code grpc-uri}. */
  public final int grpcPort;
  public final String adminToken;
  public final Path dataDir;
  private final Process process;

  private GatehouseServer(Radosgw radosgw) throws Exception {
    this.radosgw = radosgw;
    Path jar = Path.of(System.getProperty("gatehouse.server.jar", "../../catalog-server/target/quarkus-app/quarkus-run.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("packaged server " + jar + " missing: build catalog-server first (mvn package)");
    }
    dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "gatehouse-");
    int port = freePort();
    base = "http://127.0.0.1:" + port;
    grpcPort = freePort();
    adminToken = "gat_engine-tests-" + UUID.randomUUID().toString().replace("-", "");
    Path log = dataDir.resolve("server.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m",
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.grpc.server.port=" + grpcPort,
        "-Dquarkus.management.port=0",
        // Every request the engines make, in target/gatehouse-*/server.log.
        "-Dquarkus.http.access-log.enabled=true",
        "-Dgatehouse.data-dir=" + dataDir.toAbsolutePath(),
        "-Dgatehouse.credentials.sts.endpoint=" + radosgw.endpoint,
        "-Dgatehouse.credentials.sts.access-key-id=" + radosgw.catalog.accessKeyId(),
        "-Dgatehouse.credentials.sts.secret-access-key=" + radosgw.catalog.secretAccessKey(),
        "-Dgatehouse.credentials.default-duration=15m",
        "-Dgatehouse.iceberg.s3.endpoint=" + radosgw.endpoint,
        "-Dgatehouse.iceberg.s3.path-style-access=true",
        "-jar", jar.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN", adminToken);
    process = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_WITHIN_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited early:\n" + Files.readString(log));
      }
      try {
        if (send("GET", base + "/q/health/ready", null, null, java.util.Map.of()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException("server not ready in " + READY_WITHIN_SECONDS + " s:\n" + Files.readString(log));
  }

  /** The server of this JVM, started (with radosgw) on the first call. */
  public static synchronized GatehouseServer get() {
    if (instance == null) {
      try {
        instance = new GatehouseServer(Radosgw.get());
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the packaged server", e);
      }
    }
    return instance;
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The Iceberg REST catalog's URI, as engines are given it. */
  public String icebergUri() {
    return base + "/api/2.1/unity-catalog/iceberg";
  }

  public String serverLog() {
    try {
      return Files.readString(dataDir.resolve("server.log"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** How many requests the access log shows answered {@code status} for {@code method path} (path without query). */
  public long answered(String method, String path, int status) {
    String request = "\"" + method + " " + path;
    return serverLog().lines()
        .filter(l -> l.contains(request + " HTTP/") || l.contains(request + "?"))
        .filter(l -> l.matches(".*\" " + status + " .*"))
        .count();
  }

  // --- The Unity Catalog and SCIM APIs, as the admin ----------------------------------------

  /** POST to the Unity Catalog API as the admin; fails unless 200. Returns the body. */
  public String post(String path, String json) {
    return expect200("POST", "/api/2.1/unity-catalog" + path, json);
  }

  /** Grants {@code privileges} on a securable to {@code principal}. */
  public void grant(String type, String fullName, String principal, String... privileges) {
    StringBuilder list = new StringBuilder();
    for (String p : privileges) {
      list.append(list.isEmpty() ? "" : ",").append('"').append(p).append('"');
    }
    expect200("PATCH", "/api/2.1/unity-catalog/permissions/" + type + "/" + fullName,
        "{\"changes\":[{\"principal\":\"" + principal + "\",\"add\":[" + list + "],\"remove\":[]}]}");
  }

  public void revoke(String type, String fullName, String principal, String privilege) {
    expect200("PATCH", "/api/2.1/unity-catalog/permissions/" + type + "/" + fullName,
        "{\"changes\":[{\"principal\":\"" + principal + "\",\"add\":[],\"remove\":[\"" + privilege + "\"]}]}");
  }

  /** A new user (SCIM), named by an e-mail address; returns the address. */
  public String user(String prefix) {
    String email = unique(prefix) + "@example.com";
    check(call("POST", "/api/2.0/scim/v2/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\"" + email + "\",\"active\":true}", adminToken), 201);
    return email;
  }

  /** A new group with {@code members} (SCIM ids are looked up by name); returns the group's name. */
  public String group(String prefix, String... memberIds) {
    String name = unique(prefix);
    StringBuilder members = new StringBuilder();
    for (String id : memberIds) {
      members.append(members.isEmpty() ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
    }
    check(call("POST", "/api/2.0/scim/v2/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
        + "\"displayName\":\"" + name + "\",\"members\":[" + members + "]}", adminToken), 201);
    return name;
  }

  /** The SCIM id of the user or service principal named {@code name}. */
  public String scimId(String resource, String attribute, String name) {
    String body = check(call("GET", "/api/2.0/scim/v2/" + resource + "?filter=" + attribute + "%20eq%20%22"
        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "%22", null, adminToken), 200).body();
    return field(body.substring(body.indexOf("\"Resources\"")), "id");
  }

  /** Adds a member (SCIM id) to the group named {@code group}, creating the group when missing. */
  public void join(String group, String memberId) {
    String body = check(call("GET", "/api/2.0/scim/v2/Groups?filter=displayName%20eq%20%22" + group + "%22", null,
        adminToken), 200).body();
    if (!body.contains("\"Resources\"") || !body.substring(body.indexOf("\"Resources\"")).contains("\"id\"")) {
      check(call("POST", "/api/2.0/scim/v2/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
          + "\"displayName\":\"" + group + "\",\"members\":[{\"value\":\"" + memberId + "\"}]}", adminToken), 201);
      return;
    }
    String id = field(body.substring(body.indexOf("\"Resources\"")), "id");
    check(call("PATCH", "/api/2.0/scim/v2/Groups/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
        + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + memberId + "\"}]}]}",
        adminToken), 200);
  }

  /** A new service principal named {@code prefix-<random>}; returns its name and a token for it. */
  public Principal principal(String prefix) {
    String name = unique(prefix);
    HttpResponse<String> sp = call("POST", "/api/2.0/scim/v2/ServicePrincipals",
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal\"],\"applicationId\":\"" + name + "\"}", adminToken);
    check(sp, 201);
    String body = expect200("POST", "/api/2.0/token-management/on-behalf-of/tokens", "{\"application_id\":\"" + name + "\"}");
    return new Principal(name, field(body, "token_value"));
  }

  public record Principal(String name, String token) {}

  /** The audit records (as JSON objects) of {@code action} on {@code securable}, with {@code result} if given. */
  public List<String> auditRecords(String action, String securable, String result) {
    String body = expect200("GET", "/api/gatehouse/v1/audit?max_results=1000&action=" + action + "&securable=" + securable
        + (result == null ? "" : "&result=" + result), null);
    List<String> records = new ArrayList<>();
    Matcher m = Pattern.compile("\\{\"id\":").matcher(body);
    List<Integer> starts = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
    }
    for (int i = 0; i < starts.size(); i++) {
      records.add(body.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : body.length()));
    }
    return records;
  }

  /** Runs a SQL script as the admin in {@code catalog.schema} (POST /api/gatehouse/v1/sql). */
  public void sql(String catalog, String schema, String script) {
    expect200("POST", "/api/gatehouse/v1/sql", "{\"statement\":" + jsonString(script) + ",\"catalog\":\"" + catalog
        + "\",\"schema\":\"" + schema + "\"}");
  }

  private static String jsonString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  public HttpResponse<String> call(String method, String path, String json, String token) {
    return call(method, path, json, token, java.util.Map.of());
  }

  public HttpResponse<String> call(String method, String path, String json, String token, java.util.Map<String, String> headers) {
    try {
      return send(method, base + path, json, token, headers);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String expect200(String method, String path, String json) {
    return check(call(method, path, json, adminToken), 200).body();
  }

  private static HttpResponse<String> check(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  public static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }

  public static String unique(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private static HttpResponse<String> send(String method, String url, String body, String bearer,
      java.util.Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
    headers.forEach(request::header);
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      request.header("Content-Type", url.contains("/scim/") ? "application/scim+json" : "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
