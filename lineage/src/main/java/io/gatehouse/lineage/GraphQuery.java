package io.gatehouse.lineage;

import java.util.Objects;

/**
 * A dataset/job lineage query.
 *
 * @param start where to start
 * @param direction which way to walk
 * @param depth how many jobs away from the start, 1 to {@value #MAX_DEPTH}: depth 1 of a dataset
 *     is the jobs that read (or wrote) it and the datasets they wrote (or read); depth 1 of a job
 *     is its inputs and outputs
 * @param maxNodes the walk stops after this many node visits, nearest first; the result says
 *     {@code truncated}; 1 to {@value #MAX_NODES}
 * @param pageSize nodes per page, 1 to {@value #MAX_PAGE_SIZE}
 * @param pageToken null for the first page, else {@link LineageGraphResult#nextPageToken()}
 * @param withFacets whether nodes carry their facets (JSON); they can be large
 */
public record GraphQuery(
    NodeRef start, Direction direction, int depth, int maxNodes, int pageSize, String pageToken, boolean withFacets) {
  public static final int MAX_DEPTH = 20;
  public static final int MAX_NODES = 100_000;
  public static final int MAX_PAGE_SIZE = 10_000;

  public GraphQuery {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(direction, "direction");
    check("depth", depth, MAX_DEPTH);
    check("maxNodes", maxNodes, MAX_NODES);
    check("pageSize", pageSize, MAX_PAGE_SIZE);
  }

  /** The first page of up to 1,000 nodes of a walk capped at 10,000 visits, without facets. */
  public static GraphQuery of(NodeRef start, Direction direction, int depth) {
    return new GraphQuery(start, direction, depth, 10_000, 1_000, null, false);
  }

  public GraphQuery withPage(int pageSize, String pageToken) {
    return new GraphQuery(start, direction, depth, maxNodes, pageSize, pageToken, withFacets);
  }

  public GraphQuery withMaxNodes(int maxNodes) {
    return new GraphQuery(start, direction, depth, maxNodes, pageSize, pageToken, withFacets);
  }

  public GraphQuery withFacets(boolean withFacets) {
    return new GraphQuery(start, direction, depth, maxNodes, pageSize, pageToken, withFacets);
  }

  static void check(String name, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(name + ": must be between 1 and " + max);
    }
  }
}
