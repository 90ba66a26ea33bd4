package io.gatehouse.server.identity;

import static io.gatehouse.server.identity.Identities.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workspaces and catalog bindings driven through the account API, the bindings API and the
 * catalog API: two workspaces, users assigned directly and through nested groups, a catalog
 * isolated and bound read-only to one of them. Every refusal is tried as an attacker would:
 * another workspace's token, an unassigned user, the owner and the admins from an unbound
 * workspace, header and host spellings.
 */
@QuarkusTest
class WorkspacesTest {
  private static final String ACCOUNT = "/api/2.0/accounts/gatehouse/workspaces";
  private static final String HEADER = Workspaces.HEADER;
  private static long analytics;
  private static long science;
  private static String analyticsDeployment;
  private static String reader;
  private static String readerId;
  private static String nestedReader;
  private static String outsider;
  private static String owner;
  private static String catalog;

  @BeforeEach
  void world() {
    if (catalog == null) {
      build();
    }
  }

  private static void build() {
    analyticsDeployment = Api.unique("ana").replace("_", "-").toLowerCase();
    analytics = workspace(Api.unique("analytics"), analyticsDeployment);
    science = workspace(Api.unique("science"), null);
    reader = Identities.email("reader");
    nestedReader = Identities.email("nested");
    outsider = Identities.email("outsider");
    owner = Identities.email("owner");
    readerId = Identities.user(reader);
    String nestedId = Identities.user(nestedReader);
    Identities.user(outsider);
    String ownerId = Identities.user(owner);
    String inner = Identities.group(Api.unique("inner"), nestedId);
    String outer = Identities.group(Api.unique("outer"), inner);
    assign(analytics, readerId, "USER");
    assign(analytics, ownerId, "ADMIN");
    assign(science, outer, "USER");
    assign(science, ownerId, "USER");

    catalog = Api.catalog();
    patch(Api.BASE + "/catalogs/" + catalog, Map.of("owner", owner)).statusCode(200);
    for (String user : List.of(reader, nestedReader)) {
      patch(Api.BASE + "/permissions/catalog/" + catalog,
          Map.of("changes", List.of(Map.of("principal", user, "add", List.of("USE_CATALOG", "USE_SCHEMA", "CREATE_SCHEMA")))))
          .statusCode(200);
    }
  }

  private static ValidatableResponse post(String path, Object body) {
    return Api.json().body(body).post(path).then();
  }

  private static ValidatableResponse patch(String path, Object body) {
    return Api.json().body(body).patch(path).then();
  }

  private static ValidatableResponse get(String path) {
    return Api.json().get(path).then();
  }

  private static ValidatableResponse delete(String path) {
    return Api.json().delete(path).then();
  }

  private static long workspace(String name, String deployment) {
    Map<String, Object> body = deployment == null ? Map.of("workspace_name", name)
        : Map.of("workspace_name", name, "deployment_name", deployment);
    return ((Number) post(ACCOUNT, body).statusCode(200)
        .body("workspace_status", equalTo("RUNNING")).extract().path("workspace_id")).longValue();
  }

  private static void assign(long workspace, String principalId, String permission) {
    Api.json().body(Map.of("permissions", List.of(permission)))
        .put(ACCOUNT + "/" + workspace + "/permissionassignments/principals/" + principalId).then().statusCode(200);
  }

  /** A request as {@code user} (a JWT from the test issuer) addressing {@code workspace}. */
  private static RequestSpecification in(long workspace, String user) {
    return as(TestIssuer.jwt(user)).header(HEADER, Long.toString(workspace)).contentType("application/json");
  }

  /** A personal access token of {@code user}, issued in {@code workspace}. */
  private static String tokenIn(long workspace, String user) {
    return in(workspace, user).body(Map.of("comment", "ws")).post("/api/2.0/token/create")
        .then().statusCode(200).extract().path("token_value");
  }

  private void isolateAndBindAnalyticsReadOnly() {
    patch(Api.BASE + "/catalogs/" + catalog, Map.of("isolation_mode", "ISOLATED")).statusCode(200)
        .body("isolation_mode", equalTo("ISOLATED"));
    patch(Api.BASE + "/bindings/catalog/" + catalog,
        Map.of("add", List.of(Map.of("workspace_id", analytics, "binding_type", "BINDING_TYPE_READ_ONLY")))).statusCode(200);
  }

