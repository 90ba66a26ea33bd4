package io.gatehouse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged server, started as a user starts it, on the embedded default store: what one run
 * writes is there in the next, and stopping the server stops its PostgreSQL.
 */
class PackagedServerIT {
  /** A replica starting on a busy 2-core machine (Flyway, Hibernate, gRPC) may take a minute or more. */
  private static final long READY_WITHIN_SECONDS = 180;

  private static final Path JAR = Path.of(System.getProperty("gatehouse.server.jar", "target/quarkus-app/quarkus-run.jar"));
  private String token;

  @Test
  void catalogWrittenBeforeRestartIsReadAfterIt() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-it-");
    int port = freePort();
    String base = "http://127.0.0.1:" + port + "/api/2.1/unity-catalog";

    Process first = start(dataDir, port, "first");
    Path tokenFile = dataDir.resolve("admin-token");
    assertThat(Files.getPosixFilePermissions(tokenFile)).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    token = Files.readString(tokenFile).trim();
    assertThat(send("GET", base + "/catalogs", null, null).statusCode()).isEqualTo(401);
    try {
      assertThat(send("POST", base + "/catalogs", "{\"name\":\"durable\",\"comment\":\"kept\"}").statusCode()).isEqualTo(200);
      assertThat(send("POST", base + "/schemas", "{\"name\":\"s\",\"catalog_name\":\"durable\"}").statusCode()).isEqualTo(200);
      String table =
          "{\"name\":\"t\",\"catalog_name\":\"durable\",\"schema_name\":\"s\",\"table_type\":\"EXTERNAL\","
              + "\"data_source_format\":\"PARQUET\",\"storage_location\":\"s3://b/durable/t\","
              + "\"columns\":[{\"name\":\"id\",\"type_name\":\"LONG\"}]}";
      assertThat(send("POST", base + "/tables", table).statusCode()).isEqualTo(200);
      // The default embedded store flushes every commit to disk: zonky's defaults (fsync and
      // synchronous_commit off) would lose committed rows when the machine stops.
      String pgPort = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim();
      try (var c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/gatehouse", "postgres", "");
          var rows = c.createStatement().executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
        assertThat(rows.next()).isTrue();
        assertThat(List.of(rows.getString(1), rows.getString(2))).as("fsync, synchronous_commit").containsExactly("on", "on");
      }
    } finally {
      stop(first);
    }
    assertThat(dataDir.resolve("postgres/postmaster.pid")).as("embedded PostgreSQL stopped with the server").doesNotExist();

