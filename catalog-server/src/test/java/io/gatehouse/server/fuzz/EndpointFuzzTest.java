package io.gatehouse.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.fuzz.OpenApiEndpoints.Endpoint;
import io.gatehouse.server.fuzz.OpenApiEndpoints.Parameter;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.TestIssuer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every path and method of the served OpenAPI document, sent hostile requests over real HTTP by
 * an unprivileged user and by the admin: wrong types, missing and extra fields, boundary lengths,
 * unicode, huge numbers, malformed JSON, bad encodings, wrong content types, hostile path and
 * query parameters. Every answer is 2xx or 4xx within the timeout, names no internal class, SQL
 * or stack frame, and a refused request leaves the catalog, the grants and the audit trail's
 * changes as they were. Seeded ({@code fuzz.seed}); {@code fuzz.rounds}
 * repeats with the next seeds (bench/fuzz/run for the long run).
 */
@QuarkusTest
class EndpointFuzzTest {
  private static final Logger LOG = Logger.getLogger(EndpointFuzzTest.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  /** What no answer may contain: internal class names, SQL, stack frames. */
  static final List<String> LEAKS = List.of("org.hibernate", "org.postgresql", "java.lang", "java.sql", "java.util",
      "io.gatehouse", "io.quarkus", "io.vertx", "io.netty", "com.fasterxml", "jakarta.", "SQLState", "SQL state",
      "select ", "SELECT ", "INSERT INTO", "insert into", "\tat ", ".java:", "ERROR: ", "Exception:");
  // Where an admin's accepted request would change what every other test relies on (network,
  // token policy, workspace settings): swept as the unprivileged user only.
  private static final Pattern ADMIN_SKIPS = Pattern.compile("workspace-conf|ip-access-lists|token");

  enum Kind {
    PLAUSIBLE, EMPTY_OBJECT, MISSING_FIELD, EXTRA_FIELD, WRONG_TYPE, BOUNDARY_STRING, UNICODE, HUGE_NUMBER,
    MALFORMED_JSON, BAD_ENCODING, WRONG_CONTENT_TYPE, NO_BODY, PATH_PARAMETERS, QUERY_PARAMETERS
  }

  @Inject
  AgroalDataSource dataSource;

  @TestHTTPResource("/")
  URI base;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private long auditFrom;

  /**
   * Sends the request; once more on a new connection when a kept-alive one was found closed before
   * any byte of an answer came (the server closes a connection after some refusals, and the
   * client may pick it from its pool in that instant). A server that drops requests fails again.
   */
  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      if (e instanceof HttpTimeoutException || e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
        throw e;
      }
      HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
      return fresh.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void everyEndpointAnswersHostileRequestsWith2xxOr4xxLeaksNothingAndARefusalChangesNothing() throws Exception {
    OpenApiEndpoints api = OpenApiEndpoints.parse(Api.given().accept("application/json").get("/api/openapi")
        .then().statusCode(200).extract().asString());
    assertThat(api.endpoints()).hasSizeGreaterThan(50);
    String email = Identities.email("fuzzer");
    Identities.user(email);
    String user = "Bearer " + TestIssuer.jwt(email);
    String admin = adminHeader();
    Identities.whoami(TestIssuer.jwt(email)).statusCode(200); // first sign-in done before the baseline

    long seed = Long.getLong("fuzz.seed", 21);
    int rounds = Integer.getInteger("fuzz.rounds", 1);
    auditFrom = maxAuditId();
    List<String> failures = new ArrayList<>();
    int sent = 0;
    long started = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      FuzzValues values = new FuzzValues(new Random(seed + round), api.document());
      for (Endpoint endpoint : api.endpoints()) {
        for (Kind kind : Kind.values()) {
          sent += sweep(values, endpoint, kind, user, "user", failures);
          if (!ADMIN_SKIPS.matcher(endpoint.path()).find()) {
            sent += sweep(values, endpoint, kind, admin, "admin", failures);
          }
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    LOG.infof("fuzz: %d endpoints, %d requests in %.1f s (%.0f/s), %d failures, seed %d, rounds %d",
        api.endpoints().size(), sent, seconds, sent / seconds, failures.size(), seed, rounds);
    assertThat(failures).as("%d of %d hostile requests", failures.size(), sent).isEmpty();
  }

  private static String adminHeader() {
    return "Bearer " + org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getValue("gatehouse.bootstrap.admin-token", String.class);
  }

  /** Sends one request of {@code kind} to {@code endpoint}; returns 1, with what went wrong added to {@code failures}. */
  private int sweep(FuzzValues values, Endpoint endpoint, Kind kind, String authorization, String who,
      List<String> failures) throws SQLException, InterruptedException {
    String uri = base.resolve(path(values, endpoint, kind == Kind.PATH_PARAMETERS) + query(values, endpoint,
        kind == Kind.QUERY_PARAMETERS)).toString();
    JsonNode plausible = endpoint.body() == null ? JsonNodeFactory.instance.objectNode() : values.plausible(endpoint.body());
    String contentType = endpoint.bodyType() != null ? endpoint.bodyType() : "application/json";
    byte[] body = bytes(plausible.toString());
    switch (kind) {
      case EMPTY_OBJECT -> body = bytes("{}");
      case MISSING_FIELD -> body = bytes(withField(values, plausible, Edit.REMOVE).toString());
      case EXTRA_FIELD -> body = bytes(withExtra(values, plausible).toString());
      case WRONG_TYPE -> body = bytes(withField(values, plausible, Edit.WRONG_TYPE).toString());
      case BOUNDARY_STRING, UNICODE -> body = bytes(withField(values, plausible, Edit.STRING).toString());
      case HUGE_NUMBER -> body = bytes(withField(values, plausible, Edit.NUMBER).toString());
      case MALFORMED_JSON -> body = bytes(values.malformed(plausible.toString()));
      case BAD_ENCODING -> body = values.badEncoding(plausible.toString());
      case WRONG_CONTENT_TYPE -> contentType = values.pick(List.of("text/plain", "application/xml",
          "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=nope",
          "application/json; charset=UTF-16", "*/*", "image/png"));
      case NO_BODY -> body = null;
      default -> { }
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT)
        .header("Authorization", authorization).header("Accept", "application/json");
    if (body != null && endpoint.hasBody()) {
      request.header("Content-Type", contentType).method(endpoint.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
    }
    String what = who + " " + endpoint + " " + kind + " -> " + uri.substring(0, Math.min(uri.length(), 160));
    String before = digest();
    HttpResponse<String> response;
    try {
      response = send(request.build());
    } catch (HttpTimeoutException e) {
      failures.add(what + ": no answer within " + TIMEOUT);
      return 1;
    } catch (IOException e) {
      failures.add(what + ": connection failed (" + e + ")");
      return 1;
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300 && status < 400 && !endpoint.redirects().contains(status) || status >= 500) {
      failures.add(what + ": " + status + " " + abbreviated(response.body()));
    }
    for (String leak : LEAKS) {
      if (response.body().contains(leak)) {
        failures.add(what + ": answer contains '" + leak + "': " + abbreviated(response.body()));
      }
    }
    if (status >= 400) {
      String after = digest();
      if (!after.equals(before)) {
        failures.add(what + ": refused " + status + " but changed the state " + before + " -> " + after);
      }
    }
    return 1;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviated(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }

  private String path(FuzzValues values, Endpoint endpoint, boolean hostile) {
    String path = endpoint.path();
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = hostile ? values.pick(FuzzValues.STRINGS) : values.unique();
      m.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
    }
    m.appendTail(out);
    return out.substring(1); // relative to base, which ends in '/'
  }

  private static String query(FuzzValues values, Endpoint endpoint, boolean hostile) {
    StringBuilder query = new StringBuilder();
    for (Parameter p : endpoint.parameters()) {
      if (!p.in().equals("query") || !hostile && !p.required()) {
        continue;
      }
      String value = hostile
          ? values.pick(values.pick(List.of(FuzzValues.STRINGS, FuzzValues.NUMBERS)))
          : values.plausible(p.schema()).asText();
      query.append(query.isEmpty() ? '?' : '&').append(encode(p.name())).append('=').append(encode(value));
    }
    if (hostile) {
      query.append(query.isEmpty() ? '?' : '&').append("max_results=-1&page_token=%FF%FE&unknown=1");
    }
    return query.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private enum Edit { REMOVE, WRONG_TYPE, STRING, NUMBER }

  /** {@code plausible} with one top-level field edited; as text, since a huge number is not a Jackson value. */
  private static Object withField(FuzzValues values, JsonNode plausible, Edit edit) {
    if (!(plausible instanceof ObjectNode object) || object.isEmpty()) {
      return switch (edit) {
        case REMOVE -> JsonNodeFactory.instance.objectNode();
        case WRONG_TYPE -> values.wrongType(plausible);
        case STRING -> JsonNodeFactory.instance.textNode(values.pick(FuzzValues.STRINGS));
        case NUMBER -> values.pick(FuzzValues.NUMBERS);
      };
    }
    ObjectNode copy = object.deepCopy();
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = copy.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    String field = values.pick(names);
    switch (edit) {
      case REMOVE -> copy.remove(field);
      case WRONG_TYPE -> copy.set(field, values.wrongType(copy.get(field)));
      case STRING -> copy.put(field, values.pick(FuzzValues.STRINGS));
      case NUMBER -> {
        String marker = "\"" + values.unique() + "\"";
        copy.put(field, marker.substring(1, marker.length() - 1));
        return copy.toString().replace(marker, values.pick(FuzzValues.NUMBERS));
      }
    }
    return copy;
  }

  private static JsonNode withExtra(FuzzValues values, JsonNode plausible) {
    if (!(plausible instanceof ObjectNode object)) {
      return plausible;
    }
    ObjectNode copy = object.deepCopy();
    copy.put("zz_" + values.unique(), values.pick(FuzzValues.STRINGS));
    return copy;
  }

  private long maxAuditId() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM audit_log")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The catalog and the grants (the policy version moves with every change to a securable,
   * grant, filter, mask, membership or principal; the counts say what moved) and the changes the
   * audit trail recorded since the sweep began. Refusals are audited too (DENIED, FAILED): a
   * refused request adds those, never a SUCCEEDED record.
   */
  private String digest() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT version FROM policy_state WHERE id = 1),"
            + " (SELECT count(*) FROM catalogs), (SELECT count(*) FROM schemas), (SELECT count(*) FROM tables),"
            + " (SELECT count(*) FROM volumes), (SELECT count(*) FROM functions), (SELECT count(*) FROM grants),"
            + " (SELECT count(*) FROM principals),"
            + " (SELECT count(*) FROM audit_log WHERE id > " + auditFrom + " AND result = 'SUCCEEDED')")) {
      rs.next();
      StringBuilder digest = new StringBuilder();
      for (int i = 1; i <= 9; i++) {
        digest.append(i > 1 ? "/" : "").append(rs.getLong(i));
      }
      return digest.toString();
    }
  }
}