  @Test
  void theDefaultWorkspaceExistsAndAdmitsEveryone() {
    get(ACCOUNT).statusCode(200).body("workspace_id", hasItem(0));
    Identities.whoami(tokenIn(0, outsider)).statusCode(200);
  }

  @Test
  void aTokenWorksOnlyInTheWorkspaceItWasIssuedIn() {
    String token = tokenIn(analytics, reader);
    Identities.whoami(token).statusCode(200);
    as(token).header(HEADER, Long.toString(analytics)).get(Api.BASE + "/catalogs").then().statusCode(200);
    as(token).header(HEADER, Long.toString(science)).get(Api.BASE + "/catalogs").then().statusCode(401)
        .body("message", containsString("another workspace"));
    as(token).header(HEADER, "0").get(Api.BASE + "/catalogs").then().statusCode(401);
    // The admin's bootstrap token belongs to the default workspace.
    Api.given().header(HEADER, Long.toString(analytics)).get(Api.BASE + "/catalogs").then().statusCode(401);
  }

  @Test
  void onlyAssignedPrincipalsActInAWorkspaceDirectlyOrThroughNestedGroups() {
    in(analytics, reader).get(Api.BASE + "/catalogs").then().statusCode(200);
    in(science, nestedReader).get(Api.BASE + "/catalogs").then().statusCode(200);
    in(analytics, outsider).get(Api.BASE + "/catalogs").then().statusCode(401)
        .body("message", containsString("not assigned to workspace " + analytics));
    in(analytics, nestedReader).get(Api.BASE + "/catalogs").then().statusCode(401);
    in(science, reader).get(Api.BASE + "/catalogs").then().statusCode(401);
  }

  @Test
  void aWorkspaceIsAddressedByItsDeploymentNameAndTwoNamesAreRefused() {
    as(TestIssuer.jwt(reader)).header("Host", analyticsDeployment.toUpperCase() + ".gatehouse.example.com")
        .get(Api.BASE + "/catalogs").then().statusCode(200);
    as(TestIssuer.jwt(outsider)).header("Host", analyticsDeployment + ".gatehouse.example.com")
        .get(Api.BASE + "/catalogs").then().statusCode(401);
    as(TestIssuer.jwt(reader)).header("Host", analyticsDeployment + ".gatehouse.example.com").header(HEADER, Long.toString(science))
        .get(Api.BASE + "/catalogs").then().statusCode(400 + 1);
    for (String bad : List.of("abc", "1e3", "", "99999999999999999999", "-1")) {
      as(TestIssuer.jwt(reader)).header(HEADER, bad).get(Api.BASE + "/catalogs").then().statusCode(401);
    }
  }

