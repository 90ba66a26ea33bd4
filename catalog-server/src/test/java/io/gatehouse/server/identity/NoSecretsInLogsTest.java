package io.gatehouse.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Tokens, client secrets and JWTs, valid or not, never reach a log line. */
@QuarkusTest
class NoSecretsInLogsTest {

  @Test
  void credentialsNeverAppearInLogs() {
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        // The test's own HTTP client logs its requests, credentials included; only the server counts.
        if (record.getLoggerName() != null && record.getLoggerName().startsWith("org.apache.http")) {
          return;
        }
        StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
        if (record.getParameters() != null) {
          for (Object p : record.getParameters()) {
            line.append(' ').append(p);
          }
        }
        if (record.getThrown() != null) {
          StringWriter trace = new StringWriter();
          record.getThrown().printStackTrace(new PrintWriter(trace));
          line.append(' ').append(trace);
        }
        lines.add(line.toString());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    capture.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    Level before = root.getLevel();
    root.addHandler(capture);
    // Debug level everywhere while credentials flow, so that careless debug logging would show.
    root.setLevel(Level.FINE);
    List<String> secrets = new ArrayList<>();
    try {
      String token = Api.json().body(Map.of()).post("/api/2.0/token/create").then().statusCode(200).extract().path("token_value");
      secrets.add(token);
      Identities.as(token).get(Api.BASE + "/catalogs").then().statusCode(200);
      String bogus = "gat_bogusTokenThatShouldNeverBeLogged0000000000000";
      secrets.add(bogus);
      Identities.as(bogus).get(Api.BASE + "/catalogs").then().statusCode(401);
      String email = Identities.email("logs");
      Identities.user(email);
      String jwt = TestIssuer.jwt(email);
      secrets.add(jwt);
      Identities.whoami(jwt).statusCode(200);
      String expired = TestIssuer.jwt(email, c -> c.setExpirationTime(TestIssuer.minutesFromNow(-10)));
      secrets.add(expired);
      Identities.whoami(expired).statusCode(401);
      String appId = Api.unique("logger");
      Identities.servicePrincipal(appId);
      String secret = Api.json().body(Map.of()).post("/api/2.0/service-principals/" + appId + "/credentials/secrets")
          .then().statusCode(200).extract().path("secret");
      secrets.add(secret);
      String access = RestAssured.given().auth().preemptive().basic(appId, secret).formParam("grant_type", "client_credentials")
          .post("/oidc/v1/token").then().statusCode(200).extract().path("access_token");
      secrets.add(access);
      RestAssured.given().auth().preemptive().basic(appId, secret + "x").formParam("grant_type", "client_credentials")
          .post("/oidc/v1/token").then().statusCode(401);
      secrets.add(secret + "x");
      secrets.add(Api.ADMIN_TOKEN);
    } finally {
      root.removeHandler(capture);
      root.setLevel(before);
    }
    // Server threads may still be logging (the policy listener, the audit writer): read a copy.
    List<String> captured;
    synchronized (lines) {
      captured = new ArrayList<>(lines);
    }
    assertThat(captured).as("log lines were captured").isNotEmpty();
    for (String line : captured) {
      for (String secret : secrets) {
        assertThat(line).doesNotContain(secret);
        // Nor a recognisable piece of one.
        assertThat(line).doesNotContain(secret.substring(secret.length() - 16));
      }
    }
  }
}
