package io.gatehouse.server.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.catalog.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A compressed body is held to the body size limit while it is inflated: a gzip bomb is cut off
 * at the limit with a 413 in the error shape, on the unauthenticated token endpoint as on the API,
 * instead of being inflated in full first.
 */
@QuarkusTest
class IdentityCompressedBodyAttackTest {
  private static final long BOMB_SIZE = 512L << 20;
  private static byte[] bomb;

  @TestHTTPResource("/")
  URI base;

  @BeforeAll
  static void buildBomb() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] zeros = new byte[1 << 20];
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16)) {
      for (long written = 0; written < BOMB_SIZE; written += zeros.length) {
        gzip.write(zeros);
      }
    }
    bomb = compressed.toByteArray();
    assertThat(bomb.length).as("compressed size").isLessThan(1 << 20);
  }

  @Test
  void gzipBombToTheTokenEndpointIsCutOffAtTheLimit() throws Exception {
    assertCutOff(post("oidc/v1/token", "application/x-www-form-urlencoded", null));
  }

  @Test
  void gzipBombToAnAuthenticatedEndpointIsCutOffAtTheLimit() throws Exception {
    assertCutOff(post("api/2.1/unity-catalog/catalogs", "application/json", Api.ADMIN_TOKEN));
  }

  @Test
  void compressedBodyWithinTheLimitIsInflatedAndServed() throws Exception {
    String name = Api.unique("gzipped");
    HttpResponse<String> response = send(post("api/2.1/unity-catalog/catalogs", "application/json", Api.ADMIN_TOKEN),
        gzip(("{\"name\":\"" + name + "\"" + " ".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8)));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains(name);
  }

  private void assertCutOff(HttpRequest.Builder request) throws Exception {
    // Bodies are inflated on the server's event loops: their CPU time is what the bomb costs.
    long cpuBefore = eventLoopCpuNanos();
    long started = System.nanoTime();
    HttpResponse<String> response = send(request, bomb);
    long wallMs = (System.nanoTime() - started) / 1_000_000;
    long cpuMs = (eventLoopCpuNanos() - cpuBefore) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("\"error_code\":\"REQUEST_TOO_LARGE\"").contains("decompressed");
    // Inflating the whole bomb costs seconds of event-loop CPU (and hundreds of MB); cut off at
    // 16 MB it costs tens of milliseconds. The bounds are generous: a busy machine must not fail this.
    assertThat(cpuMs).as("event-loop CPU ms spent on the request (%d ms wall)", wallMs).isLessThan(1_000);
    assertThat(wallMs).as("ms until the answer").isLessThan(10_000);
    // The server is still well.
    HttpResponse<String> health = send(HttpRequest.newBuilder(base.resolve("q/health/ready")).GET());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  private static long eventLoopCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("vert.x-eventloop-thread-")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  private HttpRequest.Builder post(String path, String contentType, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", contentType)
        .header("Content-Encoding", "gzip")
        .timeout(Duration.ofSeconds(60));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, byte[] body) throws Exception {
    return send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] gzip(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(plain);
    }
    return out.toByteArray();
  }
}
