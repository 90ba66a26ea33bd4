package io.gatehouse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.common.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Packaged replicas and a PostgreSQL of their own, as operators run them, for the integration
 * tests that stop, kill and restart them: each replica is the packaged jar in its own JVM, on
 * ports chosen here, logging to a file in its data folder.
 */
final class PackagedServers {
  /** A replica starting on a busy 2-core machine (Flyway, Hibernate, gRPC) may take a minute or more. */
  static final long READY_WITHIN_SECONDS = 180;
  static final Path JAR = Path.of(System.getProperty("gatehouse.server.jar", "target/quarkus-app/quarkus-run.jar"));
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One running replica: its process, its REST and gRPC ports, its log. */
  record Replica(Process process, int httpPort, int grpcPort, Path log) {
    String url(String path) {
      return "http://127.0.0.1:" + httpPort + path;
    }
  }

  private PackagedServers() {}

  /** Starts a replica and waits until it is ready; {@code env} adds environment variables. */
  static Replica start(Path dataDir, String name, Map<String, String> env) throws Exception {
    assertThat(JAR).as("packaged server; run mvn package first").exists();
    Files.createDirectories(dataDir);
    Path log = dataDir.resolve(name + ".log");
    int http = freePort();
    int grpc = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m",
        "-Dquarkus.http.port=" + http,
        "-Dquarkus.grpc.server.port=" + grpc,
        "-Dquarkus.management.port=0",
        "-Dgatehouse.data-dir=" + dataDir.toAbsolutePath(),
        "-jar", JAR.toAbsolutePath().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    Replica replica = new Replica(process, http, grpc, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_WITHIN_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited early:\n" + Files.readString(log));
      }
      try {
        if (send("GET", replica.url("/q/health/ready"), null, null).statusCode() == 200) {
          return replica;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new AssertionError("server not ready in " + READY_WITHIN_SECONDS + " s:\n" + Files.readString(log));
  }

  /** SIGTERM, as a service manager stops it; fails when it does not stop within 30 s. */
  static void stop(Replica replica) throws InterruptedException {
    replica.process().destroy();
    if (!replica.process().waitFor(30, TimeUnit.SECONDS)) {
      replica.process().destroyForcibly();
      throw new AssertionError("server did not stop within 30 s of SIGTERM");
    }
  }

  /**
   * A PostgreSQL cluster in {@code dir} on {@code port}, kept between starts (so a test can stop
   * it and start it again with everything it held), with commits flushed as in production.
   */
  static EmbeddedPostgres postgres(Path dir, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir.resolve("cluster"))
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(Files.createDirectories(dir.resolve("runtime")).toFile())
        .setPort(port)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .start();
  }

  static HttpResponse<String> send(String method, String url, String body, String bearer)
      throws IOException, InterruptedException {
    return send(method, url, body, bearer, Duration.ofSeconds(10));
  }

  /** A request with {@code timeout}: a server that hangs past it fails the caller with an exception. */
  static HttpResponse<String> send(String method, String url, String body, String bearer, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (body != null) {
      request.header("Content-Type", method.equals("POST") && url.contains("/scim/") ? "application/scim+json" : "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A free port below the ephemeral range ({@link FreePorts}): replicas restart on theirs. */
  static int freePort() {
    return FreePorts.one();
  }
}
