package io.gatehouse.client.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of the command: its exit code and what it printed. */
public record CliRun(int exitCode, String out, String err) {
  public static CliRun run(Map<String, String> env, Path home, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal t = new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintWriter(out, true), new PrintWriter(err, true), env, home);
    int code = GatehouseCli.run(t, args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
