package io.gatehouse.lineage;

import java.time.Instant;
import java.util.UUID;

/**
 * A run as the graph shows it.
 *
 * @param state START, RUNNING, COMPLETE, ABORT, FAIL or OTHER; null if the run is not stored
 */
public record RunInfo(UUID id, String state, Instant startedAt, Instant endedAt, Instant lastEventTime) {}
