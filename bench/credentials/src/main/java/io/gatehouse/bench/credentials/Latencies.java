package io.gatehouse.bench.credentials;

import java.util.Arrays;

/** Recorded durations in nanoseconds, summarized as percentiles. */
final class Latencies {
  private long[] values;
  private int size;

  Latencies(int capacity) {
    values = new long[capacity];
  }

  synchronized void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  synchronized String summary() {
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return String.format("n=%d p50=%s p90=%s p99=%s p99.9=%s max=%s", size, format(at(sorted, 0.50)), format(at(sorted, 0.90)),
        format(at(sorted, 0.99)), format(at(sorted, 0.999)), format(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
  }

  private static long at(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
  }

  static String format(long nanos) {
    if (nanos < 10_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return String.format("%.1f µs", nanos / 1_000.0);
    }
    return String.format("%.2f ms", nanos / 1_000_000.0);
  }
}
