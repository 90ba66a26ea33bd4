package io.gatehouse.client.cli;

import io.gatehouse.client.model.Identity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "login", description = {
    "Check a token against the server and save host and token in ~/.gatehouse/config (mode 600).",
    "The token comes from --token, else " + Settings.TOKEN_ENV + ", else is read from standard input."})
final class LoginCommand implements Runnable {
  @ParentCommand RootCommand root;

  @Override
  public void run() {
    String host = root.settings.host(root.host).value();
    Settings.Value given = root.token != null ? new Settings.Value(root.token, "--token")
        : root.terminal.env().get(Settings.TOKEN_ENV) != null ? new Settings.Value(root.terminal.env().get(Settings.TOKEN_ENV), Settings.TOKEN_ENV)
        : null;
    String token = given != null ? given.value().strip() : prompt();
    if (token.isEmpty()) {
      throw new CliException("No token given.");
    }
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
