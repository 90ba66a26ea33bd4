package io.gatehouse.lineage;

import java.util.List;
import java.util.UUID;

/**
 * What an ingestion call stored.
 *
 * @param eventIds each event's id (a hash of its content), in the order given
 * @param duplicates how many of them were already stored, or repeated within the batch; their
 *     projection changed nothing
 */
public record IngestResult(List<UUID> eventIds, int duplicates) {
  public IngestResult {
    eventIds = List.copyOf(eventIds);
  }
}
