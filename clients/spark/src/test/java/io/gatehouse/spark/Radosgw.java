package io.gatehouse.spark;

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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Ceph radosgw of {@code scripts/ceph-test-server} (shared on 127.0.0.1:7480), started on
 * first use in this JVM if it is not running already, as credential-vendor's CephTestServer does;
 * with the identities the script provisions.
 */
public final class Radosgw {
  public static final String CATALOG_ROLE = "arn:aws:iam:::role/gatehouse-data";

  private static Radosgw instance;

  public final URI endpoint;
  public final AwsBasicCredentials catalog;
  public final AwsBasicCredentials admin;

  private Radosgw(Map<String, String> env) {
    endpoint = URI.create(env.get("CEPH_TEST_ENDPOINT"));
    catalog = AwsBasicCredentials.create(env.get("CEPH_TEST_CATALOG_ACCESS_KEY"), env.get("CEPH_TEST_CATALOG_SECRET_KEY"));
    admin = AwsBasicCredentials.create(env.get("CEPH_TEST_ADMIN_ACCESS_KEY"), env.get("CEPH_TEST_ADMIN_SECRET_KEY"));
  }

  public static synchronized Radosgw get() {
    if (instance == null) {
      Path script = findScript();
      run(script, Duration.ofMinutes(5), "start");
      instance = new Radosgw(parseEnv(run(script, Duration.ofSeconds(30), "env")));
    }
    return instance;
  }

  /** An S3 client with {@code credentials}, path-style, checksums only where required (radosgw refuses the SDK's defaults). */
  public S3Client s3(AwsCredentials credentials) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .build();
  }

  public S3Client s3(String accessKeyId, String secretAccessKey, String sessionToken) {
    return s3(AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
  }

  static Path findScript() {
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