  @Test
  void anIsolatedCatalogIsInvisibleFromAnUnboundWorkspaceEvenToItsOwner() {
    isolateAndBindAnalyticsReadOnly();
    // Bound read-only: reads work, every write is refused, for the owner too.
    in(analytics, reader).get(Api.BASE + "/catalogs/" + catalog).then().statusCode(200);
    in(analytics, reader).get(Api.BASE + "/catalogs").then().statusCode(200).body("catalogs.name", hasItem(catalog));
    in(analytics, reader).body(Map.of("name", "s1", "catalog_name", catalog)).post(Api.BASE + "/schemas").then().statusCode(403)
        .body("message", containsString("read-only to workspace " + analytics));
    in(analytics, owner).body(Map.of("comment", "x")).patch(Api.BASE + "/catalogs/" + catalog).then().statusCode(403);
    in(analytics, owner).delete(Api.BASE + "/catalogs/" + catalog).then().statusCode(403);
    in(analytics, owner).body(Map.of("isolation_mode", "OPEN")).patch(Api.BASE + "/catalogs/" + catalog).then().statusCode(403);
    // Not bound: invisible and refused, to the owner and a reader with grants alike.
    in(science, nestedReader).get(Api.BASE + "/catalogs").then().statusCode(200).body("catalogs.name", not(hasItem(catalog)));
    in(science, nestedReader).get(Api.BASE + "/catalogs/" + catalog).then().statusCode(403)
        .body("message", containsString("not bound to workspace " + science));
    in(science, owner).get(Api.BASE + "/catalogs/" + catalog).then().statusCode(403);
    in(science, owner).body(Map.of("changes", List.of(Map.of("principal", nestedReader, "add", List.of("SELECT")))))
        .patch(Api.BASE + "/permissions/catalog/" + catalog).then().statusCode(403);
    in(science, owner).body(Map.of("add", List.of(Map.of("workspace_id", science))))
        .patch(Api.BASE + "/bindings/catalog/" + catalog).then().statusCode(403);
    // The workspace it was isolated from was bound read-write: the admin still manages it there.
    get(Api.BASE + "/bindings/catalog/" + catalog).statusCode(200)
        .body("bindings.find { it.workspace_id == 0 }.binding_type", equalTo("BINDING_TYPE_READ_WRITE"))
        .body("bindings.find { it.workspace_id == " + analytics + " }.binding_type", equalTo("BINDING_TYPE_READ_ONLY"));

    // Bound read-write to science: the same users now reach it there; unbound from analytics, they do not.
    patch(Api.BASE + "/bindings/catalog/" + catalog, Map.of(
        "add", List.of(Map.of("workspace_id", science, "binding_type", "BINDING_TYPE_READ_WRITE")),
        "remove", List.of(Map.of("workspace_id", analytics)))).statusCode(200);
    in(science, nestedReader).get(Api.BASE + "/catalogs").then().statusCode(200).body("catalogs.name", hasItem(catalog));
    in(science, owner).body(Map.of("comment", "bound")).patch(Api.BASE + "/catalogs/" + catalog).then().statusCode(200);
    in(analytics, reader).get(Api.BASE + "/catalogs/" + catalog).then().statusCode(403);
    get(Api.BASE + "/workspace-bindings/catalogs/" + catalog).statusCode(200)
        .body("workspaces", hasItem(science)).body("workspaces", not(hasItem(analytics)));

    // Open again: every workspace reaches it.
    patch(Api.BASE + "/catalogs/" + catalog, Map.of("isolation_mode", "OPEN")).statusCode(200);
    in(analytics, reader).get(Api.BASE + "/catalogs/" + catalog).then().statusCode(200);
  }

