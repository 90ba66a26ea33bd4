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
  /** The process's streams and environment; home is {@code $HOME}, as shells see it, else {@code user.home}. */
  public static Terminal system() {
    String home = System.getenv("HOME");
    return new Terminal(
        System.in,
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.getenv(),
        Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")));
  }
}
