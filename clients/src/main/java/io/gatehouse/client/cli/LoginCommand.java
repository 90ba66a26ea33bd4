package io.gatehouse.client.cli;

import io.gatehouse.client.model.Identity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "login", description = {
    "Check a token against the server and save host and token in ~/.gatehouse/config (mode 600).",
    "The token comes from --token, else " + Settings.TOKEN_ENV + ", else is read from standard input.",
    "With --sso: sign in through the server's single sign-on (SAML or OIDC) in a browser instead;",
    "the browser comes back to this command on 127.0.0.1, which then receives the sign-in's token."})
final class LoginCommand implements Runnable {
  @ParentCommand RootCommand root;

  @Option(names = "--sso", description = "Sign in with the server's single sign-on, in a browser.")
  boolean sso;

  @Option(names = "--method", paramLabel = "saml|oidc",
      description = "With --sso: the sign-in method (default: SAML when the server offers it, else OIDC).")
  String method;

  @Option(names = "--issuer", paramLabel = "NAME", description = "With --sso --method oidc: the OIDC issuer's name on the server.")
  String issuer;

  @Option(names = "--workspace-id", paramLabel = "ID", description = "With --sso: the workspace to sign in to.")
  String workspace;

  @Option(names = "--open-browser", description = "With --sso: also open the address in the desktop's browser.")
  boolean openBrowser;

  @Option(names = "--sso-timeout", paramLabel = "SECONDS", description = "With --sso: how long to wait for the browser (default: 300).")
  int ssoTimeoutSeconds = 300;

  @Override
  public void run() {
    String host = root.settings.host(root.host).value();
    if (sso) {
      if (root.token != null) {
        throw new CliException("--sso and --token exclude each other.");
      }
      if (method != null && !method.equalsIgnoreCase("saml") && !method.equalsIgnoreCase("oidc")) {
        throw new CliException("--method must be saml or oidc.");
      }
      String url = root.client(host, "none").host().toString();
      SsoLogin.Result signedIn = SsoLogin.run(url, new SsoLogin.Options(method, issuer, workspace, openBrowser,
          Duration.ofSeconds(Math.max(1, ssoTimeoutSeconds))), root.terminal.err(), Duration.ofSeconds(Math.max(1, root.timeoutSeconds)));
      save(host, signedIn.token());
      return;
    }
    if (method != null || issuer != null || workspace != null || openBrowser) {
      throw new CliException("--method, --issuer, --workspace-id and --open-browser go with --sso.");
    }
    Settings.Value given = root.token != null ? new Settings.Value(root.token, "--token")
        : root.terminal.env().get(Settings.TOKEN_ENV) != null ? new Settings.Value(root.terminal.env().get(Settings.TOKEN_ENV), Settings.TOKEN_ENV)
        : null;
    String token = given != null ? given.value().strip() : prompt();
    if (token.isEmpty()) {
      throw new CliException("No token given.");
    }
    save(host, token);
  }

  /** Checks {@code token} against the server, then writes the config file. */
  private void save(String host, String token) {
    Identity me = root.client(host, token).whoami();
    Path file = root.settings.writeConfig(root.client(host, token).host().toString(), token);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("host", host);
    json.put("principal", me.name());
    json.put("config", file.toString());
    root.output().done("Logged in to " + host + " as " + me.name() + "; wrote " + file + ".", json);
  }

  /**
   * Whether standard input is a terminal to ask on without echo. Java 22 and later give a console
   * even when input is redirected and tell it by {@code Console.isTerminal()}.
   */
  private boolean interactive() {
    java.io.Console console = System.console();
    if (console == null || root.terminal.in() != System.in) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22 a console exists only for a terminal
    }
  }

  private String prompt() {
    if (interactive()) {
      char[] typed = System.console().readPassword("Token: ");
      return typed == null ? "" : new String(typed);
    }
    try {
      String line = new BufferedReader(new InputStreamReader(root.terminal.in(), StandardCharsets.UTF_8)).readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      throw new CliException("Cannot read the token: " + e.getMessage());
    }
  }
}
