package io.gatehouse.server.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.gatehouse.server.browser.HeadlessChromium;
import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.credentials.CredentialTestServers;
import io.gatehouse.server.identity.Identities;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * SAML sign-in to the console, in Chromium against the test identity provider ({@link
 * SamlSignInIdp}), and the ways a response is refused. Automatic creation is on in the tests'
 * configuration for {@link SamlSignInIdp#CREATED_DOMAIN} only, so both a created user and an
 * unknown user refused are driven here.
 */
@QuarkusTest
@QuarkusTestResource(CredentialTestServers.class)
class SamlSignInTest {
  private final SamlSignInIdp idp = SamlSignInIdp.get();
  private ChromeDriver driver;
  private WebDriverWait wait;
  private HeadlessChromium browser;

  @BeforeEach
  void browser() throws IOException {
    idp.groups = List.of();
    idp.edit = UnaryOperator.identity();
    browser = HeadlessChromium.start(1280, 900);
    driver = browser.driver();
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  @AfterEach
  void close() throws IOException {
    browser.close();
  }

  private String base() {
    return "http://127.0.0.1:" + RestAssured.port;
  }

  /** Signs in from the console's button; returns the token the tab holds. */
  private String signInFromTheConsole() {
    driver.get(base() + "/ui/");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("sso"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("who-name")));
    return (String) ((JavascriptExecutor) driver).executeScript("return sessionStorage.getItem('gatehouse.lineage.token')");
  }

  @Test
  void aKnownUserSignsInThroughTheIdentityProviderAndTheConsoleShowsItsName() {
    String user = Identities.email("saml-known");
    Identities.user(user);
    idp.user = user.toUpperCase(); // identity providers do not keep the case Gatehouse stores
    String token = signInFromTheConsole();
    // The console's header shows the display name, with the user name beneath it.
    assertThat(driver.findElement(By.cssSelector(".who-text")).getText()).contains(user);
    assertThat(driver.getCurrentUrl()).startsWith(base() + "/ui/");
    Identities.whoami(token).statusCode(200).body("userName", org.hamcrest.Matchers.equalTo(user));
    assertThat(idp.lastRequest).contains("AssertionConsumerServiceURL=\"" + base() + "/saml/acs\"")
        .contains("<saml:Issuer>" + SamlSignInIdp.SP_ENTITY_ID + "</saml:Issuer>");
    // The sign-in is in the audit trail, and no SAML response is.
    String trail = "";
    for (int i = 0; i < 50 && !trail.contains("SIGN_IN"); i++) {
      trail = Api.json().queryParam("principal", user).get("/api/gatehouse/v1/audit").then().statusCode(200).extract().asString();
    }
    assertThat(trail).contains("SIGN_IN").doesNotContain(idp.lastResponse.substring(0, 40));

    // Signing out ends the sign-in's token at once; signing out with another credential touches nothing.
    var signedIn = driver.findElement(By.id("who-name"));
    driver.findElement(By.id("signout")).click();
    // The page reloads once the token is ended: the old header goes.
    wait.until(d -> HeadlessChromium.gone(signedIn));
    wait.ignoring(org.openqa.selenium.WebDriverException.class)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    Identities.whoami(token).statusCode(401);
    Api.given().post("/saml/logout").then().statusCode(204);
    Api.get("/catalogs").statusCode(200);
  }

  @Test
  void aFirstSignInInTheCoveredDomainCreatesTheUserInItsExistingGroupsButNeverAPrivilegedOne() {
    String group = Api.unique("saml-analysts");
    Identities.group(group);
    String user = Api.unique("saml-new") + "@" + SamlSignInIdp.CREATED_DOMAIN;
    idp.user = user;
    idp.groups = List.of(group, "admins", "ADMINS", "engines", Api.unique("no-such-group"));
    String token = signInFromTheConsole();
    assertThat(driver.findElement(By.cssSelector(".who-text")).getText()).contains(user);
    List<String> groups = Identities.whoami(token).statusCode(200).extract().path("groups.display");
    assertThat(groups).containsExactly(group);

    // Admins see the console sign-in in token management and can end it at once.
    String userId = Identities.whoami(token).extract().path("id");
    List<Map<String, Object>> sessions = Api.json().queryParam("created_by_id", userId).get("/api/2.0/token-management/tokens")
        .then().statusCode(200).extract().path("token_infos");
    assertThat(sessions).singleElement().satisfies(t -> assertThat(t).containsEntry("comment", "SAML sign-in"));
    // The user's own token list holds personal access tokens only; the sign-in is not one.
    List<Object> own = Identities.as(token).get("/api/2.0/token/list").then().statusCode(200).extract().path("token_infos");
    assertThat(own).isNullOrEmpty();
    Api.json().delete("/api/2.0/token-management/tokens/" + sessions.get(0).get("token_id")).then().statusCode(200);
    Identities.whoami(token).statusCode(401);
  }

  @Test
  void anUnknownUserOutsideTheCoveredDomainIsRefusedWithAClearPageAndNotCreated() {
    String user = Identities.email("saml-stranger");
    idp.user = user;
    driver.get(base() + "/saml/login?return_to=/ui/lineage/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal")));
    assertThat(driver.findElement(By.id("refusal")).getText()).contains(user).contains("Ask an administrator");
    Identities.scim().queryParam("filter", "userName eq \"" + user + "\"").get(Identities.SCIM + "/Users").then()
        .statusCode(200).body("totalResults", org.hamcrest.Matchers.equalTo(0));
  }

  // --- the same flow without a browser, to try what a browser would not send -------------------

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Starts a sign-in; returns the identity provider's auto-post page for it. */
  private String identityProviderPage(String returnTo) throws Exception {
    String location = RestAssured.given().redirects().follow(false).queryParam("return_to", returnTo).get("/saml/login")
        .then().statusCode(303).extract().header("Location");
    assertThat(location).startsWith(idp.ssoUrl() + "?SAMLRequest=");
    return HTTP.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String posted(String page) {
    Matcher m = Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static Response acs(String samlResponse) {
    return RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("SAMLResponse", samlResponse)
        .post("/saml/acs");
  }

  @Test
  void aResponseIsTakenOnceInAnswerToOurRequestAddressedToUsAndSignedByTheIdentityProvider() throws Exception {
    String user = Identities.email("saml-attack");
    Identities.user(user);
    idp.user = user;
    String good = posted(identityProviderPage("/ui/lineage/"));
    acs(good).then().statusCode(200).body(containsString("Signed in as " + user));
    // Replayed: its request was answered.
    acs(good).then().statusCode(400).body(containsString("refused"));

    Map<String, UnaryOperator<io.gatehouse.credentials.testing.SamlTestIdp.Response>> forgeries = new java.util.LinkedHashMap<>();
    forgeries.put("another audience", r -> r.audience("https://another-sp.example.com"));
    forgeries.put("unsolicited", r -> r.inResponseTo(null));
    forgeries.put("answering a request never made", r -> r.inResponseTo("_" + java.util.UUID.randomUUID()));
    forgeries.put("addressed elsewhere", r -> r.addressedTo("https://another-sp.example.com/saml/acs"));
    forgeries.put("signed by another key", r -> r.signedWith(io.gatehouse.credentials.testing.SelfSignedCertificate.generate("rogue").keys.getPrivate()));
    forgeries.put("unsigned", r -> r.unsigned());
    forgeries.put("expired", r -> r.expiredAgo(Duration.ofMinutes(10)));
    forgeries.put("subject swapped after signing", r -> r.tamper(xml -> xml.replace(user, "admin")));
    for (var forgery : forgeries.entrySet()) {
      idp.edit = forgery.getValue();
      String page = identityProviderPage("/ui/lineage/");
      acs(posted(page)).then().statusCode(400).body(containsString("refused"))
          .header("Content-Security-Policy", containsString("default-src 'none'"));
    }
    idp.edit = UnaryOperator.identity();
    // A deactivated user is refused although the identity provider vouches for it.
    String gone = Identities.email("saml-deactivated");
    String goneId = Identities.user(gone);
    Identities.scim().body(Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
        "Operations", List.of(Map.of("op", "replace", "value", Map.of("active", false))))).patch(Identities.SCIM + "/Users/" + goneId)
        .then().statusCode(200);
    idp.user = gone;
    acs(posted(identityProviderPage("/ui/lineage/"))).then().statusCode(403).body(containsString("deactivated"));
  }

  @Test
  void signInReturnsOnlyToThisServersConsole() {
    for (String away : List.of("https://evil.example.com/", "//evil.example.com/ui/", "/ui/../api/2.1/unity-catalog/catalogs",
        "/ui/lineage/\"onload=\"x", "/api/2.1/unity-catalog/catalogs", "/ui//evil.example.com", "javascript:alert(1)")) {
      Api.error(RestAssured.given().redirects().follow(false).queryParam("return_to", away).get("/saml/login").then(),
          400, "INVALID_ARGUMENT");
    }
  }

  @Test
  void theServiceProvidersMetadataNamesItsEntityIdAndConsumerUrl() {
    String metadata = RestAssured.get("/saml/metadata").then().statusCode(200).extract().asString();
    assertThat(metadata).contains("entityID=\"" + SamlSignInIdp.SP_ENTITY_ID + "\"")
        .contains("Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"" + base() + "/saml/acs\"");
  }
}
