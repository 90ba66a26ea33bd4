package io.gatehouse.bench.lineage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends every event of a newline-delimited file once, on {@code connections} connections (one
 * HTTP/1.1 client per thread, each sending its next request when the last one is answered), to
 * {@code POST /api/v1/lineage} one by one, or to {@code /api/v1/lineage/batch} {@code batch} at a
 * time; then prints events per second and the requests' latency percentiles. wrk measures a
 * duration, not a fixed set of requests, which is why this load generator exists.
 *
 * <p>Usage: {@code SendEvents <base-url> <token> <file> <connections> <batch>}
 */
public final class SendEvents {
  private SendEvents() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println("usage: SendEvents <base-url> <token> <file> <connections> <batch>");
      System.exit(2);
    }
    String base = args[0];
    String token = args[1];
    List<String> events = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
    int connections = Integer.parseInt(args[3]);
    int batch = Integer.parseInt(args[4]);
    List<String> bodies = new ArrayList<>();
    if (batch <= 1) {
      bodies.addAll(events);
    } else {
      for (int i = 0; i < events.size(); i += batch) {
        bodies.add("[" + String.join(",", events.subList(i, Math.min(events.size(), i + batch))) + "]");
      }
    }
    URI uri = URI.create(base + (batch <= 1 ? "/api/v1/lineage" : "/api/v1/lineage/batch"));
    long[] latencies = new long[bodies.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int c = 0; c < connections; c++) {
      Thread t = new Thread(() -> {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
          HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
              .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i))).build();
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
              if (failures.incrementAndGet() <= 3) {
                System.err.println(response.statusCode() + " " + response.body());
              }
            }
          } catch (IOException e) {
            failures.incrementAndGet();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          latencies[i] = System.nanoTime() - t0;
        }
      }, "send-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Arrays.sort(latencies);
    System.out.printf("%,d events in %,d requests on %d connections: %.1f s, %,.0f events/s%n",
        events.size(), bodies.size(), connections, seconds, events.size() / seconds);
    System.out.printf("request latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; failed requests: %d%n",
        percentile(latencies, 50), percentile(latencies, 99), latencies[latencies.length - 1] / 1e6, failures.get());
  }

  private static double percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }
}
