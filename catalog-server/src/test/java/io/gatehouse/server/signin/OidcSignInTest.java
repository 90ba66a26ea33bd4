package io.gatehouse.server.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.gatehouse.server.browser.HeadlessChromium;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * OIDC sign-in to the console (authorization code with PKCE) against {@link OidcSignInProvider}:
 * driven in Chromium from the console's buttons with automatic creation on ({@code signin}) and
 * off ({@code signin-strict}), then attacked on the wire: states that are missing, forged or
 * replayed, codes reused or injected into another sign-in, ID tokens for another audience, with
 * another nonce, unsigned or HMAC-signed, expired, with an unverified email; a provider's error;
 * return_to pointing elsewhere.
 */
@QuarkusTest
@QuarkusTestResource(OidcSignInProvider.Resource.class)
class OidcSignInTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final OidcSignInProvider provider = OidcSignInProvider.get();

  @BeforeEach
  void reset() {
    provider.reset();
  }

  private static String base() {
    return "http://127.0.0.1:" + RestAssured.port;
  }

  // --- in Chromium ------------------------------------------------------------------------------

  private HeadlessChromium browser;
  private ChromeDriver driver;
  private WebDriverWait wait;

  private void openBrowser() throws IOException {
    browser = HeadlessChromium.start(1280, 900);
    driver = browser.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @AfterEach
  void closeBrowser() throws IOException {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  /** Signs in from the console's button for {@code issuer}; returns the token the tab holds. */
  private String signInFromTheConsole(String issuer) {
    driver.get(base() + "/ui/");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-oidc-" + issuer))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("who-name")));
    return (String) ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('gatehouse.lineage.token')");
  }

  @Test
  void aKnownUserSignsInFromTheConsolesButtonAndSignsOutAgain() throws IOException {
    String user = Identities.email("oidc-known");
    Identities.user(user);
    provider.user = user.toUpperCase(); // providers do not keep the case Gatehouse stores
    openBrowser();
    String token = signInFromTheConsole(OidcSignInProvider.CREATING);
    assertThat(driver.getCurrentUrl()).startsWith(base() + "/ui/");
    Identities.whoami(token).statusCode(200).body("userName", equalTo(user));
    // The request was the code flow with PKCE S256 and a nonce, for our client and callback.
    assertThat(provider.lastAuthorize).containsEntry("response_type", "code")
        .containsEntry("client_id", OidcSignInProvider.CLIENT_ID)
        .containsEntry("redirect_uri", base() + "/oidc/callback")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("scope", "openid email profile")
        .containsKeys("state", "nonce", "code_challenge");
    // The confidential client authenticated by HTTP Basic and sent the verifier of that challenge.
    assertThat(provider.lastToken).containsKey("Authorization").doesNotContainKey("client_secret");
    String trail = "";
    for (int i = 0; i < 50 && !trail.contains("SIGN_IN"); i++) {
      trail = Api.json().queryParam("principal", user).get("/api/gatehouse/v1/audit").then().statusCode(200).extract().asString();
    }
    assertThat(trail).contains("SIGN_IN").contains("OIDC").doesNotContain(provider.lastCode);

    var signedIn = driver.findElement(By.id("who-name"));
    driver.findElement(By.id("signout")).click();
    wait.until(d -> HeadlessChromium.gone(signedIn));
    wait.ignoring(WebDriverException.class).until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    Identities.whoami(token).statusCode(401);
  }

  @Test
  void aFirstSignInCreatesTheUserInItsExistingGroupsButNeverAPrivilegedOne() throws IOException {
    String group = Api.unique("oidc-analysts");
    Identities.group(group);
    String user = Identities.email("oidc-new");
    provider.user = user;
    provider.groups = List.of(group, "admins", "ADMINS", "engines", Api.unique("no-such-group"));
    openBrowser();
    String token = signInFromTheConsole(OidcSignInProvider.CREATING);
    List<String> groups = Identities.whoami(token).statusCode(200).body("userName", equalTo(user)).extract().path("groups.display");
    assertThat(groups).containsExactly(group);
    // Not an admin: the metastore's admin-only endpoints refuse it.
    Identities.as(token).get("/api/2.0/token-management/tokens").then().statusCode(403);
    String userId = Identities.whoami(token).extract().path("id");
    List<Map<String, Object>> sessions = Api.json().queryParam("created_by_id", userId).get("/api/2.0/token-management/tokens")
        .then().statusCode(200).extract().path("token_infos");
    assertThat(sessions).singleElement().satisfies(t -> assertThat(t).containsEntry("comment", "OIDC sign-in (signin)"));
  }

  @Test
  void withAutomaticCreationOffAnUnknownUserIsRefusedWithAClearPageAndNotCreated() throws IOException {
    String user = Identities.email("oidc-stranger");
    provider.user = user;
    openBrowser();
    signInFromTheConsoleExpectingRefusal(OidcSignInProvider.STRICT);
    assertThat(driver.findElement(By.id("refusal")).getText()).contains(user).contains("automatic user creation is off");
    Identities.scim().queryParam("filter", "userName eq \"" + user + "\"").get(Identities.SCIM + "/Users").then()
        .statusCode(200).body("totalResults", equalTo(0));
    // The same issuer signs a known user in (a public client: PKCE and its id alone).
    Identities.user(user);
    String token = signInFromTheConsole(OidcSignInProvider.STRICT);
    Identities.whoami(token).statusCode(200).body("userName", equalTo(user));
    assertThat(provider.lastToken).containsEntry("client_id", OidcSignInProvider.PUBLIC_CLIENT_ID)
        .doesNotContainKeys("Authorization", "client_secret");
  }

  private void signInFromTheConsoleExpectingRefusal(String issuer) {
    driver.get(base() + "/ui/");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sso-oidc-" + issuer))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
  }

  @Test
  void theSignInScreenListsEveryConfiguredSingleSignOn() {
    RestAssured.get("/sign-in/options").then().statusCode(200)
        .body("options.find { it.name == 'signin' }.label", equalTo("Example SSO"))
        .body("options.find { it.name == 'signin' }.login", equalTo("/oidc/login?issuer=signin"))
        .body("options.find { it.name == 'signin-strict' }.method", equalTo("oidc"))
        .body("options.find { it.method == 'saml' }.login", equalTo("/saml/login"))
        // Bearer-only issuers offer no sign-in.
        .body("options.name", not(org.hamcrest.Matchers.hasItem("test")));
  }

  // --- on the wire, to try what a browser would not send ---------------------------------------

  /** Starts a sign-in and lets the provider answer; returns the callback URL it redirects to. */
  private URI providerAnswer(String issuer) throws Exception {
    String location = RestAssured.given().redirects().follow(false).queryParam("issuer", issuer)
        .queryParam("return_to", "/ui/").get("/oidc/login").then().statusCode(303).header("Cache-Control", "no-store")
        .extract().header("Location");
    assertThat(location).startsWith(provider.issuer(issuer) + "/authorize?");
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(302);
    URI callback = URI.create(answer.headers().firstValue("Location").orElseThrow());
    assertThat(callback.toString()).startsWith(base() + "/oidc/callback?");
    return callback;
  }

  private static ValidatableResponse callback(String rawQuery) {
    return RestAssured.given().urlEncodingEnabled(false).redirects().follow(false).get("/oidc/callback?" + rawQuery).then()
        .header("Cache-Control", "no-store").header("Content-Security-Policy", containsString("default-src 'none'"));
  }

  private static ValidatableResponse callback(URI uri) {
    return callback(uri.getRawQuery());
  }

  private static String param(URI uri, String name) {
    return OidcSignInProvider.form(uri.getRawQuery()).get(name);
  }

  private static String query(String code, String state) {
    return "code=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state=" + java.net.URLEncoder.encode(state,
        StandardCharsets.UTF_8);
  }

  private String knownUser(String prefix) {
    String user = Identities.email(prefix);
    Identities.user(user);
    provider.user = user;
    return user;
  }

  @Test
  void aStateIsTakenOnceAndOnlyIfThisServerIssuedIt() throws Exception {
    String user = knownUser("oidc-state");
    URI good = providerAnswer(OidcSignInProvider.CREATING);
    String code = param(good, "code");
    String state = param(good, "state");
    // Missing, forged: refused, and the real sign-in is still waiting.
    callback("code=" + code).statusCode(400).body(containsString("not one this server is waiting for"));
    callback(query(code, state + "x")).statusCode(400).body(containsString("not one this server is waiting for"));
    callback(query(code, "_" + java.util.UUID.randomUUID())).statusCode(400);
    callback(good).statusCode(200).body(containsString("Signed in as " + user));
    // Replayed: its state was answered.
    callback(good).statusCode(400).body(containsString("not one this server is waiting for"));
    // A SAML request id is no OIDC state.
    String saml = RestAssured.given().redirects().follow(false).get("/saml/login").then().statusCode(303).extract()
        .header("Location");
    String relayState = OidcSignInProvider.form(URI.create(saml).getRawQuery()).get("RelayState");
    callback(query(code, relayState)).statusCode(400);
  }

  @Test
  void aCodeIsExchangedOnceAndOnlyWithTheVerifierOfItsOwnSignIn() throws Exception {
    knownUser("oidc-code");
    URI first = providerAnswer(OidcSignInProvider.CREATING);
    callback(first).statusCode(200);
    // The code again, under a new sign-in's state: the provider has spent it.
    URI second = providerAnswer(OidcSignInProvider.CREATING);
    callback(query(param(first, "code"), param(second, "state"))).statusCode(400).body(containsString("invalid_grant"));

    // A code stolen from a victim's sign-in, pasted into the attacker's own: the attacker's
    // sign-in holds another PKCE verifier, and the provider refuses it.
    URI victim = providerAnswer(OidcSignInProvider.CREATING);
    URI attacker = providerAnswer(OidcSignInProvider.CREATING);
    callback(query(param(victim, "code"), param(attacker, "state"))).statusCode(400).body(containsString("invalid_grant"));

    // A code bound to another challenge than the one Gatehouse sent is refused as well: the
    // verifier Gatehouse sends is the one of its own challenge, nothing else.
    provider.challengeOverride = OidcSignInProvider.s256("another-verifier-0123456789-0123456789-0123456789");
    callback(providerAnswer(OidcSignInProvider.CREATING)).statusCode(400).body(containsString("invalid_grant"));
  }

  @Test
  void anIdTokenIsTakenOnlyWhenSignedByTheIssuerForThisClientAndThisSignIn() throws Exception {
    String user = knownUser("oidc-idtoken");
    Map<String, Runnable> forgeries = new java.util.LinkedHashMap<>();
    forgeries.put("another nonce", () -> provider.edit = c -> c.setClaim("nonce", "not-the-nonce"));
    forgeries.put("no nonce", () -> provider.edit = c -> c.unsetClaim("nonce"));
    forgeries.put("another audience", () -> provider.edit = c -> c.setAudience("another-client"));
    forgeries.put("another authorized party", () -> provider.edit = c -> c.setClaim("azp", "another-client"));
    forgeries.put("several audiences, no azp", () -> provider.edit = c -> c.setAudience(OidcSignInProvider.CLIENT_ID, "other"));
    forgeries.put("another issuer", () -> provider.edit = c -> c.setIssuer(provider.issuer(OidcSignInProvider.STRICT)));
    forgeries.put("expired", () -> provider.edit = c -> {
      c.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 600));
      c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 900));
    });
    forgeries.put("issued long ago", () -> provider.edit = c -> c.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600)));
    forgeries.put("no issue time", () -> provider.edit = c -> c.unsetClaim("iat"));
    forgeries.put("email not verified", () -> provider.edit = c -> c.setClaim("email_verified", false));
    forgeries.put("unsigned (alg none)", () -> provider.signer = c -> unsigned(c.toJson()));
    forgeries.put("HMAC with the client secret", () -> provider.signer = c -> hmac(c.toJson(), OidcSignInProvider.CLIENT_SECRET));
    forgeries.put("subject swapped after signing", () -> provider.signer = c -> {
      String signed = provider.sign(c);
      c.setClaim("email", "admin@example.com");
      String[] parts = signed.split("\\.");
      return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
          .encodeToString(c.toJson().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    });
    for (var forgery : forgeries.entrySet()) {
      provider.reset();
      provider.user = user;
      forgery.getValue().run();
      try {
        callback(providerAnswer(OidcSignInProvider.CREATING)).statusCode(400).body(containsString("refused"))
            .body(not(containsString("Signed in")));
      } catch (AssertionError e) {
        throw new AssertionError("ID token " + forgery.getKey() + ": " + e.getMessage(), e);
      }
    }
    provider.reset();
    provider.user = user;
    callback(providerAnswer(OidcSignInProvider.CREATING)).statusCode(200);
  }

  @Test
  void anUnverifiedEmailCreatesNobody() throws Exception {
    String user = Identities.email("oidc-unverified");
    provider.user = user;
    provider.edit = c -> c.setClaim("email_verified", "false");
    callback(providerAnswer(OidcSignInProvider.CREATING)).statusCode(400).body(containsString("not verified"));
    Identities.scim().queryParam("filter", "userName eq \"" + user + "\"").get(Identities.SCIM + "/Users").then()
        .statusCode(200).body("totalResults", equalTo(0));
  }

  @Test
  void theProvidersRefusalAndAnswersFromElsewhereGiveAClearPage() throws Exception {
    knownUser("oidc-denied");
    provider.deny = "access_denied";
    URI denied = providerAnswer(OidcSignInProvider.CREATING);
    callback(denied).statusCode(403).body(containsString("did not sign you in (access_denied)"));
    // Its state is spent: the sign-in cannot be finished with a code afterwards.
    callback(query("any-code", param(denied, "state"))).statusCode(400);
    provider.deny = "<script>alert(1)</script>";
    callback(providerAnswer(OidcSignInProvider.CREATING)).statusCode(400).body(not(containsString("<script>alert")));
    // RFC 9207: an answer naming another issuer (mix-up) is refused.
    provider.deny = null;
    URI answer = providerAnswer(OidcSignInProvider.CREATING);
    callback(answer.getRawQuery() + "&iss=" + java.net.URLEncoder.encode(provider.issuer(OidcSignInProvider.STRICT),
        StandardCharsets.UTF_8)).statusCode(400).body(containsString("another identity provider"));
    // No code at all.
    callback("state=" + param(providerAnswer(OidcSignInProvider.CREATING), "state")).statusCode(400)
        .body(containsString("no authorization code"));
  }

  @Test
  void signInReturnsOnlyToThisServersConsoleAndNamesOnlyConfiguredIssuers() {
    for (String away : List.of("https://evil.example.com/", "//evil.example.com/ui/", "/ui/../api/2.1/unity-catalog/catalogs",
        "/ui/lineage/\"onload=\"x", "/api/2.1/unity-catalog/catalogs", "/ui//evil.example.com", "javascript:alert(1)",
        "/ui/%2e%2e/api", "\\\\evil.example.com", "/UI/")) {
      Api.error(RestAssured.given().redirects().follow(false).queryParam("issuer", OidcSignInProvider.CREATING)
          .queryParam("return_to", away).get("/oidc/login").then(), 400, "INVALID_ARGUMENT");
    }
    // Issuers that are not configured for sign-in, bearer-only ones among them.
    for (String issuer : List.of("nope", "test", "SIGNIN", "")) {
      Api.error(RestAssured.given().redirects().follow(false).queryParam("issuer", issuer).get("/oidc/login").then(),
          404, "NOT_FOUND");
    }
    Api.error(RestAssured.given().redirects().follow(false).get("/oidc/login").then(), 404, "NOT_FOUND");
  }

  @Test
  void anIdTokenIsNoApiToken() throws Exception {
    String user = knownUser("oidc-not-bearer");
    provider.user = user;
    String[] idToken = new String[1];
    provider.signer = c -> idToken[0] = provider.sign(c);
    callback(providerAnswer(OidcSignInProvider.CREATING)).statusCode(200);
    // Its audience is the console's client id, not an audience of bearer JWTs.
    Identities.whoami(idToken[0]).statusCode(401);
  }

  private static String unsigned(String payload) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(payload);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
    jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hmac(String payload, String secret) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(payload);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
    jws.setKey(new HmacKey(java.util.Arrays.copyOf(secret.getBytes(StandardCharsets.UTF_8), 32)));
    jws.setDoKeyValidation(false);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
