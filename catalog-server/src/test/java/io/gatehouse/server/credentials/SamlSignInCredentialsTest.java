package io.gatehouse.server.credentials;

import static io.gatehouse.server.credentials.LakeWorld.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.credentials.SessionPolicy;
import io.gatehouse.credentials.testing.RadosgwIam;
import io.gatehouse.credentials.testing.SamlTestIdp;
import io.gatehouse.credentials.testing.WireRecorder;
import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.common.SqlProbes;
import io.gatehouse.server.identity.Identities;
import io.gatehouse.server.identity.Workspaces;
import io.gatehouse.server.signin.SamlSignInIdp;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SAML passthrough from sign-in, for real where it can be: the sign-in is driven over HTTP
 * against the test identity provider, its AssumeRoleWithSAML is checked on the wire by {@link
 * SignInStsEndpoint} (which answers with real radosgw sessions of the role), and the credentials
 * the user then asks for are assumed from that session by role chaining on radosgw and tried
 * there: the table's prefix only, reads only when asked for reads. The role trusts another
 * identity than Gatehouse's and itself, so only the sign-in's session can reach it.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class SamlSignInCredentialsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LakeWorld lake;
  private static String role;
  private static String otherRole;
  private static String base;
  private static String orders;
  private static String ordersId;
  private static String sibling;

  private final WireRecorder wire = CredentialTestServers.samlSts();
  private SamlSignInIdp idp;
  private SignInStsEndpoint sts;

  @Inject
  AgroalDataSource db;

  @BeforeEach
  void world() {
    idp = SamlSignInIdp.get();
    if (lake == null) {
      lake = LakeWorld.get();
      base = Api.unique("signin").replace('_', '-');
      role = signInRole(IamRoles.name("signin"), base);
      otherRole = signInRole(IamRoles.name("signin-other"), base);
      String credential = Storage.credential(role, "SAML_PASSTHROUGH");
      Storage.credential(otherRole, "SAML_PASSTHROUGH"); // served elsewhere: exchanged at sign-in too
      Storage.location(lake.url(base), credential);
      orders = Api.unique("signin_orders");
      ordersId = lake.table(orders, base + "/" + orders);
      sibling = Api.unique("signin_sibling");
      lake.table(sibling, base + "/" + sibling);
    }
    wire.clear();
    sts = new SignInStsEndpoint(lake.ceph, Set.of(role, otherRole));
    sts.install(wire);
  }

  @AfterEach
  void reset() {
    idp.edit = UnaryOperator.identity();
    wire.answer(r -> WireRecorder.Answer.xml(500, "<Error/>"));
  }

  /**
   * A role trusting the radosgw admin (the test's stand-in for AWS's SAML federation) and itself
   * (role chaining onto the same role), with read and write on {@code prefix}: the session policy
   * alone makes read credentials read-only.
   */
  private static String signInRole(String name, String prefix) {
    String arn = "arn:aws:iam:::role/" + name;
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
        + "\"arn:aws:iam:::user/gatehouse-admin\",\"" + arn + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
    String rights = "{\"Version\":\"2012-10-17\",\"Statement\":["
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\",\"s3:DeleteObject\"],\"Resource\":[\"arn:aws:s3:::"
        + lake.bucket + "/" + prefix + "/*\"]},"
        + "{\"Effect\":\"Allow\",\"Action\":[\"s3:ListBucket\",\"s3:GetBucketLocation\"],\"Resource\":[\"arn:aws:s3:::" + lake.bucket + "\"]}]}";
    RadosgwIam iam = new RadosgwIam(lake.ceph, lake.ceph.admin);
    for (Map<String, String> form : List.of(
        Map.of("Action", "CreateRole", "RoleName", name, "Path", "/", "AssumeRolePolicyDocument", trust),
        Map.of("Action", "PutRolePolicy", "RoleName", name, "PolicyName", "data", "PolicyDocument", rights))) {
      HttpResponse<String> answer = iam.post(new LinkedHashMap<>(form));
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
    return arn;
  }

  /** A user who may read and write {@code orders} (and nothing of the sibling). */
  private static String reader(String prefix) {
    String email = Storage.user(prefix);
    lake.outsideEngine(email);
    Storage.grant("table", lake.fullName(orders), email, "SELECT", "MODIFY");
    return email;
  }

  /** Signs {@code user} in over HTTP, as the browser would, with a response naming {@code roles}; returns the token. */
  private String signIn(String user, Long workspace, String... roles) throws Exception {
    idp.user = user;
    idp.edit = r -> {
      for (String named : roles) {
        r.role(named);
      }
      return r;
    };
    RequestSpecification login = RestAssured.given().redirects().follow(false).queryParam("return_to", "/ui/");
    if (workspace != null) {
      login.queryParam("workspace_id", workspace);
    }
    String location = login.get("/saml/login").then().statusCode(303).extract().header("Location");
    String page = HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher posted = Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"").matcher(page);
    assertThat(posted.find()).isTrue();
    String signedIn = RestAssured.given().contentType("application/x-www-form-urlencoded")
        .formParam("SAMLResponse", posted.group(1)).post("/saml/acs").then().statusCode(200).extract().asString();
    Matcher token = Pattern.compile("setItem\\('gatehouse.lineage.token', '([^']+)'\\)").matcher(signedIn);
    assertThat(token.find()).as(signedIn).isTrue();
    return token.group(1);
  }

  private static ValidatableResponse credentials(String token, String tableId, String operation) {
    return LakeWorld.tableCredentials(Identities.as(token).contentType("application/json").accept("application/json"),
        tableId, operation);
  }

  private static String key(String table) {
    return base + "/" + table + "/part-0.parquet";
  }

  private List<WireRecorder.Recorded> exchanges() {
    return wire.requests().stream().filter(r -> "AssumeRoleWithSAML".equals(r.form().get("Action"))).toList();
  }

  @Test
  void theSignInsResponseIsExchangedAtOnceAndServesScopedCredentialsOnRadosgw() throws Exception {
    String user = reader("signin-reader");
    // STS is called holding no transaction of the sign-in: its token is committed by then.
    List<Integer> committedTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    sts.onCall = () -> committedTokens.add(signInTokens(user));
    String token = signIn(user, null, role, "arn:aws:iam:::role/not-served-by-any-credential");
    sts.onCall = null;
    assertThat(committedTokens).containsExactly(1);

    // Exchanged at sign-in, once, for the served role only, with the response the identity provider signed.
    assertThat(sts.refusals).isEmpty();
    assertThat(exchanges()).singleElement().satisfies(r -> {
      assertThat(r.header("Authorization")).isNull();
      assertThat(r.form()).containsEntry("RoleArn", role).containsEntry("PrincipalArn", SamlTestIdp.PROVIDER_ARN)
          .containsEntry("SAMLAssertion", idp.lastResponse).containsEntry("DurationSeconds", "3600")
          .containsEntry("Policy", SessionPolicy.chainOnly(role));
    });
    // The sign-in's own session reaches no data (it may only assume the role again).
    var session = sts.issued.get(0);
    S3Client broad = lake.ceph.s3(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    lake.put(key(orders), "rows of " + orders);
    assertThat(status(() -> lake.read(broad, key(orders)))).isEqualTo(403);

    // Credentials asked for with the sign-in's token: chained from that session, narrowed to the table.
    var read = credentials(token, ordersId, "READ").statusCode(200);
    String accessKey = read.extract().path("aws_temp_credentials.access_key_id");
    assertThat(accessKey).isNotEqualTo(session.accessKeyId());
    long expires = ((Number) read.extract().path("expiration_time")).longValue();
    assertThat(Instant.ofEpochMilli(expires)).isBeforeOrEqualTo(session.expiration());
    S3Client reader = lake.s3(read);
    assertThat(lake.read(reader, key(orders))).isEqualTo("rows of " + orders);
    assertThat(status(() -> lake.read(reader, key(sibling)))).isEqualTo(403);
    assertThat(status(() -> lake.write(reader, base + "/" + orders + "/part-1.parquet"))).isEqualTo(403);

    S3Client writer = lake.s3(credentials(token, ordersId, "READ_WRITE"));
    lake.write(writer, base + "/" + orders + "/part-2.parquet");
    assertThat(status(() -> lake.write(writer, base + "/" + sibling + "/part-2.parquet"))).isEqualTo(403);
    assertThat(status(() -> lake.read(writer, key(sibling)))).isEqualTo(403);

    // gRPC ResolveTable hands out the same scoped credentials.
    int port = ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      Metadata auth = new Metadata();
      auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
      ResolveTableResponse r = TableServiceGrpc.newBlockingStub(channel)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth)).withDeadlineAfter(30, TimeUnit.SECONDS)
          .resolveTable(ResolveTableRequest.newBuilder().setFullName(lake.fullName(orders))
              .setCredentials(CredentialOperation.READ).build());
      S3Client grpc = lake.ceph.s3(r.getCredentials().getAccessKeyId(), r.getCredentials().getSecretAccessKey(),
          r.getCredentials().getSessionToken());
      assertThat(lake.read(grpc, key(orders))).isEqualTo("rows of " + orders);
      assertThat(status(() -> lake.read(grpc, key(sibling)))).isEqualTo(403);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    // No further exchange: the requests were served from the sign-in's session.
    assertThat(exchanges()).hasSize(1);

    // Neither the response nor any secret is in the audit trail or readable in the database.
    String secret = session.secretAccessKey();
    String sessionToken = session.sessionToken();
    try (Connection c = db.getConnection()) {
      try (PreparedStatement s = c.prepareStatement("SELECT string_agg(coalesce(detail, ''), ' ') FROM audit_log"
          + " WHERE lower(principal) = lower(?) OR action = ?")) {
        s.setString(1, user);
        s.setString(2, SignInCredentials.ACTION);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          assertThat(rs.getString(1)).contains("AssumeRoleWithSAML of " + role).doesNotContain(secret)
              .doesNotContain(sessionToken).doesNotContain(idp.lastResponse.substring(0, 40));
        }
      }
      try (PreparedStatement s = c.prepareStatement("SELECT sealed FROM sign_in_credentials c JOIN tokens t ON t.id = c.token_id"
          + " JOIN principals p ON p.id = t.principal_id WHERE p.name = ?")) {
        s.setString(1, user);
        try (ResultSet rs = s.executeQuery()) {
          assertThat(rs.next()).isTrue();
          String stored = new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1);
          assertThat(stored).doesNotContain(secret).doesNotContain(session.accessKeyId()).doesNotContain(sessionToken.substring(0, 20));
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }

  @Test
  void nobodyElsesCredentialOpensTheSignInsSession() throws Exception {
    String user = reader("signin-owner");
    String token = signIn(user, null, role);
    credentials(token, ordersId, "READ").statusCode(200);

    // The same user's personal access token, and its OIDC JWT: no sign-in, so today's refusal.
    String pat = Identities.as(token).contentType("application/json").body(Map.of("comment", "pat", "lifetime_seconds", 600))
        .post("/api/2.0/token/create").then().statusCode(200).extract().path("token_value");
    Api.error(credentials(pat, ordersId, "READ"), 400, "FAILED_PRECONDITION").body("message", containsString("saml_response"));
    Api.error(LakeWorld.tableCredentials(Storage.as(user), ordersId, "READ"), 400, "FAILED_PRECONDITION")
        .body("message", containsString("SAML sign-in"));

    // Another user with the same grants, signed in with no role: the first user's session is not theirs.
    String other = reader("signin-other");
    String otherToken = signIn(other, null);
    Api.error(credentials(otherToken, ordersId, "READ"), 403, "PERMISSION_DENIED")
        .body("message", containsString("holds no AWS session of role " + role)).body("message", containsString("sign in again"));
    // The same user's second sign-in, naming another role: bound to the sign-in, not to the user.
    String second = signIn(user, null, otherRole);
    Api.error(credentials(second, ordersId, "READ"), 403, "PERMISSION_DENIED")
        .body("message", containsString("it holds " + otherRole));
    credentials(token, ordersId, "READ").statusCode(200);

    // An admin ends the sign-in (token management): the token and its sessions are gone at once.
    String tokenId = tokenIdOf(user, token);
    assertThat(sessionRows(tokenId)).isEqualTo(1);
    Api.json().delete("/api/2.0/token-management/tokens/" + tokenId).then().statusCode(200);
    assertThat(sessionRows(tokenId)).isZero();
    credentials(token, ordersId, "READ").statusCode(401);

    // Signing out does the same.
    String again = signIn(user, null, role);
    String againId = tokenIdOf(user, again);
    credentials(again, ordersId, "READ").statusCode(200);
    Identities.as(again).post("/saml/logout").then().statusCode(204);
    assertThat(sessionRows(againId)).isZero();
    credentials(again, ordersId, "READ").statusCode(401);
  }

  @Test
  void aSignInOfAnotherWorkspaceServesOnlyThere() throws Exception {
    String user = reader("signin-ws");
    String userId = Identities.scim().queryParam("filter", "userName eq \"" + user + "\"").get(Identities.SCIM + "/Users")
        .then().statusCode(200).extract().path("Resources[0].id");
    long workspace = ((Number) Api.json().body(Map.of("workspace_name", Api.unique("signin-ws")))
        .post("/api/2.0/accounts/gatehouse/workspaces").then().statusCode(200).extract().path("workspace_id")).longValue();
    Api.json().body(Map.of("permissions", List.of("USER")))
        .put("/api/2.0/accounts/gatehouse/workspaces/" + workspace + "/permissionassignments/principals/" + userId)
        .then().statusCode(200);
    String token = signIn(user, workspace, role);
    LakeWorld.tableCredentials(Identities.as(token).header(Workspaces.HEADER, Long.toString(workspace))
        .contentType("application/json"), ordersId, "READ").statusCode(200);
    int before = sts.issued.size();
    Api.error(LakeWorld.tableCredentials(Identities.as(token).header(Workspaces.HEADER, "0").contentType("application/json"),
        ordersId, "READ"), 401, "UNAUTHENTICATED").body("message", containsString("another workspace"));
    assertThat(sts.issued).hasSize(before);
  }

  @Test
  void theSessionLastsUntilItExpiresThenTheUserSignsInAgain() throws Exception {
    String user = reader("signin-expiry");
    Instant ends = Instant.now().plusSeconds(8).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    sts.expiration = ends;
    String token = signIn(user, null, role);
    var read = credentials(token, ordersId, "READ").statusCode(200);
    // STS's shortest session is 15 minutes; the client is told the sign-in's end.
    assertThat(((Number) read.extract().path("expiration_time")).longValue()).isEqualTo(ends.toEpochMilli());
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), ends).toMillis()) + 1000);
    Api.error(credentials(token, ordersId, "READ"), 403, "PERMISSION_DENIED")
        .body("message", containsString("expired at " + ends)).body("message", containsString("sign in again"));
    Identities.whoami(token).statusCode(200); // the sign-in itself lasts; only its AWS session ended
    sts.expiration = null;
    String again = signIn(user, null, role);
    lake.read(lake.s3(credentials(again, ordersId, "READ")), key(orders));
  }

  @Test
  void responsesNamingNoServedRoleOrRefusedBySts() throws Exception {
    String user = reader("signin-norole");
    signIn(user, null);
    // Served roles in other spellings are other roles: IAM compares ARNs exactly.
    signIn(user, null, "arn:aws:iam:::role/not-served-by-any-credential", role.replace(":role/signin", ":role/SIGNIN"),
        role + "/", role.replace("arn:aws:", "arn:aws-cn:"));
    assertThat(exchanges()).isEmpty(); // nothing served: no call, nothing kept

    // STS refusing the exchange does not stop the sign-in; credential requests say to sign in again.
    wire.answer(r -> WireRecorder.Answer.xml(403, WireRecorder.stsError("AccessDenied", "Not authorized")));
    String token = signIn(user, null, role);
    assertThat(exchanges()).hasSize(1);
    Identities.whoami(token).statusCode(200);
    Api.error(credentials(token, ordersId, "READ"), 403, "PERMISSION_DENIED").body("message", containsString("sign in again"));
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT result, detail FROM audit_log WHERE action = ? AND lower(principal) = lower(?)")) {
      s.setString(1, SignInCredentials.ACTION);
      s.setString(2, user);
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1) + " " + rs.getString(2));
        }
      }
      assertThat(rows).singleElement().satisfies(row -> assertThat(row).startsWith("FAILED").contains(role).contains("AccessDenied"));
    }
  }

  /**
   * The Iceberg REST catalog serves a sign-in as the Unity Catalog path does: the catalog's own
   * metadata writes, {@code loadTable}'s vended credentials and the credentials endpoint are all
   * chained from the sign-in's session and narrowed to the table; a personal access token of the
   * same user gets nothing.
   */
  @Test
  void theIcebergCatalogVendsFromTheSignInsSession() throws Exception {
    String user = Storage.user("signin-ice");
    String warehouse = Api.unique("signin_ice");
    String root = base + "/" + warehouse;
    Api.post("/catalogs", Map.of("name", warehouse, "storage_root", lake.url(root))).statusCode(200);
    Storage.grant("catalog", warehouse, user, "USE CATALOG", "CREATE SCHEMA");
    String token = signIn(user, null, role);
    String iceberg = "/api/2.1/unity-catalog/iceberg/v1/" + warehouse;
    String ns = Api.unique("ns");
    Identities.as(token).contentType("application/json").body(Map.of("namespace", List.of(ns)))
        .post(iceberg + "/namespaces").then().statusCode(200);
    Storage.grant("schema", warehouse + "." + ns, user, "EXTERNAL USE SCHEMA");
    String schema = "{\"type\": \"struct\", \"schema-id\": 0, \"fields\": [{\"id\": 1, \"name\": \"id\", \"required\": false,"
        + " \"type\": \"long\"}]}";
    // Created with the sign-in's token: the catalog writes the first metadata with the sign-in's session.
    for (String name : List.of("ice", "ice_sibling")) {
      Identities.as(token).contentType("application/json").body("{\"name\": \"" + name + "\", \"schema\": " + schema + "}")
          .post(iceberg + "/namespaces/" + ns + "/tables").then().statusCode(200);
    }
    int exchanged = exchanges().size();
    String table = iceberg + "/namespaces/" + ns + "/tables/ice";
    var loaded = Identities.as(token).header("X-Iceberg-Access-Delegation", "vended-credentials").get(table)
        .then().statusCode(200).body("config.'s3.session-token'", org.hamcrest.Matchers.notNullValue()).extract();
    String location = loaded.path("metadata.location");
    String prefix = location.substring(("s3://" + lake.bucket + "/").length());
    assertThat(prefix).startsWith(root + "/");
    S3Client s3 = lake.ceph.s3(loaded.path("config.'s3.access-key-id'"), loaded.path("config.'s3.secret-access-key'"),
        loaded.path("config.'s3.session-token'"));
    String metadataKey = ((String) loaded.path("'metadata-location'")).substring(("s3://" + lake.bucket + "/").length());
    assertThat(lake.read(s3, metadataKey)).contains("\"format-version\"");
    lake.write(s3, prefix + "/data/part-0.parquet"); // the owner may modify: read-write
    String siblingMetadata = ((String) Identities.as(token).get(iceberg + "/namespaces/" + ns + "/tables/ice_sibling")
        .then().statusCode(200).extract().path("'metadata-location'")).substring(("s3://" + lake.bucket + "/").length());
    assertThat(status(() -> lake.read(s3, siblingMetadata))).isEqualTo(403);
    assertThat(status(() -> lake.write(s3, root + "/elsewhere.parquet"))).isEqualTo(403);

    // The credentials endpoint (the client's refresh) likewise.
    var refreshed = Identities.as(token).get(table + "/credentials").then().statusCode(200).extract();
    S3Client again = lake.ceph.s3(refreshed.path("'storage-credentials'[0].config.'s3.access-key-id'"),
        refreshed.path("'storage-credentials'[0].config.'s3.secret-access-key'"),
        refreshed.path("'storage-credentials'[0].config.'s3.session-token'"));
    assertThat(lake.read(again, metadataKey)).contains("\"format-version\"");
    assertThat(status(() -> lake.read(again, siblingMetadata))).isEqualTo(403);
    assertThat(exchanges()).hasSize(exchanged); // chained from the sign-in's session: no new exchange

    // The same user's personal access token holds no sign-in: refused as on the Unity Catalog path.
    String pat = Identities.as(token).contentType("application/json").body(Map.of("comment", "pat", "lifetime_seconds", 600))
        .post("/api/2.0/token/create").then().statusCode(200).extract().path("token_value");
    Identities.as(pat).header("X-Iceberg-Access-Delegation", "vended-credentials").get(table).then().statusCode(400)
        .body("error.message", containsString("saml_response"));
    Identities.as(pat).get(table + "/credentials").then().statusCode(400);
    // Signed out: the token, and with it the sessions, are gone.
    Identities.as(token).post("/saml/logout").then().statusCode(204);
    Identities.as(token).get(table + "/credentials").then().statusCode(401);
  }

  /** The SIGN_IN tokens of {@code user} committed to the database, as another connection sees them. */
  private int signInTokens(String user) {
    try (Connection c = db.getConnection()) {
      return (int) SqlProbes.signInTokens(c, user);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String tokenIdOf(String user, String token) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT id FROM tokens WHERE hash = sha256(convert_to(?, 'UTF8'))")) {
      s.setString(1, token);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("token of " + user).isTrue();
        return rs.getString(1);
      }
    }
  }

  private int sessionRows(String tokenId) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM sign_in_credentials WHERE token_id = ?")) {
      s.setString(1, tokenId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
