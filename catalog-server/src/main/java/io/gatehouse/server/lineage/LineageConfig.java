package io.gatehouse.server.lineage;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Lineage ingestion and graph queries (see docs/lineage.md). */
@ConfigMapping(prefix = "gatehouse.lineage")
public interface LineageConfig {
  /** The batch endpoint. */
  Batch batch();

  /** The group writer behind {@code POST /api/v1/lineage}. */
  Ingest ingest();

  /** The asynchronous projection of events accepted by {@code POST /api/v1/lineage} into the graph. */
  Projection projection();

  /**
   * How often this replica checks whether catalogs, schemas or tables changed (one aggregate
   * query); after a change, datasets are mapped to tables again in the background.
   */
  @WithDefault("5s")
  Duration remapCheckInterval();

  interface Batch {
    /** The most events one request to {@code /api/v1/lineage/batch} may carry (413 beyond). */
    @WithDefault("1000")
    int maxEvents();

    /** The largest body of a batch request (413 beyond); at most quarkus.http.limits.max-body-size. */
    @WithDefault("8M")
    MemorySize maxBytes();
  }

  interface Projection {
    /** The most queued events one projection transaction takes. */
    @WithDefault("500")
    int batch();

    /** How often an idle projector looks for events queued by other replicas (or before a restart). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a lineage read waits for the events this replica accepted before it to be
     * projected, so that a pipeline reads its own events; the read goes ahead after it.
     */
    @WithDefault("5s")
    Duration readWait();
  }

  interface Ingest {
    /** Threads, and so database connections, that write groups of single events. */
    @WithDefault("2")
    int groupWriters();

    /** The most events one group commit writes. */
    @WithDefault("256")
    int maxGroup();

    /** Events waiting for a group writer before a request waits (up to queue-wait, then 503). */
    @WithDefault("10000")
    int queueCapacity();

    /**
     * How long a request waits for room in a full queue before it is answered 503 with
     * Retry-After.
     */
    @WithDefault("10s")
    Duration queueWait();

    /** How long the answer "dataset maps to table" is reused during ingestion. */
    @WithDefault("30s")
    Duration resolverCacheTtl();
  }
}
