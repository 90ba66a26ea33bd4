package io.gatehouse.lineage;

import java.time.Duration;

/**
 * How far the graph's projection is behind the raw event log.
 *
 * @param pending events accepted and not yet projected
 * @param failed events whose projection failed on every attempt; kept with their error in
 *     {@code lineage.projection_queue.last_error} and not projected
 * @param oldest how long the oldest pending event has waited; zero when none is pending
 */
public record ProjectionLag(long pending, long failed, Duration oldest) {}
