package io.gatehouse.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.server.catalog.Api;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command as a user runs it: scripts/gatehouse, which runs
 * clients/target/gatehouse-cli.jar, in its own process with its own environment and home.
 */
@QuarkusTest
class CliSubprocessTest {
  private static Path launcher;

  @TempDir Path home;

  /** The jar is built by the reactor's package phase before these tests (verify); a run without it fails here rather than skip. */
  @BeforeAll
  static void findTheLauncher() {
    Path jar = Path.of(System.getProperty("clients.cli-jar", "../clients/target/gatehouse-cli.jar"));
    launcher = Path.of(System.getProperty("clients.cli-launcher", "../scripts/gatehouse")).toAbsolutePath().normalize();
    assertThat(jar).as("the CLI jar; build it with -am verify (or scripts/gatehouse)").isRegularFile();
    assertThat(launcher).isExecutable();
  }

  private record Result(int exitCode, String out, String err) {}

  private Result gatehouse(Map<String, String> env, Path workDir, String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
    pb.environment().put("HOME", home.toString());
    // Should the home lookup regress, the JVM's own idea of home is the test's folder too.
    pb.environment().put("GATEHOUSE_JAVA_OPTS", "-Duser.home=" + home);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("gatehouse finished").isTrue();
    return new Result(p.exitValue(), out.get(), err.get());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> server() {
    return Map.of("GATEHOUSE_HOST", JavaClientSuiteTest.host(), "GATEHOUSE_TOKEN", Api.ADMIN_TOKEN);
  }

  @Test
  void theLauncherCreatesAndReadsACatalogAndExitsWithTheCodeOfARefusal() throws Exception {
    String name = Api.unique("subprocess");
    Result created = gatehouse(server(), home, "", "catalog", "create", name, "--comment", "from a shell");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("name").contains(name).contains("from a shell");

    Result json = gatehouse(server(), home, "", "catalog", "get", name, "--output", "json");
    assertThat(json.exitCode()).isZero();
    JsonNode catalog = RestOperations.JSON.readTree(json.out());
    assertThat(catalog.get("name").asText()).isEqualTo(name);
    assertThat(catalog.get("owner").asText()).isEqualTo("admin");

    Result missing = gatehouse(server(), home, "", "catalog", "get", name + "_missing");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).matches("Error: Catalog '" + name + "_missing' does not exist\\. "
        + "\\[NOT_FOUND, HTTP 404, request id \\S+\\]\\n");

    Result duplicate = gatehouse(server(), home, "", "catalog", "create", name);
    assertThat(duplicate.exitCode()).isEqualTo(5);
    Result usage = gatehouse(server(), home, "", "catalog", "frobnicate");
    assertThat(usage.exitCode()).isEqualTo(1);
  }

  @Test
  void loginWritesAPrivateConfigThatLaterCommandsUseAndFlagsOverride() throws Exception {
    Result login = gatehouse(Map.of("GATEHOUSE_HOST", JavaClientSuiteTest.host()), home, Api.ADMIN_TOKEN + "\n", "login");
    assertThat(login.exitCode()).as(login.err()).isZero();
    assertThat(login.out()).contains("as admin");
    Path config = home.resolve(".gatehouse/config");
    assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

    Result whoami = gatehouse(Map.of(), home, "", "whoami");
    assertThat(whoami.exitCode()).as(whoami.err()).isZero();
    assertThat(whoami.out()).containsPattern("name\\s+admin");

    Result refused = gatehouse(Map.of(), home, "", "--token", "gat_not-a-token", "whoami");
    assertThat(refused.exitCode()).isEqualTo(4);
    assertThat(refused.err()).contains("UNAUTHENTICATED");
  }

  @Test
  void sqlReadsAScriptFileRelativeToTheCurrentFolder(@TempDir Path work) throws Exception {
    String catalog = Api.unique("script");
    Files.writeString(work.resolve("setup.sql"), "CREATE CATALOG " + catalog + ";\nCREATE SCHEMA " + catalog
        + ".s;\nSHOW SCHEMAS IN " + catalog + ";\n");
    Result r = gatehouse(server(), work, "", "sql", "-f", "setup.sql");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("s");
    Result failed = gatehouse(server(), work, "", "sql", "CREATE SCHEMA " + catalog + ".s");
    assertThat(failed.exitCode()).isEqualTo(5);
    assertThat(failed.err()).contains("request id");
  }
}
