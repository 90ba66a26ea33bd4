package io.gatehouse.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.client.GatehouseException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs one {@code gatehouse} command line against a {@link Terminal}; answers the exit code. */
public final class GatehouseCli {
  private GatehouseCli() {}

  public static int run(Terminal terminal, String... args) {
    RootCommand root = new RootCommand(terminal);
    CommandLine cli = new CommandLine(root)
        .setOut(terminal.out())
        .setErr(terminal.err())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpAutoWidth(true);
    cli.setParameterExceptionHandler((e, argv) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("Error: " + e.getMessage());
      String name = e.getCommandLine().getCommandSpec().qualifiedName();
      err.println("See '" + name + " --help'.");
      err.flush();
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(root, terminal.err(), e));
    int code = cli.execute(args);
    terminal.out().flush();
    terminal.err().flush();
    return code;
  }

  private static int report(RootCommand root, PrintWriter err, Exception e) {
    boolean json = root.format == Output.Format.JSON;
    if (e instanceof GatehouseException g) {
      if (json) {
        ObjectNode node = Output.JSON.createObjectNode();
        node.put("error_code", g.errorCode());
        node.put("message", g.getMessage());
        if (g.httpStatus() > 0) {
          node.put("http_status", g.httpStatus());
        }
        node.put("request_id", g.requestId());
        err.println(node.toPrettyString());
      } else {
        StringBuilder where = new StringBuilder(g.errorCode());
        if (g.httpStatus() > 0) {
          where.append(", HTTP ").append(g.httpStatus());
        }
        if (g.requestId() != null) {
          where.append(", request id ").append(g.requestId());
        }
        err.println("Error: " + g.getMessage() + " [" + where + "]");
      }
      err.flush();
      return ExitCodes.of(g.code());
    }
    if (e instanceof CliException c) {
      err.println("Error: " + c.getMessage());
      err.flush();
      return c.exitCode();
    }
    err.println("Error: " + e);
    err.flush();
    return ExitCodes.UNAVAILABLE;
  }
}
