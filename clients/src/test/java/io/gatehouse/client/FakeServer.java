package io.gatehouse.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** An HTTP server on loopback that answers from a script and records what it was asked. */
public final class FakeServer implements AutoCloseable {
  public record Request(String method, String uri, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      List<String> v = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  public record Response(int status, Map<String, String> headers, String body, long delayMillis) {
    public static Response json(int status, String body) {
      return new Response(status, Map.of("Content-Type", "application/json"), body, 0);
    }

    public Response withHeader(String name, String value) {
      Map<String, String> h = new java.util.HashMap<>(headers);
      h.put(name, value);
      return new Response(status, h, body, delayMillis);
    }

    public Response delayed(long millis) {
      return new Response(status, headers, body, millis);
    }
  }

  public final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile Function<Request, Response> handler;

  public FakeServer(Function<Request, Response> handler) throws IOException {
    this.handler = handler;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      Request r = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
          Map.copyOf(exchange.getRequestHeaders()), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      requests.add(r);
      Response response = this.handler.apply(r);
      if (response.delayMillis() > 0) {
        try {
          Thread.sleep(response.delayMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] body = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  public void handler(Function<Request, Response> handler) {
    this.handler = handler;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The Unity Catalog error body the server sends. */
  public static Response error(int status, String code, String message, String requestId) {
    return Response.json(status, """
        {"error_code": "%s", "message": "%s", "details": [{"@type": "google.rpc.ErrorInfo", "reason": "%s",
         "domain": "gatehouse", "metadata": {"request_id": "%s"}}]}""".formatted(code, message, code, requestId))
        .withHeader("X-Request-Id", requestId);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