    Process second = start(dataDir, port, "second");
    try {
      HttpResponse<String> catalog = send("GET", base + "/catalogs/durable", null);
      assertThat(catalog.statusCode()).isEqualTo(200);
      assertThat(catalog.body()).contains("\"comment\":\"kept\"");
      HttpResponse<String> table = send("GET", base + "/tables/durable.s.t", null);
      assertThat(table.statusCode()).isEqualTo(200);
      assertThat(table.body()).contains("s3://b/durable/t");
      // The location claim survived too.
      String clash =
          "{\"name\":\"t2\",\"catalog_name\":\"durable\",\"schema_name\":\"s\",\"table_type\":\"EXTERNAL\","
              + "\"data_source_format\":\"PARQUET\",\"storage_location\":\"s3://b/durable/t/x\",\"columns\":[]}";
      assertThat(send("POST", base + "/tables", clash).statusCode()).isEqualTo(400);
    } finally {
      stop(second);
    }
  }

  @Test
  void dataFolderFromBeforeTheApplicationRoleIsUpgradedAndItsTrailProtected() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "upgrade-it-");
    // An embedded store as servers before migration 9 left it: the schema migrated, and written
    // to, by the superuser the server logged in as.
    try (EmbeddedPostgres old = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir.resolve("postgres"))
        .setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(Files.createDirectories(dataDir.resolve("old-runtime")).toFile())
        .start()) {
      try (var c = old.getPostgresDatabase().getConnection()) {
        c.createStatement().execute("CREATE DATABASE gatehouse");
      }
      // Every migration before V9, whichever exist.
      int before9;
      try (var files = Files.list(Path.of("target/classes/db/migration"))) {
        before9 = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
            .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).filter(v -> v < 9).max().orElseThrow();
      }
      org.flywaydb.core.Flyway.configure()
          .dataSource(old.getJdbcUrl("postgres", "gatehouse"), "postgres", "")
          .locations("filesystem:target/classes/db/migration")
          .target(Integer.toString(before9))
          .skipDefaultCallbacks(true)
          .load()
          .migrate();
      try (var c = old.getDatabase("postgres", "gatehouse").getConnection()) {
        c.createStatement().execute("INSERT INTO audit_log (occurred_at, principal, action, result) VALUES (now(), 'admin', 'OLD_RECORD', 'SUCCEEDED')");
      }
    }
    int port = freePort();
    token = "gat_upgrade-it-token-abcdefghijklmnopqrstuvwxyz0123456";
    Process server = start(dataDir, port, "upgraded", Map.of("GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN", token));
    try {
      String base = "http://127.0.0.1:" + port + "/api/2.1/unity-catalog";
      assertThat(send("POST", base + "/catalogs", "{\"name\":\"upgraded\"}").statusCode()).isEqualTo(200);
      assertThat(send("GET", "http://127.0.0.1:" + port + "/api/gatehouse/v1/audit?action=OLD_RECORD", null).body())
          .contains("OLD_RECORD");
      String pgPort = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim();
      String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/gatehouse";
      try (var c = java.sql.DriverManager.getConnection(url, "postgres", "");
          var rows = c.createStatement().executeQuery(
              "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'gatehouse' AND pid <> pg_backend_pid()"
                  + " AND backend_type = 'client backend'")) {
        List<String> users = new java.util.ArrayList<>();
        while (rows.next()) {
          users.add(rows.getString(1));
        }
        assertThat(users).as("roles the server is logged in as").containsExactly("gatehouse_app");
      }
      try (var c = java.sql.DriverManager.getConnection(url, "gatehouse_app", "")) {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
            () -> c.createStatement().execute("DELETE FROM audit_log")).getSQLState()).isEqualTo("42501");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
            () -> c.createStatement().execute("ALTER TABLE audit_log DISABLE TRIGGER ALL")).getSQLState()).isEqualTo("42501");
      }
    } finally {
      stop(server);
    }
  }

  @Test
  void issuerWithoutAudienceStopsTheServerAtStart() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "no-audience-it-");
    Path log = dataDir.resolve("server.log");
    Process process = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dquarkus.http.port=" + freePort(),
            "-Dquarkus.grpc.server.port=0",
            "-Dquarkus.management.port=0",
            "-Dgatehouse.data-dir=" + dataDir.toAbsolutePath(),
            "-Dgatehouse.auth.oidc.corp.issuer=https://login.example.com/",
            "-Dgatehouse.auth.oidc.corp.jwks-url=https://login.example.com/jwks",
            "-jar", JAR.toAbsolutePath().toString()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the server started without an audience:\n" + Files.readString(log));
    }
    assertThat(process.exitValue()).isNotZero();
    assertThat(Files.readString(log)).contains("gatehouse.auth.oidc.corp.audience");
  }

  @Test
  void takenGrpcPortStopsTheServerAtStart() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "grpc-port-it-");
    Path log = dataDir.resolve("server.log");
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Process process = new ProcessBuilder(List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Dquarkus.http.port=" + freePort(),
              "-Dquarkus.grpc.server.port=" + taken.getLocalPort(),
              "-Dquarkus.management.port=0",
              "-Dgatehouse.data-dir=" + dataDir.toAbsolutePath(),
              "-jar", JAR.toAbsolutePath().toString()))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      // Before the check, the server ran on without gRPC and reported itself not ready forever.
      if (!process.waitFor(READY_WITHIN_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the server kept running without its gRPC port:\n" + Files.readString(log));
      }
      assertThat(process.exitValue()).isNotZero();
      assertThat(Files.readString(log)).contains("the gRPC server did not start on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void benchmarkSwitchThatTurnsSecurityOffStopsTheServerUnderTheDefaultProfile() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "unguarded-it-");
    for (List<String> profile : List.of(List.<String>of(), List.of("-Dquarkus.profile=prod"))) {
      Path log = dataDir.resolve("server-" + profile.size() + ".log");
      List<String> command = new java.util.ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dquarkus.http.port=" + freePort(),
          "-Dquarkus.grpc.server.port=0",
          "-Dquarkus.management.port=0",
          "-Dgatehouse.data-dir=" + dataDir.resolve("data").toAbsolutePath(),
          "-Dgatehouse.bench.unguarded=true"));
      command.addAll(profile);
      command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      // Generous: a busy machine takes more than a minute to start a JVM this size.
      if (!process.waitFor(240, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the server started with security off:\n" + Files.readString(log));
      }
      assertThat(process.exitValue()).isNotZero();
      assertThat(Files.readString(log)).contains("gatehouse.bench.unguarded=true").contains("refusing to start");
    }
  }

  @Test
  void externalDatabaseIsUsedWhenConfiguredAndNoEmbeddedOneStarts() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "external-it-");
    int port = freePort();
    // A PostgreSQL the server does not own, reached through GATEHOUSE_DB_URL.
    try (EmbeddedPostgres external =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir.resolve("external-cluster"))
            .setOverrideWorkingDirectory(Files.createDirectories(dataDir.resolve("external-runtime")).toFile())
            .start()) {
      token = "gat_external-it-token-abcdefghijklmnopqrstuvwxyz012345";
      Map<String, String> env =
          Map.of(
              "GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN", token,
              "GATEHOUSE_DB_URL", "jdbc:postgresql://127.0.0.1:" + external.getPort() + "/postgres",
              "GATEHOUSE_DB_USERNAME", "postgres",
              "GATEHOUSE_DB_PASSWORD", "unused-by-trust-auth");
      Process server = start(dataDir.resolve("server-data"), port, "external", env);
      try {
        String base = "http://127.0.0.1:" + port + "/api/2.1/unity-catalog";
        assertThat(send("POST", base + "/catalogs", "{\"name\":\"outside\"}").statusCode()).isEqualTo(200);
      } finally {
        stop(server);
      }
      try (var connection = external.getPostgresDatabase().getConnection();
          var rows = connection.createStatement().executeQuery("SELECT name FROM catalogs")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("outside");
      }
    }
    assertThat(dataDir.resolve("server-data/postgres")).as("no embedded cluster").doesNotExist();
  }

  @Test
  void grantThroughOneReplicaIsEnforcedByTheOtherWithinASecond() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target"), "replicas-it-");
    token = "gat_replica-it-token-abcdefghijklmnopqrstuvwxyz0123456";
    try (EmbeddedPostgres shared =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir.resolve("shared-cluster"))
            .setOverrideWorkingDirectory(Files.createDirectories(dataDir.resolve("shared-runtime")).toFile())
            .start()) {
      Map<String, String> env = Map.of(
          "GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN", token,
          "GATEHOUSE_DB_URL", "jdbc:postgresql://127.0.0.1:" + shared.getPort() + "/postgres",
          "GATEHOUSE_DB_USERNAME", "postgres");
      int portA = freePort();
      int portB = freePort();
      Process a = start(dataDir.resolve("a"), portA, "replica-a", env);
      Process b = start(dataDir.resolve("b"), portB, "replica-b", env);
      try {
        String apiA = "http://127.0.0.1:" + portA;
        String apiB = "http://127.0.0.1:" + portB;
        assertThat(send("POST", apiA + "/api/2.1/unity-catalog/catalogs", "{\"name\":\"shared\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> sp = send("POST", apiA + "/api/2.0/scim/v2/ServicePrincipals",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal\"],\"applicationId\":\"job-1\"}");
        assertThat(sp.statusCode()).isEqualTo(201);
        HttpResponse<String> obo = send("POST", apiA + "/api/2.0/token-management/on-behalf-of/tokens", "{\"application_id\":\"job-1\"}");
        String jobToken = obo.body().replaceAll(".*\"token_value\":\"([^\"]+)\".*", "$1");
        String catalogOnB = apiB + "/api/2.1/unity-catalog/catalogs/shared";
        assertThat(send("GET", catalogOnB, null, jobToken).statusCode()).isEqualTo(403);

        String grant = "{\"changes\":[{\"principal\":\"job-1\",\"add\":[\"USE CATALOG\"],\"remove\":[]}]}";
        assertThat(send("PATCH", apiA + "/api/2.1/unity-catalog/permissions/catalog/shared", grant).statusCode()).isEqualTo(200);
        long granted = System.nanoTime();
        assertThat(waitForStatus(catalogOnB, jobToken, 200)).as("ms until replica B honours the grant").isLessThan(1_000);

        String revoke = "{\"changes\":[{\"principal\":\"job-1\",\"add\":[],\"remove\":[\"USE CATALOG\"]}]}";
        assertThat(send("PATCH", apiA + "/api/2.1/unity-catalog/permissions/catalog/shared", revoke).statusCode()).isEqualTo(200);
        assertThat(waitForStatus(catalogOnB, jobToken, 403)).as("ms until replica B honours the revocation").isLessThan(1_000);
        assertThat(granted).isPositive();
      } finally {
        stop(a);
        stop(b);
      }
    }
  }

  /** Milliseconds until {@code url} answers {@code status} to {@code bearer}, polling every 20 ms. */
  private static long waitForStatus(String url, String bearer, int status) throws Exception {
    long start = System.nanoTime();
    while (System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(5)) {
      if (send("GET", url, null, bearer).statusCode() == status) {
        return (System.nanoTime() - start) / 1_000_000;
      }
      Thread.sleep(20);
    }
    return Long.MAX_VALUE;
  }

  private Process start(Path dataDir, int port, String name) throws Exception {
    return start(dataDir, port, name, Map.of());
  }

  private Process start(Path dataDir, int port, String name, Map<String, String> env) throws Exception {
    assertThat(JAR).as("packaged server; run mvn package first").exists();
    Files.createDirectories(dataDir);
    Path log = dataDir.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.grpc.server.port=0",
                    "-Dquarkus.management.port=0",
                    "-Dgatehouse.data-dir=" + dataDir.toAbsolutePath(),
                    "-jar",
                    JAR.toAbsolutePath().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_WITHIN_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("server exited early:\n" + Files.readString(log));
      }
      try {
        if (send("GET", "http://127.0.0.1:" + port + "/q/health/ready", null, null).statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new AssertionError("server not ready in " + READY_WITHIN_SECONDS + " s:\n" + Files.readString(log));
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy(); // SIGTERM, as a service manager stops it
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("server did not stop within 30 s of SIGTERM");
    }
  }

  private HttpResponse<String> send(String method, String url, String body) throws IOException, InterruptedException {
    return send(method, url, body, token);
  }

  private static HttpResponse<String> send(String method, String url, String body, String bearer)
      throws IOException, InterruptedException {
    return PackagedServers.send(method, url, body, bearer);
  }

  private static int freePort() throws IOException {
    return PackagedServers.freePort();
  }
}
