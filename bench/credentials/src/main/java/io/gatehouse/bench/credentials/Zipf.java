package io.gatehouse.bench.credentials;

import java.util.Random;

/** Ranks 0..n-1 drawn with probability proportional to 1/(rank+1)^s. */
final class Zipf {
  private final double[] cumulative;
  private final Random random;

  Zipf(int n, double s, long seed) {
    cumulative = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += 1.0 / Math.pow(i + 1, s);
      cumulative[i] = sum;
    }
    for (int i = 0; i < n; i++) {
      cumulative[i] /= sum;
    }
    random = new Random(seed);
  }

  int next() {
    double u = random.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
