package io.gatehouse.server.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console's files are served without credentials under {@code /ui/}. That prefix must open
 * nothing else: paths that climb out of it in other spellings (dot segments, percent-encoded
 * dots and slashes, doubled slashes, path parameters, case) reach the API only with a token.
 * Sent over a raw socket, so that no client library normalizes them first.
 */
@QuarkusTest
class ConsolePathAttackTest {

  private static final List<String> CLIMBS = List.of(
      "/ui/../api/2.1/unity-catalog/catalogs",
      "/ui/lineage/../../api/2.1/unity-catalog/catalogs",
      "/ui/%2e%2e/api/2.1/unity-catalog/catalogs",
      "/ui/%2E%2E/api/2.1/unity-catalog/catalogs",
      "/ui/..%2fapi/2.1/unity-catalog/catalogs",
      "/ui/..%2Fapi%2F2.1%2Funity-catalog%2Fcatalogs",
      "/ui%2f..%2fapi/2.1/unity-catalog/catalogs",
      "/ui/.%2e/api/2.1/unity-catalog/catalogs",
      "/ui//../api/2.1/unity-catalog/catalogs",
      "/ui/./../api/2.1/unity-catalog/catalogs",
      "/ui;/../api/2.1/unity-catalog/catalogs",
      "/ui/..;/api/2.1/unity-catalog/catalogs",
      "/ui/..\\api/2.1/unity-catalog/catalogs",
      "/UI/../api/2.1/unity-catalog/catalogs",
      "/ui/../api/gatehouse/v1/audit",
      "/ui/%2e%2e/api/2.0/scim/v2/Users",
      "/ui/../q/metrics");

  @Test
  void pathsThatClimbOutOfTheConsoleNeverReachTheApiWithoutAToken() throws IOException {
    String catalog = Api.unique("consolepath");
    Api.post("/catalogs", java.util.Map.of("name", catalog)).statusCode(org.hamcrest.Matchers.lessThan(300));
    for (String path : CLIMBS) {
      String answer = get(path);
      String status = answer.substring(0, answer.indexOf("\r\n"));
      assertThat(status).as(path).doesNotContain(" 200 ");
      assertThat(answer).as(path).doesNotContain(catalog).doesNotContain("\"Resources\"").doesNotContain("\"events\"");
    }
  }

  @Test
  void theConsoleItselfIsServedWithItsPolicyAndTheApiStillNeedsAToken() throws IOException {
    String page = get("/ui/");
    assertThat(page).startsWith("HTTP/1.1 200").contains("Content-Security-Policy: default-src 'self'; script-src 'self'")
        .contains("frame-ancestors 'none'").contains("X-Content-Type-Options: nosniff");
    assertThat(get("/ui/js/main.js")).startsWith("HTTP/1.1 200").contains("Content-Security-Policy:");
    assertThat(get("/api/2.1/unity-catalog/catalogs")).startsWith("HTTP/1.1 401");
  }

  private static String get(String path) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
