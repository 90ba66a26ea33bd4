package io.gatehouse.server.signin;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.credentials.testing.SamlTestIdp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;

/**
 * A SAML identity provider on loopback for sign-in tests: its single sign-on URL reads the
 * AuthnRequest of the HTTP-Redirect binding and answers with a page that posts a signed response
 * (HTTP-POST binding) for the user the test chose, addressed to the request's consumer URL and in
 * answer to its ID, as a real identity provider does after its own login.
 */
public final class SamlSignInIdp {
  public static final String SP_ENTITY_ID = "https://gatehouse.test/saml/sp";
  /** The one email domain whose users a first sign-in creates, in the tests' configuration. */
  public static final String CREATED_DOMAIN = "signin-created.example.com";
  private static SamlSignInIdp instance;

  public final SamlTestIdp idp;
  private final HttpServer server;
  /** Who the next sign-in is for, the groups it carries, and a last edit of the response. */
  public volatile String user;
  public volatile List<String> groups = List.of();
  public volatile UnaryOperator<SamlTestIdp.Response> edit = UnaryOperator.identity();
  /** The last AuthnRequest received, decoded. */
  public volatile String lastRequest;
  /** The last response sent, base64, for replays. */
  public volatile String lastResponse;

  public static synchronized SamlSignInIdp get(SamlTestIdp idp) {
    if (instance == null) {
      instance = new SamlSignInIdp(idp);
    }
    return instance;
  }

  public static synchronized SamlSignInIdp get() {
    return instance;
  }

  private SamlSignInIdp(SamlTestIdp idp) {
    this.idp = idp;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/sso", exchange -> {
      Map<String, String> query = query(exchange.getRequestURI());
      String request = inflate(query.get("SAMLRequest"));
      lastRequest = request;
      String id = attribute(request, "ID");
      String acs = attribute(request, "AssertionConsumerServiceURL");
      SamlTestIdp.Response response = idp.response(user).audience(SP_ENTITY_ID).addressedTo(acs).inResponseTo(id)
          .attribute("groups", groups.toArray(new String[0]));
      String posted = edit.apply(response).base64();
      lastResponse = posted;
      String page = "<!doctype html><html><body><form id=\"f\" method=\"post\" action=\"" + acs + "\">"
          + "<input type=\"hidden\" name=\"SAMLResponse\" value=\"" + posted + "\">"
          + "<input type=\"hidden\" name=\"RelayState\" value=\"" + query.getOrDefault("RelayState", "") + "\">"
          + "</form><script>document.getElementById('f').submit();</script></body></html>";
      byte[] body = page.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  public String ssoUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/sso";
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static String inflate(String base64) {
    try {
      Inflater inflater = new Inflater(true);
      inflater.setInput(Base64.getDecoder().decode(base64));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && inflater.needsInput()) {
          break;
        }
        out.write(buffer, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException("not a deflated SAML request", e);
    }
  }

  static String attribute(String xml, String name) {
    Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(xml);
    if (!m.find()) {
      throw new IllegalStateException("the request has no " + name);
    }
    return m.group(1).replace("&amp;", "&");
  }
}
