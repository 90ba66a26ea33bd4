package io.gatehouse.credentials.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny HTTP server on loopback that records every request and answers with what the test
 * says: a stand-in for the far end where the real one cannot be run (AWS STS's
 * AssumeRoleWithSAML, which radosgw lacks; throttling answers).
 */
public final class WireRecorder implements AutoCloseable {
  /** A recorded request: method, path, headers (lower-case names) and form parameters of the body. */
  public record Recorded(String method, String path, Map<String, List<String>> headers, Map<String, String> form) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** An answer: status, content type, body and extra headers. */
  public record Answer(int status, String body, Map<String, String> headers) {
    public static Answer xml(int status, String body) {
      return new Answer(status, body, Map.of("Content-Type", "text/xml"));
    }
  }

  private final HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Recorded, Answer> answer = r -> Answer.xml(500, "<Error/>");

  public WireRecorder() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", exchange -> {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, form(body));
      requests.add(recorded);
      Answer a = answer.apply(recorded);
      byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
      a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(a.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void answer(Function<Recorded, Answer> answer) {
    this.answer = answer;
  }

  public List<Recorded> requests() {
    return new ArrayList<>(requests);
  }

  public void clear() {
    requests.clear();
  }

  /** STS's answer to AssumeRole, AssumeRoleWithWebIdentity or AssumeRoleWithSAML, with fixed credentials. */
  public static String stsCredentials(String action, String accessKeyId, String expiration) {
    return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + action + "Result>"
        + "<Credentials><AccessKeyId>" + accessKeyId + "</AccessKeyId><SecretAccessKey>wire-secret</SecretAccessKey>"
        + "<SessionToken>wire-session-token</SessionToken><Expiration>" + expiration + "</Expiration></Credentials>"
        + "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/wire/session</Arn>"
        + "<AssumedRoleId>AROAWIRE:session</AssumedRoleId></AssumedRoleUser>"
        + "</" + action + "Result><ResponseMetadata><RequestId>wire</RequestId></ResponseMetadata></" + action + "Response>";
  }

  /** STS's error answer. */
  public static String stsError(String code, String message) {
    return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>" + code
        + "</Code><Message>" + message + "</Message></Error><RequestId>wire</RequestId></ErrorResponse>";
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(key, value);
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
