package io.gatehouse.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Single sign-on from the command line, as RFC 8252 has native apps do it (and the Databricks
 * CLI's {@code auth login}): a listener on {@code 127.0.0.1} on a port the system picks, a random
 * state and a PKCE verifier (S256); the user's browser goes to the server's {@code /sign-in/cli},
 * signs in there with SAML or OIDC, and comes back to the listener with a one-time code and the
 * state; the code and the verifier are then exchanged ({@code POST /sign-in/cli/token}) for the
 * sign-in's token. The token never travels in a URL; the listener answers nothing but its one
 * callback and stops as soon as it has it.
 */
final class SsoLogin {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the sign-in gave: the token and whom it signs in. */
  record Result(String token, String user) {}

  /** What to ask the server for. */
  record Options(String method, String issuer, String workspace, boolean openBrowser, Duration timeout) {}

  private SsoLogin() {}

  static Result run(String host, Options options, PrintWriter err, Duration requestTimeout) {
    String state = random(32);
    String verifier = random(48);
    CompletableFuture<String> answered = new CompletableFuture<>();
    HttpServer listener;
    try {
      listener = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    } catch (IOException e) {
      throw new CliException("Cannot listen on 127.0.0.1 for the sign-in: " + e.getMessage());
    }
    listener.createContext("/", exchange -> answer(exchange, state, answered));
    listener.start();
    try {
      int port = listener.getAddress().getPort();
      String base = host.replaceAll("/+$", "");
      StringBuilder url = new StringBuilder(base).append("/sign-in/cli?port=").append(port)
          .append("&state=").append(state).append("&code_challenge=").append(challenge(verifier))
          .append("&code_challenge_method=S256");
      if (options.method() != null) {
        url.append("&method=").append(encode(options.method()));
      }
      if (options.issuer() != null) {
        url.append("&issuer=").append(encode(options.issuer()));
      }
      if (options.workspace() != null) {
        url.append("&workspace_id=").append(encode(options.workspace()));
      }
      err.println("Open this address in a browser to sign in (waiting up to " + options.timeout().toSeconds() + " s):");
      err.println("  " + url);
      err.flush();
      if (options.openBrowser()) {
        open(url.toString(), err);
      }
      String code;
      try {
        code = answered.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw new CliException("No sign-in came back within " + options.timeout().toSeconds() + " s.", ExitCodes.UNAUTHENTICATED);
      } catch (ExecutionException e) {
        throw new CliException(e.getCause().getMessage(), ExitCodes.UNAUTHENTICATED);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("Interrupted while waiting for the sign-in.");
      }
      return redeem(base, code, verifier, requestTimeout);
    } finally {
      listener.stop(0);
    }
  }

  /**
   * The listener's one page: {@code /callback} with the state this run made and a code completes
   * the sign-in; an {@code error} with that state ends it; anything else (another path, a wrong or
   * missing state) is refused and changes nothing, so a page cannot end or forge the sign-in.
   */
  private static void answer(HttpExchange exchange, String state, CompletableFuture<String> answered) throws IOException {
    try (exchange) {
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String given = query.get("state");
      if (!"GET".equals(exchange.getRequestMethod()) || !"/callback".equals(exchange.getRequestURI().getPath())) {
        page(exchange, 404, "Not found.");
        return;
      }
      if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8))) {
        page(exchange, 400, "This sign-in answer is not for the sign-in the command line is waiting for.");
        return;
      }
      if (answered.isDone()) {
        page(exchange, 400, "This sign-in was answered already.");
        return;
      }
      String code = query.get("code");
      if (code == null || code.isEmpty()) {
        String error = query.getOrDefault("error", "no code");
        page(exchange, 400, "The sign-in did not succeed (" + error + ").");
        answered.completeExceptionally(new CliException("The sign-in did not succeed (" + error + ")."));
        return;
      }
      page(exchange, 200, "Signed in to Gatehouse. You may close this tab and go back to the command line.");
      answered.complete(code);
    }
  }

  private static void page(HttpExchange exchange, int status, String text) throws IOException {
    String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    byte[] body = ("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Gatehouse sign-in</title><p id=\"message\">"
        + escaped + "</p></html>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** The token for the code, sent with the verifier; a refusal is the server's message. */
  private static Result redeem(String base, String code, String verifier, Duration timeout) {
    String form = "grant_type=authorization_code&code=" + encode(code) + "&code_verifier=" + encode(verifier);
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build()
          .send(HttpRequest.newBuilder(URI.create(base + "/sign-in/cli/token")).timeout(timeout)
              .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
              .header("User-Agent", "gatehouse-cli")
              .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      throw new CliException("Cannot reach " + base + " to finish the sign-in: " + e.getMessage(), ExitCodes.UNAVAILABLE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("Interrupted while finishing the sign-in.");
    }
    JsonNode body;
    try {
      body = Output.JSON.readTree(response.body());
    } catch (IOException e) {
      body = Output.JSON.createObjectNode();
    }
    if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
      String message = body.path("message").asText("HTTP " + response.statusCode());
      throw new CliException("The server refused the sign-in: " + message, ExitCodes.UNAUTHENTICATED);
    }
    return new Result(body.get("access_token").asText(), body.path("user").asText(null));
  }

  /** Opens {@code url} in the desktop's browser, if there is one; the address is printed either way. */
  private static void open(String url, PrintWriter err) {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String[] command = os.contains("mac") ? new String[] {"open", url}
        : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", url}
        : new String[] {"xdg-open", url};
    try {
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      err.println("(No browser could be opened: " + e.getMessage() + ".)");
      err.flush();
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      query.putIfAbsent(name, value); // the first of a repeated name; never a later one slipped in
    }
    return query;
  }

  static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
