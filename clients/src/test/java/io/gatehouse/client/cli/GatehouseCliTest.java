package io.gatehouse.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.client.FakeServer;
import io.gatehouse.client.FakeServer.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command against a scripted server: where host and token come from, output, exit codes. */
class GatehouseCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CATALOG = "{\"name\": \"main\", \"owner\": \"admin\", \"comment\": \"first\", \"created_at\": 0}";

  @TempDir Path home;

  private CliRun run(Map<String, String> env, String... args) {
    return CliRun.run(env, home, "", args);
  }

  @Test
  void flagsWinOverTheEnvironmentWhichWinsOverTheConfigFile() throws Exception {
    try (FakeServer flag = new FakeServer(r -> Response.json(200, CATALOG));
        FakeServer env = new FakeServer(r -> Response.json(200, CATALOG));
        FakeServer file = new FakeServer(r -> Response.json(200, CATALOG))) {
      Files.createDirectories(home.resolve(".gatehouse"));
      Files.writeString(home.resolve(".gatehouse/config"), "host=" + file.url() + "\ntoken=from-file\n");
      Map<String, String> vars = Map.of("GATEHOUSE_HOST", env.url(), "GATEHOUSE_TOKEN", "from-env");

      assertThat(run(vars, "catalog", "get", "main", "--host", flag.url(), "--token", "from-flag").exitCode()).isZero();
      assertThat(flag.requests).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer from-flag"));
      assertThat(run(vars, "catalog", "get", "main").exitCode()).isZero();
      assertThat(env.requests).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer from-env"));
      assertThat(run(Map.of(), "catalog", "get", "main").exitCode()).isZero();
      assertThat(file.requests).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer from-file"));
    }
  }

  @Test
  void loginChecksTheTokenAndWritesAConfigOnlyItsOwnerCanRead() throws Exception {
    try (FakeServer server = new FakeServer(r -> r.uri().endsWith("/Me")
        ? Response.json(200, "{\"id\": \"1\", \"userName\": \"alice@example.com\", \"active\": true}")
        : Response.json(200, CATALOG))) {
      CliRun login = CliRun.run(Map.of(), home, "gat_secret\n", "login", "--host", server.url());
      assertThat(login.exitCode()).as(login.err()).isZero();
      assertThat(login.out()).contains("as alice@example.com");
      Path config = home.resolve(".gatehouse/config");
      assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.getPosixFilePermissions(config.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
      assertThat(Files.readString(config)).contains("token=gat_secret", "host=http\\://127.0.0.1");

      assertThat(run(Map.of(), "catalog", "get", "main").exitCode()).isZero();
      assertThat(server.requests.get(1).header("Authorization")).isEqualTo("Bearer gat_secret");
    }
    try (FakeServer refusing = new FakeServer(r -> Response.json(401, "{\"detail\": \"bad token\", \"status\": \"401\"}"))) {
      CliRun bad = run(Map.of(), "login", "--host", refusing.url(), "--token", "nope");
      assertThat(bad.exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
      assertThat(bad.err()).contains("bad token");
      assertThat(Files.readString(home.resolve(".gatehouse/config"))).contains("token=gat_secret");
    }
  }

  /** {@code login --sso} against a scripted server: the browser's answer played by the test on the CLI's listener. */
  @Test
  void ssoLoginSendsItsVerifierForTheCodeItsListenerReceived() throws Exception {
    java.util.List<String> forms = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (FakeServer server = new FakeServer(r -> {
      if (r.uri().endsWith("/sign-in/cli/token")) {
        forms.add(r.body());
        return r.body().contains("code=good")
            ? Response.json(200, "{\"access_token\": \"gat_sso\", \"token_type\": \"Bearer\", \"user\": \"alice@example.com\"}")
            : FakeServer.error(400, "INVALID_ARGUMENT", "This code is not valid.", "r1");
      }
      return Response.json(200, "{\"id\": \"1\", \"userName\": \"alice@example.com\", \"active\": true}");
    })) {
      for (String code : new String[] {"bad", "good"}) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        Terminal t = new Terminal(new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(err, true), Map.of(), home);
        var exit = java.util.concurrent.CompletableFuture.supplyAsync(() -> GatehouseCli.run(t, "login", "--sso", "--host",
            server.url(), "--sso-timeout", "30"));
        java.util.regex.Matcher printed = null;
        boolean found = false;
        for (int i = 0; i < 200 && !found; i++) {
          Thread.sleep(50);
          printed = java.util.regex.Pattern.compile("/sign-in/cli\\?port=(\\d+)&state=([^&\\s]+)&code_challenge=([^&\\s]+)"
              + "&code_challenge_method=S256").matcher(err.toString());
          found = printed.find();
        }
        assertThat(found).as(err.toString()).isTrue();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String listener = "http://127.0.0.1:" + printed.group(1);
        // Another path, or the right path without the state, changes nothing.
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(listener + "/other?code=x&state="
            + printed.group(2))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(listener + "/callback?code=x")).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(listener + "/callback?code=" + code
            + "&state=" + printed.group(2))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        int status = exit.get(30, java.util.concurrent.TimeUnit.SECONDS);
        String form = forms.get(forms.size() - 1);
        String verifier = form.replaceAll(".*code_verifier=([^&]+).*", "$1");
        assertThat(form).contains("grant_type=authorization_code", "code=" + code);
        assertThat(SsoLogin.challenge(verifier)).isEqualTo(printed.group(3));
        if (code.equals("bad")) {
          assertThat(status).isEqualTo(ExitCodes.UNAUTHENTICATED);
          assertThat(err.toString()).contains("This code is not valid.");
          assertThat(Files.exists(home.resolve(".gatehouse/config"))).isFalse();
        } else {
          assertThat(status).as(err.toString()).isZero();
          assertThat(Files.readString(home.resolve(".gatehouse/config"))).contains("token=gat_sso");
        }
      }
    }
    assertThat(run(Map.of(), "login", "--sso", "--token", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run(Map.of(), "login", "--sso", "--method", "kerberos").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run(Map.of(), "login", "--method", "oidc", "--token", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void objectsPrintAsAlignedFieldsOrJson() throws Exception {
    try (FakeServer server = new FakeServer(r -> r.uri().contains("max_results") || r.uri().endsWith("/catalogs")
        ? Response.json(200, "{\"catalogs\": [" + CATALOG + ", {\"name\": \"a_long_name\", \"owner\": \"bob\"}]}")
        : Response.json(200, CATALOG))) {
      Map<String, String> env = Map.of("GATEHOUSE_HOST", server.url(), "GATEHOUSE_TOKEN", "t");
      CliRun get = run(env, "catalog", "get", "main");
      assertThat(get.out()).contains("name        main", "owner       admin", "created_at  1970-01-01T00:00:00Z");
      CliRun json = run(env, "-o", "json", "catalog", "get", "main");
      assertThat(JSON.readTree(json.out()).get("name").asText()).isEqualTo("main");
      CliRun list = run(env, "catalog", "list");
      assertThat(list.out().lines()).containsExactly(
          "NAME         OWNER  COMMENT  CREATED_AT",
          "main         admin  first    1970-01-01T00:00:00Z",
          "a_long_name  bob");
      JsonNode array = JSON.readTree(run(env, "catalog", "list", "--output=json").out());
      assertThat(array.isArray()).isTrue();
      assertThat(array.get(1).get("name").asText()).isEqualTo("a_long_name");
    }
  }

  @Test
  void eachKindOfFailureHasItsExitCodeAndTheServersMessageWithTheRequestId() throws Exception {
    try (FakeServer server = new FakeServer(r -> FakeServer.error(404, "NOT_FOUND", "Catalog 'x' does not exist.", "rid-9"))) {
      Map<String, String> env = Map.of("GATEHOUSE_HOST", server.url(), "GATEHOUSE_TOKEN", "t");
      CliRun notFound = run(env, "catalog", "get", "x");
      assertThat(notFound.exitCode()).isEqualTo(2);
      assertThat(notFound.err()).isEqualTo("Error: Catalog 'x' does not exist. [NOT_FOUND, HTTP 404, request id rid-9]\n");
      CliRun json = run(env, "catalog", "get", "x", "-o", "json");
      assertThat(JSON.readTree(json.err()).get("request_id").asText()).isEqualTo("rid-9");

      Object[][] cases = {
          {403, "PERMISSION_DENIED", 3}, {401, "UNAUTHENTICATED", 4}, {409, "CATALOG_ALREADY_EXISTS", 5},
          {409, "ABORTED", 5}, {400, "INVALID_ARGUMENT", 6}, {400, "FAILED_PRECONDITION", 6}, {503, "UNAVAILABLE", 7},
          {500, "INTERNAL", 7}};
      for (Object[] c : cases) {
        server.handler(r -> FakeServer.error((int) c[0], (String) c[1], "m", "r").withHeader("Retry-After", "0"));
        assertThat(run(env, "catalog", "create", "x").exitCode()).as((String) c[1]).isEqualTo(c[2]);
      }
    }
  }

  @Test
  void usageErrorsAndMissingCredentialsFailBeforeAnyRequest() throws Exception {
    try (FakeServer server = new FakeServer(r -> Response.json(200, "{}"))) {
      Map<String, String> env = Map.of("GATEHOUSE_HOST", server.url(), "GATEHOUSE_TOKEN", "t");
      assertThat(run(env, "catalogue", "list").exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run(env, "catalog").exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run(env, "catalog", "get").exitCode()).isEqualTo(ExitCodes.USAGE);
      CliRun badName = run(env, "table", "get", "a.b");
      assertThat(badName.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(badName.err()).contains("'a.b' is not a name of the form catalog.schema.name");
      assertThat(run(env, "catalog", "update", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run(env, "sql").exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run(env, "sql", "-f", home.resolve("missing.sql").toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run(env, "table", "create", "a.b.c", "--column", "x:nosuchtype").exitCode()).isEqualTo(ExitCodes.USAGE);
      CliRun noToken = run(Map.of("GATEHOUSE_HOST", server.url()), "catalog", "list");
      assertThat(noToken.exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
      assertThat(noToken.err()).contains("gatehouse login");
      assertThat(server.requests).isEmpty();
      assertThat(run(env, "--help").exitCode()).isZero();
    }
  }

  @Test
  void sqlReadsScriptsFromFilesAndStandardInput() throws Exception {
    String answer = """
        {"status": "SUCCEEDED", "results": [
          {"statement": "CREATE SCHEMA c.s", "line": 1, "status": "Schema c.s created."},
          {"statement": "SHOW GRANTS ON SCHEMA c.s", "line": 2,
           "columns": [{"name": "principal", "type_name": "STRING"}, {"name": "action_type", "type_name": "STRING"}],
           "rows": [["analysts", "SELECT"], ["alice@example.com", null]]}]}""";
    try (FakeServer server = new FakeServer(r -> Response.json(200, answer))) {
      Map<String, String> env = Map.of("GATEHOUSE_HOST", server.url(), "GATEHOUSE_TOKEN", "t");
      Path script = home.resolve("s.sql");
      Files.writeString(script, "CREATE SCHEMA c.s;\nSHOW GRANTS ON SCHEMA c.s");
      CliRun fromFile = run(env, "sql", "-f", script.toString(), "--catalog", "c");
      assertThat(fromFile.out().lines()).containsExactly(
          "Schema c.s created.",
          "",
          "principal          action_type",
          "analysts           SELECT",
          "alice@example.com  NULL");
      assertThat(JSON.readTree(server.requests.get(0).body()))
          .isEqualTo(JSON.readTree("{\"statement\": \"CREATE SCHEMA c.s;\\nSHOW GRANTS ON SCHEMA c.s\", \"catalog\": \"c\"}"));
      CliRun fromStdin = CliRun.run(env, home, "SHOW GRANTS ON SCHEMA c.s", "sql", "-f", "-");
      assertThat(fromStdin.exitCode()).isZero();
      assertThat(JSON.readTree(server.requests.get(1).body()).get("statement").asText()).isEqualTo("SHOW GRANTS ON SCHEMA c.s");
    }
  }

  @Test
  void tableCreateReadsColumnsAsSqlTypes() throws Exception {
    try (FakeServer server = new FakeServer(r -> Response.json(200, "{\"name\": \"t\"}"))) {
      Map<String, String> env = Map.of("GATEHOUSE_HOST", server.url(), "GATEHOUSE_TOKEN", "t");
      assertThat(run(env, "table", "create", "c.s.t", "--column", "id:bigint", "--column", "amount:decimal(12, 2)",
          "--column", "tags:array<string>", "--location", "s3://b/t").exitCode()).isZero();
      JsonNode body = JSON.readTree(server.requests.get(0).body());
      assertThat(body.get("table_type").asText()).isEqualTo("EXTERNAL");
      assertThat(body.get("data_source_format").asText()).isEqualTo("DELTA");
      assertThat(body.get("columns").get(0).get("type_name").asText()).isEqualTo("LONG");
      assertThat(body.get("columns").get(1).get("type_text").asText()).isEqualTo("decimal(12,2)");
      assertThat(body.get("columns").get(1).get("type_precision").asInt()).isEqualTo(12);
      assertThat(body.get("columns").get(2).get("type_name").asText()).isEqualTo("ARRAY");
      assertThat(body.get("columns").get(2).get("type_text").asText()).isEqualTo("array<string>");
      assertThat(body.get("columns").get(2).get("position").asInt()).isEqualTo(2);
    }
  }
}
