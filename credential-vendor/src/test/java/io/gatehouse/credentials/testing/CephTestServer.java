package io.gatehouse.credentials.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Ceph radosgw of {@code scripts/ceph-test-server}, started on first use in this JVM if it is
 * not running already (the script is idempotent and brings it up in about 15 seconds), with the
 * identities the script provisions and S3 clients configured the way radosgw needs them.
 */
public final class CephTestServer {
  public static final String CATALOG_ROLE = "arn:aws:iam:::role/gatehouse-data";
  public static final String ANALYSTS_ROLE = "arn:aws:iam:::role/gatehouse-analysts";
  public static final String ENGINEERS_ROLE = "arn:aws:iam:::role/gatehouse-engineers";

  private static CephTestServer instance;

  public final URI endpoint;
  public final AwsBasicCredentials catalog;
  public final AwsBasicCredentials admin;
  private final Path script;

  private CephTestServer(Path script, Map<String, String> env) {
    this.script = script;
    this.endpoint = URI.create(env.get("CEPH_TEST_ENDPOINT"));
    this.catalog = AwsBasicCredentials.create(env.get("CEPH_TEST_CATALOG_ACCESS_KEY"), env.get("CEPH_TEST_CATALOG_SECRET_KEY"));
    this.admin = AwsBasicCredentials.create(env.get("CEPH_TEST_ADMIN_ACCESS_KEY"), env.get("CEPH_TEST_ADMIN_SECRET_KEY"));
  }

  /** The running server; starts it (installing Ceph if needed) on the first call. */
  public static synchronized CephTestServer get() {
    if (instance == null) {
      Path script = findScript();
      run(script, Duration.ofMinutes(5), "start");
      instance = new CephTestServer(script, parseEnv(run(script, Duration.ofSeconds(30), "env")));
    }
    return instance;
  }

  /** An S3 client with {@code credentials} (basic or session), path-style, checksums only where required. */
  public S3Client s3(AwsCredentials credentials) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(Apache5HttpClient.create())
        .build();
  }

  public S3Client s3(String accessKeyId, String secretAccessKey, String sessionToken) {
    return s3(AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
  }

  /**
   * A role that members of {@code issuer} may assume with AssumeRoleWithWebIdentity when their
   * token's audience is {@code audience}, with s3:* on every bucket; the issuer is registered as
   * radosgw's OIDC provider (with its certificate's thumbprint) first. Idempotent.
   */
  public synchronized String webIdentityRole(WebIdentityIssuer issuer, String audience) {
    new RadosgwIam(this, admin).createOpenIdConnectProvider(issuer.issuer, issuer.signing.sha1Thumbprint(), audience);
    String name = "web-" + issuer.providerId().replaceAll("[^A-Za-z0-9]", "-") + "-" + audience;
    String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":["
        + "\"arn:aws:iam:::oidc-provider/" + issuer.providerId() + "\"]},\"Action\":[\"sts:AssumeRoleWithWebIdentity\"],"
        + "\"Condition\":{\"StringEquals\":{\"" + issuer.providerId() + ":app_id\":\"" + audience + "\"}}}]}";
    try {
      radosgwAdmin("role", "get", "--role-name=" + name);
    } catch (IllegalStateException missing) {
      radosgwAdmin("role", "create", "--role-name=" + name, "--path=/", "--assume-role-policy-doc=" + trust);
      radosgwAdmin("role-policy", "put", "--role-name=" + name, "--policy-name=data", "--policy-doc="
          + "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\"],\"Resource\":[\"arn:aws:s3:::*\"]}]}");
    }
    return "arn:aws:iam:::role/" + name;
  }

  /** Runs {@code radosgw-admin} through the script's configuration; returns its output. */
  public String radosgwAdmin(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "radosgw-admin";
    System.arraycopy(args, 0, all, 1, args.length);
    return run(script, Duration.ofSeconds(60), all);
  }

  private static Path findScript() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path script = dir.resolve("scripts/ceph-test-server");
      if (Files.isExecutable(script)) {
        return script;
      }
    }
    throw new IllegalStateException("scripts/ceph-test-server not found above " + Path.of("").toAbsolutePath());
  }

  private static String run(Path script, Duration timeout, String... args) {
    String[] command = new String[args.length + 1];
    command[0] = script.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Path output = Files.createTempFile("ceph-test-server", ".out");
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + text);
        }
        return text;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Map<String, String> parseEnv(String text) {
    Map<String, String> env = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.startsWith("CEPH_TEST_")) {
        env.put(line.substring(0, eq), line.substring(eq + 1).trim());
      }
    }
    return env;
  }
}
