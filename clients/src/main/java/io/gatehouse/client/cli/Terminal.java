package io.gatehouse.client.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of the command sees of the world: its streams, environment and home folder. {@link
 * Main} passes the process's; tests pass their own, so a run in-process is a run like any other.
 */
public record Terminal(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, Path home) {
  public static Terminal system() {
    return new Terminal(
        System.in,
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.getenv(),
        Path.of(System.getProperty("user.home")));
  }
}
