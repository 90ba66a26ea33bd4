package io.gatehouse.client.cli;

import io.gatehouse.client.GatehouseClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code gatehouse}: the options every command takes, and the client they share. */
@Command(
    name = "gatehouse",
    description = "Command-line tool of the Gatehouse catalog: securables, grants, SQL, tokens.",
    synopsisSubcommandLabel = "COMMAND",
    usageHelpAutoWidth = true,
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0 ok, 1 usage, 2 not found, 3 permission denied, 4 unauthenticated,",
        "  5 conflict (already exists), 6 invalid request, 7 unavailable or other error.",
        "Host and token come from --host/--token, else GATEHOUSE_HOST/GATEHOUSE_TOKEN,",
        "else ~/.gatehouse/config (written by 'gatehouse login')."},
    subcommands = {
        CatalogCommand.class,
        SchemaCommand.class,
        TableCommand.class,
        VolumeCommand.class,
        ModelCommand.class,
        FunctionCommand.class,
        GrantCommands.Grant.class,
        GrantCommands.Revoke.class,
        GrantCommands.Grants.class,
        SqlCommand.class,
        TokenCommand.class,
        WhoamiCommand.class,
        LoginCommand.class})
public final class RootCommand implements Runnable {
  @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
  boolean help;

  @Option(names = "--host", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Server URL (default: GATEHOUSE_HOST, the config file, or " + Settings.DEFAULT_HOST + ").")
  String host;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
      description = "Access token or JWT (default: GATEHOUSE_TOKEN, or the config file).")
  String token;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "table (default) or json.")
  Output.Format format = Output.Format.TABLE;

  @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
      description = "How long to wait for an answer (default: 60).")
  int timeoutSeconds = 60;

  final Terminal terminal;
  final Settings settings;
  private GatehouseClient client;

  RootCommand(Terminal terminal) {
    this.terminal = terminal;
    this.settings = new Settings(terminal);
  }

  @Override
  public void run() {
    throw new CliException("Missing command; see 'gatehouse --help'.");
  }

  Output output() {
    return new Output(terminal.out(), format);
  }

  /** A client of the resolved host with the resolved token; no token is exit code 4. */
  GatehouseClient client() {
    if (client == null) {
      Settings.Value t = settings.token(token);
      if (t == null) {
        throw new CliException("No token: pass --token, set " + Settings.TOKEN_ENV + ", or run 'gatehouse login'.",
            ExitCodes.UNAUTHENTICATED);
      }
      client = client(settings.host(host).value(), t.value());
    }
    return client;
  }

  GatehouseClient client(String url, String credential) {
    try {
      return GatehouseClient.builder(url).token(credential)
          .requestTimeout(Duration.ofSeconds(Math.max(1, timeoutSeconds))).userAgent("gatehouse-cli").build();
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }
}
