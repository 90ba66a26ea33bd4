package io.gatehouse.lineage;

/**
 * The lineage store failed (a JDBC error). The server maps it to a 500 without the SQL text, except
 * {@link IngestUnavailableException}, which it answers with 503 and Retry-After.
 */
public class LineageStoreException extends RuntimeException {
  public LineageStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