  @Test
  void enginesSqlAndIcebergClientsMeetTheSameBindings() throws Exception {
    String isolated = Api.catalog();
    patch(Api.BASE + "/permissions/catalog/" + isolated, Map.of("changes", List.of(
        Map.of("principal", reader, "add", List.of("USE_CATALOG", "USE_SCHEMA", "CREATE_SCHEMA", "SELECT")),
        Map.of("principal", nestedReader, "add", List.of("USE_CATALOG", "USE_SCHEMA", "CREATE_SCHEMA", "SELECT"))))).statusCode(200);
    patch(Api.BASE + "/catalogs/" + isolated, Map.of("isolation_mode", "ISOLATED")).statusCode(200);
    patch(Api.BASE + "/bindings/catalog/" + isolated,
        Map.of("add", List.of(Map.of("workspace_id", analytics, "binding_type", "BINDING_TYPE_READ_ONLY")))).statusCode(200);
    String inAnalytics = tokenIn(analytics, reader);
    String inScience = tokenIn(science, nestedReader);

    int port = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.grpc.server.test-port", Integer.class);
    var channel = io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      var catalogs = io.gatehouse.proto.v1.ListAuthorizedRequest.newBuilder()
          .setType(io.gatehouse.proto.v1.SecurableType.CATALOG).setPageSize(1000).build();
      assertThat(grpc(channel, inAnalytics, null).listAuthorized(catalogs).getSecurablesList())
          .extracting(c -> c.getFullName()).contains(isolated);
      assertThat(grpc(channel, inScience, null).listAuthorized(catalogs).getSecurablesList())
          .extracting(c -> c.getFullName()).doesNotContain(isolated);
      var check = io.gatehouse.proto.v1.AuthorizeRequest.newBuilder().addChecks(io.gatehouse.proto.v1.Check.newBuilder()
          .setSecurable(io.gatehouse.proto.v1.SecurableRef.newBuilder().setType(io.gatehouse.proto.v1.SecurableType.CATALOG)
              .setFullName(isolated))
          .setPrivilege(io.gatehouse.proto.v1.Privilege.USE_CATALOG)).build();
      assertThat(grpc(channel, inAnalytics, null).authorize(check).getDecisions(0).getAllowed()).isTrue();
      assertThat(grpc(channel, inScience, null).authorize(check).getDecisions(0).getAllowed()).isFalse();
      // A token used to address another workspace over gRPC is refused as over HTTP.
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> grpc(channel, inAnalytics, Long.toString(science)).authorize(check))
          .hasMessageContaining("UNAUTHENTICATED");
    } finally {
      channel.shutdownNow();
    }

    // SQL: listed and readable read-only, never changed; unseen from the unbound workspace.
    as(inAnalytics).contentType("application/json").body(Map.of("statement", "SHOW CATALOGS"))
        .post("/api/gatehouse/v1/sql").then().statusCode(200).body(containsString(isolated));
    as(inAnalytics).contentType("application/json").body(Map.of("statement", "CREATE SCHEMA " + isolated + ".fresh"))
        .post("/api/gatehouse/v1/sql").then().statusCode(403);
    as(inScience).contentType("application/json").body(Map.of("statement", "SHOW CATALOGS"))
        .post("/api/gatehouse/v1/sql").then().statusCode(200).body(not(containsString(isolated)));
    // The Iceberg REST catalog: the warehouse is not there for the unbound workspace.
    as(inScience).get(Api.BASE + "/iceberg/v1/config?warehouse=" + isolated).then().statusCode(403);
    as(inAnalytics).get(Api.BASE + "/iceberg/v1/config?warehouse=" + isolated).then().statusCode(200);
  }

  private static io.gatehouse.proto.v1.AuthorizationServiceGrpc.AuthorizationServiceBlockingStub grpc(
      io.grpc.Channel channel, String token, String workspace) {
    return io.gatehouse.proto.v1.AuthorizationServiceGrpc.newBlockingStub(channel)
        .withCallCredentials(new io.grpc.CallCredentials() {
          @Override
          public void applyRequestMetadata(RequestInfo info, java.util.concurrent.Executor executor, MetadataApplier applier) {
            io.grpc.Metadata m = new io.grpc.Metadata();
            m.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            if (workspace != null) {
              m.put(io.grpc.Metadata.Key.of("x-databricks-org-id", io.grpc.Metadata.ASCII_STRING_MARSHALLER), workspace);
            }
            applier.apply(m);
          }
        }).withDeadlineAfter(20, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void anIsolatedExternalLocationAndCredentialAreOutOfReachFromUnboundWorkspaces() {
    String credential = io.gatehouse.server.credentials.Storage.credential("arn:aws:iam::123456789012:role/ws-" + science, null);
    String bucket = "ws-" + Api.unique("b").toLowerCase().replace('_', '-');
    String location = io.gatehouse.server.credentials.Storage.location("s3://" + bucket + "/raw", credential);
    for (String user : List.of(reader, nestedReader)) {
      patch(Api.BASE + "/permissions/external_location/" + location,
          Map.of("changes", List.of(Map.of("principal", user, "add", List.of("READ_FILES", "WRITE_FILES"))))).statusCode(200);
      patch(Api.BASE + "/permissions/storage_credential/" + credential,
          Map.of("changes", List.of(Map.of("principal", user, "add", List.of("READ_FILES"))))).statusCode(200);
    }
    patch(Api.BASE + "/external-locations/" + location, Map.of("isolation_mode", "ISOLATION_MODE_ISOLATED")).statusCode(200)
        .body("isolation_mode", equalTo("ISOLATION_MODE_ISOLATED"));
    patch(Api.BASE + "/credentials/" + credential, Map.of("isolation_mode", "ISOLATION_MODE_ISOLATED")).statusCode(200)
        .body("isolation_mode", equalTo("ISOLATION_MODE_ISOLATED"));
    patch(Api.BASE + "/bindings/external_location/" + location,
        Map.of("add", List.of(Map.of("workspace_id", analytics, "binding_type", "BINDING_TYPE_READ_ONLY")))).statusCode(200);
    patch(Api.BASE + "/bindings/storage_credential/" + credential,
        Map.of("add", List.of(Map.of("workspace_id", analytics)))).statusCode(200);

    in(analytics, reader).get(Api.BASE + "/external-locations").then().statusCode(200)
        .body("external_locations.name", hasItem(location));
    in(analytics, reader).get(Api.BASE + "/credentials").then().statusCode(200).body("credentials.name", hasItem(credential));
    in(science, nestedReader).get(Api.BASE + "/external-locations").then().statusCode(200)
        .body("external_locations.name", not(hasItem(location)));
    in(science, nestedReader).get(Api.BASE + "/credentials").then().statusCode(200)
        .body("credentials.name", not(hasItem(credential)));
    in(science, nestedReader).get(Api.BASE + "/external-locations/" + location).then().statusCode(403);
    // Path credentials: refused for writing through the read-only binding, for anything from the unbound workspace.
    in(analytics, reader).body(Map.of("url", "s3://" + bucket + "/raw/x", "operation", "PATH_READ_WRITE"))
        .post(Api.BASE + "/temporary-path-credentials").then().statusCode(403)
        .body("message", containsString("read-only to workspace " + analytics));
    in(science, nestedReader).body(Map.of("url", "s3://" + bucket + "/raw/x", "operation", "PATH_READ"))
        .post(Api.BASE + "/temporary-path-credentials").then().statusCode(403)
        .body("message", containsString("not bound to workspace " + science));
    // Admins see them only where bound, too (their token is the default workspace's, bound read-write on isolation).
    get(Api.BASE + "/external-locations/" + location).statusCode(200);
  }

  @Test
  void aConsoleSignInIsForTheWorkspaceItsRequestNamedAndOnlyForItsMembers() throws Exception {
    var idp = io.gatehouse.server.signin.SamlSignInIdp.get();
    idp.groups = List.of();
    idp.edit = java.util.function.UnaryOperator.identity();
    idp.user = reader;
    var signedIn = samlSignIn(idp, Long.toString(analytics));
    signedIn.then().statusCode(200);
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("'(gat_[^']+)'").matcher(signedIn.asString());
    assertThat(token.find()).isTrue();
    as(token.group(1)).get(Api.BASE + "/catalogs").then().statusCode(200);
    as(token.group(1)).header(HEADER, Long.toString(science)).get(Api.BASE + "/catalogs").then().statusCode(401);
    // Not assigned to science: the identity provider's word does not make it a member.
    samlSignIn(idp, Long.toString(science)).then().statusCode(403).body(containsString("not assigned to workspace " + science));
    io.restassured.RestAssured.given().redirects().follow(false).queryParam("workspace_id", "nope").get("/saml/login")
        .then().statusCode(400);
    io.restassured.RestAssured.given().redirects().follow(false).queryParam("workspace_id", "7").get("/saml/login")
        .then().statusCode(400);
  }

  /** A SAML sign-in without a browser: the login redirect, the identity provider's page, the post back. */
  private static io.restassured.response.Response samlSignIn(io.gatehouse.server.signin.SamlSignInIdp idp, String workspace)
      throws Exception {
    String location = io.restassured.RestAssured.given().redirects().follow(false).queryParam("workspace_id", workspace)
        .get("/saml/login").then().statusCode(303).extract().header("Location");
    String page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(location))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).isTrue();
    return io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded")
        .formParam("SAMLResponse", m.group(1)).post("/saml/acs");
  }

  @Test
  void ipAccessListsAndTokenSettingsAreEachWorkspacesOwn() {
    // An admin who works in science sets science's lists and token settings, addressing it.
    String admin = Identities.email("ws-admin");
    String adminId = Identities.user(admin);
    String admins = Identities.scim().queryParam("filter", "displayName eq \"admins\"").get(Identities.SCIM + "/Groups")
        .then().statusCode(200).extract().path("Resources[0].id");
    Identities.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
        "Operations", List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", adminId))))))
        .patch(Identities.SCIM + "/Groups/" + admins).then().statusCode(200);
    assign(science, adminId, "ADMIN");
    String scienceToken = tokenIn(science, nestedReader);
    String analyticsToken = tokenIn(analytics, reader);
    try {
      in(science, admin).body(Map.of("label", "lab", "list_type", "BLOCK", "ip_addresses", List.of("127.0.0.6")))
          .post("/api/2.0/ip-access-lists").then().statusCode(200);
      in(science, admin).body(Map.of("enableIpAccessLists", "true")).patch("/api/2.0/workspace-conf").then().statusCode(204);
      in(science, admin).get("/api/2.0/ip-access-lists").then().statusCode(200).body("ip_access_lists.label", hasItem("lab"));
      get("/api/2.0/ip-access-lists").statusCode(200).body("ip_access_lists.label", not(hasItem("lab")));

      // Addressed to science from the blocked address: refused before any credential is read.
      from("127.0.0.6", io.restassured.RestAssured.given()).header(HEADER, Long.toString(science))
          .get(Api.BASE + "/catalogs").then().statusCode(403).body("message", containsString("127.0.0.6"));
      // A science token sent without addressing science: refused once it is known to be science's.
      from("127.0.0.6", as(scienceToken)).get(Api.BASE + "/catalogs").then().statusCode(403);
      from("127.0.0.7", as(scienceToken)).get(Api.BASE + "/catalogs").then().statusCode(200);
      // Over gRPC too.
      var channel = io.gatehouse.server.network.Networks.grpcFrom("127.0.0.6");
      try {
        var check = io.gatehouse.proto.v1.AuthorizeRequest.newBuilder().addChecks(io.gatehouse.proto.v1.Check.newBuilder()
            .setSecurable(io.gatehouse.proto.v1.SecurableRef.newBuilder().setType(io.gatehouse.proto.v1.SecurableType.CATALOG)
                .setFullName(catalog))
            .setPrivilege(io.gatehouse.proto.v1.Privilege.USE_CATALOG)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> grpc(channel, scienceToken, null).authorize(check))
            .hasMessageContaining("PERMISSION_DENIED");
        assertThat(grpc(channel, analyticsToken, null).authorize(check).getDecisionsCount()).isEqualTo(1);
      } finally {
        channel.shutdownNow();
      }
      // Other workspaces' callers from that address are not science's business.
      from("127.0.0.6", as(analyticsToken)).get(Api.BASE + "/catalogs").then().statusCode(200);
      from("127.0.0.6", Api.given()).get(Api.BASE + "/catalogs").then().statusCode(200);

      // Tokens off in science: its tokens stop, analytics' go on.
      in(science, admin).body(Map.of("enableTokensConfig", "false")).patch("/api/2.0/workspace-conf").then().statusCode(204);
      Identities.whoami(scienceToken).statusCode(401);
      Identities.whoami(analyticsToken).statusCode(200);
      in(science, nestedReader).body(Map.of("comment", "x")).post("/api/2.0/token/create").then().statusCode(403);
      get("/api/2.0/workspace-conf?keys=enableTokensConfig").statusCode(200).body("enableTokensConfig", org.hamcrest.Matchers.nullValue());
    } finally {
      io.gatehouse.server.network.Networks.reset();
    }
  }

  @Test
  void aWorkspaceAdminManagesItsWorkspacesSettingsAndListsOnly() {
    // owner is ADMIN of analytics and a USER of science; it is no metastore admin.
    in(analytics, owner).get("/api/2.0/ip-access-lists").then().statusCode(200);
    in(analytics, owner).get("/api/2.0/workspace-conf?keys=maxTokensPerUser").then().statusCode(200);
    in(analytics, owner).get("/api/2.0/permissions/authorization/tokens").then().statusCode(200);
    in(science, owner).get("/api/2.0/ip-access-lists").then().statusCode(403).body("message", containsString("workspace " + science));
    in(science, owner).body(Map.of("enableTokensConfig", "false")).patch("/api/2.0/workspace-conf").then().statusCode(403);
    as(TestIssuer.jwt(owner)).get("/api/2.0/ip-access-lists").then().statusCode(403);
    // Administering a workspace is not administering the account.
    in(analytics, owner).get(ACCOUNT).then().statusCode(403);
    in(analytics, reader).get("/api/2.0/ip-access-lists").then().statusCode(403);

    // Token management: the workspace's tokens only.
    String analyticsToken = tokenIn(analytics, reader);
    String scienceToken = tokenIn(science, nestedReader);
    String analyticsId = as(analyticsToken).get("/api/2.0/token/list").then().statusCode(200)
        .extract().path("token_infos[-1].token_id");
    String scienceId = as(scienceToken).get("/api/2.0/token/list").then().statusCode(200)
        .extract().path("token_infos[-1].token_id");
    in(analytics, owner).get("/api/2.0/token-management/tokens").then().statusCode(200)
        .body("token_infos.token_id", hasItem(analyticsId)).body("token_infos.token_id", not(hasItem(scienceId)));
    in(analytics, owner).get("/api/2.0/token-management/tokens/" + scienceId).then().statusCode(404);
    in(analytics, owner).delete("/api/2.0/token-management/tokens/" + scienceId).then().statusCode(404);
    Identities.whoami(scienceToken).statusCode(200);
    in(analytics, owner).delete("/api/2.0/token-management/tokens/" + analyticsId).then().statusCode(200);
    Identities.whoami(analyticsToken).statusCode(401);
    // Tokens for service principals stay the metastore admins' to make.
    in(analytics, owner).body(Map.of("application_id", "nobody")).post("/api/2.0/token-management/on-behalf-of/tokens")
        .then().statusCode(403);
    in(analytics, reader).get("/api/2.0/token-management/tokens").then().statusCode(403);
  }

  private static RequestSpecification from(String local, RequestSpecification spec) {
    return io.gatehouse.server.network.Networks.bind(spec.contentType("application/json"), local);
  }

  @Test
  void onlyMetastoreAdminsManageWorkspacesAndBindingsNeedAnExistingWorkspace() {
    String token = tokenIn(analytics, owner);
    as(token).contentType("application/json").body(Map.of("workspace_name", "mine")).post(ACCOUNT).then().statusCode(403);
    as(token).get(ACCOUNT).then().statusCode(403);
    get("/api/2.0/accounts/another-account/workspaces").statusCode(404);
    post(ACCOUNT, Map.of("workspace_name", "x", "deployment_name", "127")).statusCode(400);
    patch(ACCOUNT + "/0", Map.of("workspace_status", "BANNED")).statusCode(400);
    delete(ACCOUNT + "/0").statusCode(400);
    patch(Api.BASE + "/bindings/catalog/" + Api.catalog(), Map.of("add", List.of(Map.of("workspace_id", 42)))).statusCode(404);
    patch(Api.BASE + "/bindings/schema/x.y", Map.of("add", List.of())).statusCode(400);
    patch(Api.BASE + "/bindings/catalog/" + Api.catalog(),
        Map.of("add", List.of(Map.of("workspace_id", analytics, "binding_type", "READ")))).statusCode(400);
  }

  @Test
  void aStoppedOrDeletedWorkspaceEndsItsTokens() {
    long temporary = workspace(Api.unique("temporary"), null);
    assign(temporary, readerId, "USER");
    String token = tokenIn(temporary, reader);
    Identities.whoami(token).statusCode(200);
    patch(ACCOUNT + "/" + temporary, Map.of("workspace_status", "BANNED")).statusCode(200);
    Identities.whoami(token).statusCode(401);
    patch(ACCOUNT + "/" + temporary, Map.of("workspace_status", "RUNNING")).statusCode(200);
    Identities.whoami(token).statusCode(200);
    delete(ACCOUNT + "/" + temporary).statusCode(200);
    Identities.whoami(token).statusCode(401);
    assertThat(get(ACCOUNT).statusCode(200).extract().jsonPath().getList("workspace_id", Long.class)).doesNotContain(temporary);
  }
}
