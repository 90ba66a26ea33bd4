package io.gatehouse.lineage;

/** Which way a lineage query walks from its start. */
public enum Direction {
  /** Towards the sources: the jobs that wrote the start, the datasets they read, and so on. */
  UPSTREAM,
  /** Towards the consumers: the jobs that read the start, the datasets they wrote, and so on. */
  DOWNSTREAM,
  /** Upstream and downstream, each walked on its own (no zig-zag through siblings). */
  BOTH;

  boolean up() {
    return this != DOWNSTREAM;
  }

  boolean down() {
    return this != UPSTREAM;
  }
}
