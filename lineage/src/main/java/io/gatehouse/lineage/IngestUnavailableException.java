package io.gatehouse.lineage;

/**
 * The group writer took no event: it is closed (the server is stopping), or its queue stayed full
 * for as long as {@link LineageIngest.Options#queueWait} allows. Nothing was stored; the same
 * event may be sent again later.
 */
public final class IngestUnavailableException extends LineageStoreException {
  private final boolean closed;

  IngestUnavailableException(boolean closed) {
    super(closed ? "Lineage ingestion is closed" : "Lineage ingestion is overloaded", null);
    this.closed = closed;
  }

  /** Whether the writer is closed, rather than full. */
  public boolean closed() {
    return closed;
  }
}
