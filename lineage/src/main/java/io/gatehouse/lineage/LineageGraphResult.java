package io.gatehouse.lineage;

import java.util.List;
import java.util.function.Predicate;

/**
 * One page of a lineage graph. Nodes come nearest first; each edge between two nodes of the whole
 * walk comes with the page of its farther end, so the pages together hold every edge once.
 *
 * @param startFound false when the start names nothing stored (only known on the first page)
 * @param totalNodes the nodes of the whole walk, all pages
 * @param truncated the walk stopped at {@link GraphQuery#maxNodes()} before its depth
 * @param nextPageToken null on the last page
 */
public record LineageGraphResult(
    List<LineageNode> nodes, List<LineageEdge> edges, boolean startFound, int totalNodes, boolean truncated,
    String nextPageToken) {
  public LineageGraphResult {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** This page with every node that {@code visible} refuses replaced by its redacted form. */
  public LineageGraphResult redact(Predicate<? super LineageNode> visible) {
    List<LineageNode> shown = nodes.stream().map(n -> n.redacted() || visible.test(n) ? n : n.redact()).toList();
    return new LineageGraphResult(shown, edges, startFound, totalNodes, truncated, nextPageToken);
  }
}
