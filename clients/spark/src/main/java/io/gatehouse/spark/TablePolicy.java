package io.gatehouse.spark;

import io.gatehouse.proto.v1.ColumnMask;
import io.gatehouse.proto.v1.ResolveTableResponse;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The row filter and column masks Gatehouse rendered for the reader, as Spark SQL expressions over
 * the table's columns; the policy version they were decided on.
 *
 * @param rowFilter the predicate rows must satisfy; null when the table has none for the reader
 * @param masks column name to the expression read in its place (exempt readers get none)
 */
public record TablePolicy(String rowFilter, Map<String, String> masks, long version) implements Serializable {

  static TablePolicy of(ResolveTableResponse resolved) {
    Map<String, String> masks = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (ColumnMask m : resolved.getColumnMasksList()) {
      masks.put(m.getColumn(), m.getExpression());
    }
    String filter = resolved.getRowFilter().isBlank() ? null : resolved.getRowFilter();
    return new TablePolicy(filter, Map.copyOf(masks), resolved.getPolicyVersion());
  }

  /** Whether anything must be applied: a filter (other than TRUE) or a mask. */
  public boolean restricts() {
    return (rowFilter != null && !rowFilter.strip().equalsIgnoreCase("TRUE")) || !masks.isEmpty();
  }

  /** What the policy says, independent of its version: two answers with the same fingerprint read the same rows. */
  String fingerprint() {
    StringBuilder text = new StringBuilder(String.valueOf(rowFilter));
    new TreeMap<>(masks).forEach((column, mask) -> text.append('\n').append(column).append('=').append(mask));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
