package io.gatehouse.server.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.client.cli.GatehouseCli;
import io.gatehouse.client.cli.Terminal;
import io.gatehouse.server.browser.HeadlessChromium;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.common.SqlProbes;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-in from the command line ({@code gatehouse login --sso}): the real CLI, in-process, with its
 * loopback listener a real HTTP server, driven through the SAML and the OIDC test identity
 * providers in Chromium to a token it saves and then uses; and the attacks on the way, on the
 * wire: codes replayed, expired, redeemed with a wrong, missing or another sign-in's verifier;
 * states tampered; redirect targets and ports that are not the CLI's loopback; unknown users with
 * automatic creation off.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
@QuarkusTestResource(OidcSignInProvider.Resource.class)
class CliSignInTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final SamlSignInIdp idp = SamlSignInIdp.get();
  private final OidcSignInProvider provider = OidcSignInProvider.get();

  @Inject
  AgroalDataSource db;

  private HeadlessChromium browser;
  private ChromeDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void reset() {
    idp.groups = List.of();
    idp.edit = UnaryOperator.identity();
    provider.reset();
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  private void openBrowser() throws IOException {
    browser = HeadlessChromium.start(1280, 900);
    driver = browser.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  private static String base() {
    return "http://127.0.0.1:" + RestAssured.port;
  }

  // --- The CLI, in-process, waiting on its loopback listener -------------------------------------

  /** A run of {@code gatehouse} on its own thread, whose standard error is read while it runs. */
  private static final class RunningCli {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CompletableFuture<Integer> exit;

    RunningCli(Path home, String... args) {
      Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
          new PrintWriter(err, true), Map.of(), home);
      exit = CompletableFuture.supplyAsync(() -> GatehouseCli.run(terminal, args));
    }

    /** The address the CLI asks its user to open. */
    String url() throws InterruptedException {
      Pattern printed = Pattern.compile("(http://\\S+/sign-in/cli\\?\\S+)");
      for (int i = 0; i < 300; i++) {
        Matcher m = printed.matcher(err.toString());
        if (m.find()) {
          return m.group(1);
        }
        assertThat(exit).as(err.toString()).isNotDone();
        Thread.sleep(100);
      }
      throw new AssertionError("the CLI printed no address: " + err);
    }

    int exitCode() throws Exception {
      return exit.get(60, TimeUnit.SECONDS);
    }
  }

  private static Map<String, String> query(String url) {
    Map<String, String> q = new HashMap<>();
    String raw = URI.create(url).getRawQuery();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  private static Properties config(Path home) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(home.resolve(".gatehouse/config"))) {
      p.load(r);
    }
    return p;
  }

  /** Runs {@code gatehouse login --sso} with {@code more}, signs in in Chromium, and answers the saved config. */
  private Properties loginInChromium(Path home, String user, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("login", "--sso", "--host", base(), "--sso-timeout", "60"));
    args.addAll(List.of(more));
    RunningCli cli = new RunningCli(home, args.toArray(String[]::new));
    String url = cli.url();
    int port = Integer.parseInt(query(url).get("port"));
    driver.get(url);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Signed in to Gatehouse"));
    // The browser ends at the CLI's listener, with a code and the state: no token in any URL or in the tab.
    String landed = driver.getCurrentUrl();
    assertThat(landed).startsWith("http://127.0.0.1:" + port + "/callback?code=");
    assertThat(query(landed)).containsOnlyKeys("code", "state").containsEntry("state", query(url).get("state"));
    assertThat(cli.exitCode()).as(cli.err.toString()).isZero();
    assertThat(cli.out.toString()).contains("as " + user);
    Properties config = config(home);
    assertThat(landed).doesNotContain(config.getProperty("token"));
    assertThat((Object) ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('gatehouse.lineage.token')"))
        .isNull();
    assertThat(Files.getPosixFilePermissions(home.resolve(".gatehouse/config")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    // Once it has its answer, the listener is gone.
    assertThat(LoopbackCheck.refused(port)).isTrue();
    return config;
  }

  /** Whether nothing listens on {@code port} of 127.0.0.1 any more. */
  private static final class LoopbackCheck {
    static boolean refused(int port) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return false;
      } catch (IOException e) {
        return true;
      }
    }
  }

  @Test
  void theCliSignsInWithSamlInChromiumAndUsesItsToken() throws Exception {
    openBrowser();
    String user = Identities.email("cli-saml");
    Identities.user(user);
    idp.user = user;
    Path home = Files.createTempDirectory("cli-home");
    Properties config = loginInChromium(home, user, "--method", "saml");
    String token = config.getProperty("token");
    assertThat(config.getProperty("host")).isEqualTo(base());
    // A SIGN_IN token, as the console's: a real API call with it, through the CLI and over REST.
    Identities.whoami(token).statusCode(200).body("userName", equalTo(user));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GatehouseCli.run(new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
        new PrintWriter(err, true), Map.of(), home), "whoami", "-o", "json");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains(user);
    String userId = Identities.whoami(token).extract().path("id");
    List<Map<String, Object>> sessions = Api.json().queryParam("created_by_id", userId).get("/api/2.0/token-management/tokens")
        .then().statusCode(200).extract().path("token_infos");
    assertThat(sessions).singleElement().satisfies(t -> assertThat(t).containsEntry("comment", "SAML sign-in (command line)"));
    // Signing out ends it like any sign-in.
    Identities.as(token).post("/sign-in/logout").then().statusCode(204);
    Identities.whoami(token).statusCode(401);
  }

  @Test
  void theCliSignsInWithOidcInChromiumAndAFirstSignInCreatesTheUser() throws Exception {
    openBrowser();
    String user = Api.unique("cli-oidc") + "@example.com";
    provider.user = user;
    Path home = Files.createTempDirectory("cli-home");
    Properties config = loginInChromium(home, user, "--method", "oidc", "--issuer", OidcSignInProvider.CREATING);
    Identities.whoami(config.getProperty("token")).statusCode(200).body("userName", equalTo(user));
    Identities.as(config.getProperty("token")).get(Api.BASE + "/catalogs").then().statusCode(200);
  }

  @Test
  void automaticCreationOffStillRefusesUnknownUsersAndTheCliGetsNothing() throws Exception {
    openBrowser();
    String stranger = Identities.email("cli-stranger");
    provider.user = stranger;
    Path home = Files.createTempDirectory("cli-home");
    RunningCli cli = new RunningCli(home, "login", "--sso", "--host", base(), "--method", "oidc",
        "--issuer", OidcSignInProvider.STRICT, "--sso-timeout", "5");
    driver.get(cli.url());
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
    assertThat(driver.findElement(By.id("refusal")).getText()).contains("automatic user creation is off");
    assertThat(driver.getCurrentUrl()).startsWith(base());
    assertThat(cli.exitCode()).isEqualTo(4);
    assertThat(cli.err.toString()).contains("No sign-in came back");
    assertThat(Files.exists(home.resolve(".gatehouse/config"))).isFalse();
    Identities.scim().queryParam("filter", "userName eq \"" + stranger + "\"").get(Identities.SCIM + "/Users").then()
        .statusCode(200).body("totalResults", equalTo(0));
    // SAML likewise, for a user outside the domains of automatic creation: no code is sent anywhere.
    idp.user = stranger;
    var refused = toLoopback(20000, state(), OidcSignIn.challenge(verifier()));
    refused.statusCode(403);
    assertThat(refused.extract().header("Location")).isNull();
    assertThat(refused.extract().asString()).contains("automatic user creation");
  }

  @Test
  void theListenerIgnoresATamperedStateAndTakesOnlyItsOwnAnswer() throws Exception {
    String user = Identities.email("cli-state");
    Identities.user(user);
    idp.user = user;
    Path home = Files.createTempDirectory("cli-home");
    RunningCli cli = new RunningCli(home, "login", "--sso", "--host", base(), "--sso-timeout", "60");
    String url = cli.url();
    Map<String, String> asked = query(url);
    assertThat(asked).containsEntry("code_challenge_method", "S256").doesNotContainKey("redirect_uri");
    String port = asked.get("port");
    String listener = "http://127.0.0.1:" + port + "/callback";
    // Answers another page could send: another state, none, an error with another state.
    for (String forged : List.of("?code=forged&state=" + asked.get("state") + "x", "?code=forged",
        "?code=forged&state=" + asked.get("state").toUpperCase(java.util.Locale.ROOT),
        "?error=access_denied&state=other")) {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(listener + forged)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(forged).isEqualTo(400);
    }
    assertThat(cli.exit).isNotDone();
    // The real sign-in, over HTTP as a browser would: the server echoes the state as the CLI made it.
    HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
    String toIdp = started.headers().firstValue("Location").orElseThrow();
    String back = acs(toIdp).statusCode(303).extract().header("Location");
    assertThat(query(back)).containsEntry("state", asked.get("state"));
    HttpResponse<String> landed = HTTP.send(HttpRequest.newBuilder(URI.create(back)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(landed.statusCode()).isEqualTo(200);
    assertThat(cli.exitCode()).as(cli.err.toString()).isZero();
    Identities.whoami(config(home).getProperty("token")).statusCode(200).body("userName", equalTo(user));
  }

  // --- On the wire -------------------------------------------------------------------------------

  private static String state() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private static String verifier() {
    return (UUID.randomUUID() + "-" + UUID.randomUUID()).replace("-", "");
  }

  /** The IdP's posted response for {@code toIdp}, posted to the consumer URL; the answer (no redirects followed). */
  private ValidatableResponse acs(String toIdp) throws Exception {
    String page = HTTP.send(HttpRequest.newBuilder(URI.create(toIdp)).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher posted = Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"").matcher(page);
    assertThat(posted.find()).as(page).isTrue();
    return RestAssured.given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
        .formParam("SAMLResponse", posted.group(1)).post("/saml/acs").then();
  }

  private static Map<String, Object> params(int port, String state, String challenge) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("port", Integer.toString(port));
    p.put("state", state);
    p.put("code_challenge", challenge);
    p.put("code_challenge_method", "S256");
    p.put("method", "saml");
    return p;
  }

  /** A command-line SAML sign-in of {@code idp.user} up to the consumer URL's answer. */
  private ValidatableResponse toLoopback(int port, String state, String challenge) throws Exception {
    String toIdp = RestAssured.given().redirects().follow(false).queryParams(params(port, state, challenge))
        .get("/sign-in/cli").then().statusCode(303).extract().header("Location");
    return acs(toIdp);
  }

  /** The code a successful sign-in of {@code idp.user} sends to the loopback address. */
  private String code(int port, String state, String verifier) throws Exception {
    String back = toLoopback(port, state, OidcSignIn.challenge(verifier)).statusCode(303).extract().header("Location");
    URI to = URI.create(back);
    assertThat(to.getScheme()).isEqualTo("http");
    assertThat(to.getHost()).isEqualTo("127.0.0.1");
    assertThat(to.getPort()).isEqualTo(port);
    assertThat(to.getRawUserInfo()).isNull();
    assertThat(to.getPath()).isEqualTo("/callback");
    assertThat(query(back)).containsEntry("state", state).containsOnlyKeys("code", "state");
    return query(back).get("code");
  }

  private static ValidatableResponse exchange(String code, String verifier) {
    var r = RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "authorization_code");
    if (code != null) {
      r.formParam("code", code);
    }
    if (verifier != null) {
      r.formParam("code_verifier", verifier);
    }
    return r.post("/sign-in/cli/token").then();
  }

  private static void refused(ValidatableResponse r, String why) {
    r.statusCode(400).body("error_code", equalTo("INVALID_ARGUMENT")).body("message", containsString(why));
  }

  private int signInTokens(String user) throws Exception {
    try (Connection c = db.getConnection()) {
      return (int) SqlProbes.signInTokens(c, user);
    }
  }

  @Test
  void aCodeIsRedeemedOnceWithItsOwnVerifierOnly() throws Exception {
    String user = Identities.email("cli-code");
    Identities.user(user);
    idp.user = user;

    // Replayed: the first exchange gives the token, the second nothing.
    String verifier = verifier();
    String code = code(20001, state(), verifier);
    String token = exchange(code, verifier).statusCode(200).header("Cache-Control", "no-store")
        .body("token_type", equalTo("Bearer")).body("user", equalTo(user)).extract().path("access_token");
    Identities.whoami(token).statusCode(200).body("userName", equalTo(user));
    // Presented again, someone else holds the code: refused, and the sign-in it gave ends (RFC 6749 4.1.2).
    refused(exchange(code, verifier), "used already");
    Identities.whoami(token).statusCode(401);
    refused(exchange(code, verifier), "not valid");

    // Two exchanges of one code at once: one token at most, and the second ends the sign-in it gave.
    String raceVerifier = verifier();
    String raced = code(20005, state(), raceVerifier);
    var first = CompletableFuture.supplyAsync(() -> exchange(raced, raceVerifier).extract());
    var second = CompletableFuture.supplyAsync(() -> exchange(raced, raceVerifier).extract());
    List<Integer> statuses = List.of(first.get(30, TimeUnit.SECONDS).statusCode(), second.get(30, TimeUnit.SECONDS).statusCode());
    assertThat(statuses).containsExactlyInAnyOrder(200, 400);
    String racedToken = (first.get().statusCode() == 200 ? first.get() : second.get()).path("access_token");
    Identities.whoami(racedToken).statusCode(401);

    // A wrong verifier, or none: refused, and the code is spent and its sign-in ended.
    for (String wrong : new String[] {verifier(), null, verifier + "x", verifier.substring(1)}) {
      int before = signInTokens(user);
      String v = verifier();
      String c = code(20002, state(), v);
      assertThat(signInTokens(user)).isEqualTo(before + 1);
      refused(exchange(c, wrong), wrong == null ? "verifier" : "does not match");
      refused(exchange(c, v), "not valid");
      assertThat(signInTokens(user)).isEqualTo(before);
    }
    // The challenge's own value is no verifier.
    String v = verifier();
    String c = code(20003, state(), v);
    refused(exchange(c, OidcSignIn.challenge(v)), "does not match");

    // Expired: refused even with the right verifier.
    String late = verifier();
    String lateCode = code(20004, state(), late);
    try (Connection conn = db.getConnection();
        PreparedStatement s = conn.prepareStatement("UPDATE cli_sign_in_codes SET expires_at = now() - interval '1 second'"
            + " WHERE code_hash = sha256(convert_to(?, 'UTF8'))")) {
      s.setString(1, lateCode);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    refused(exchange(lateCode, late), "expired");

    // Malformed or unknown codes, other grant types.
    refused(exchange(null, verifier()), "code");
    refused(exchange("x' OR '1'='1", verifier()), "code");
    refused(exchange(code.substring(1) + "A", verifier), "not valid");
    RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
        .formParam("code", code).formParam("code_verifier", verifier).post("/sign-in/cli/token").then().statusCode(400)
        .body("error_code", equalTo("INVALID_ARGUMENT"));
  }

  @Test
  void aCodeOfOneSignInDoesNotRedeemAnother() throws Exception {
    String alice = Identities.email("cli-alice");
    String bob = Identities.email("cli-bob");
    Identities.user(alice);
    Identities.user(bob);
    idp.user = alice;
    String aliceVerifier = verifier();
    String aliceCode = code(20010, state(), aliceVerifier);
    idp.user = bob;
    String bobVerifier = verifier();
    String bobCode = code(20011, state(), bobVerifier);
    // Alice's code with Bob's verifier: refused, and spent.
    refused(exchange(aliceCode, bobVerifier), "does not match");
    refused(exchange(aliceCode, aliceVerifier), "not valid");
    // Bob's code with Bob's verifier is Bob's sign-in, never Alice's.
    String token = exchange(bobCode, bobVerifier).statusCode(200).extract().path("access_token");
    Identities.whoami(token).statusCode(200).body("userName", equalTo(bob));
    // A console sign-in's request is no command-line one: its answer ends in the tab, with no code.
    idp.user = alice;
    String toIdp = RestAssured.given().redirects().follow(false).queryParam("return_to", "/ui/").get("/saml/login").then()
        .statusCode(303).extract().header("Location");
    assertThat(acs(toIdp).statusCode(200).extract().asString()).contains("sessionStorage.setItem");
  }

  @Test
  void onlyTheLoopbackAddressIsEverATarget() throws Exception {
    String state = state();
    String challenge = OidcSignIn.challenge(verifier());
    // Ports: out of range, signed, padded, not a number, or a host in disguise (also percent-encoded).
    for (String port : List.of("0", "80", "1023", "65536", "99999", "-8080", "+8080", "08080", " 8080", "8080 ",
        "4294975376", "0x1F90", "8080.5", "8080@evil.com", "8080.evil.com", "8080/evil.com", "8080#", "8080?x=1",
        "[::1]:8080", "8080%2F%2Fevil.com", "8080%40evil.com", "localhost.evil.com", "127.0.0.1@evil", "")) {
      Map<String, Object> p = params(20020, state, challenge);
      p.put("port", port);
      Api.error(RestAssured.given().redirects().follow(false).urlEncodingEnabled(!port.contains("%")).queryParams(p)
          .get("/sign-in/cli").then(), 400, "INVALID_ARGUMENT").body("message", containsString("port"));
    }
    // A redirect_uri is never taken, whatever it names: loopback spellings, other hosts, encoded forms, IPv6.
    for (String target : List.of("http://127.0.0.1:20020/callback", "http://localhost:20020/", "http://localhost.evil.com:20020/",
        "http://127.0.0.1@evil.com:20020/", "http://evil.com/", "https://evil.com#@127.0.0.1:20020/", "http://[::1]:20020/",
        "http://[::ffff:127.0.0.1]:20020/", "http://0x7f000001:20020/", "http://2130706433:20020/", "//evil.com/",
        "http%3A%2F%2Fevil.com%2F")) {
      Map<String, Object> p = params(20020, state, challenge);
      p.put("redirect_uri", target);
      Api.error(RestAssured.given().redirects().follow(false).queryParams(p).get("/sign-in/cli").then(), 400,
          "INVALID_ARGUMENT").body("message", containsString("redirect_uri"));
    }
    // States and challenges: malformed, plain PKCE, no method.
    Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
    bad.put("short state", Map.of("state", "abc"));
    bad.put("state with a quote", Map.of("state", state + "'\"<"));
    bad.put("state too long", Map.of("state", "a".repeat(129)));
    bad.put("plain PKCE", Map.of("code_challenge_method", "plain"));
    bad.put("lower-case method", Map.of("code_challenge_method", "s256"));
    bad.put("short challenge", Map.of("code_challenge", "abc"));
    bad.put("padded challenge", Map.of("code_challenge", challenge.substring(1) + "="));
    bad.put("unknown method", Map.of("method", "kerberos"));
    for (var e : bad.entrySet()) {
      Map<String, Object> p = params(20020, state, challenge);
      p.putAll(e.getValue());
      var r = RestAssured.given().redirects().follow(false).queryParams(p).get("/sign-in/cli").then().extract();
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(r.asString()).as(e.getKey()).contains("INVALID_ARGUMENT");
    }
    for (String missing : List.of("port", "state", "code_challenge", "code_challenge_method")) {
      Map<String, Object> p = params(20020, state, challenge);
      p.remove(missing);
      RestAssured.given().redirects().follow(false).queryParams(p).get("/sign-in/cli").then().statusCode(400)
          .body("error_code", equalTo("INVALID_ARGUMENT"));
    }
    String user = Identities.email("cli-ports");
    Identities.user(user);
    idp.user = user;
    String v = verifier();
    code(65535, state(), v);
    code(1024, state(), v);
  }
}
