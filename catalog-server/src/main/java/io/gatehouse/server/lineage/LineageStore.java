package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.lineage.LineageGraph;
import io.gatehouse.lineage.LineageIngest;
import io.gatehouse.lineage.LineageKeys;
import io.gatehouse.lineage.LineageSchema;
import io.gatehouse.lineage.ProjectionLag;
import io.gatehouse.lineage.PublicIds;
import io.gatehouse.server.store.SchemaOwner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The lineage module wired to the catalog's PostgreSQL: its schema migrated at start (schema
 * {@code lineage}, its own Flyway history, beside the catalog's), one ingester whose group writer
 * and projector start at start and stop at shutdown, one graph reader (which first waits, briefly,
 * for this replica's accepted events to be projected), and the public ids made with this installation's key
 * (created in the database on first start, {@link LineageKeys}). The module commits its own transactions on
 * connections of the default datasource, so it is only ever called outside a JTA transaction.
 */
@ApplicationScoped
public class LineageStore {
  private static final Logger LOG = Logger.getLogger(LineageStore.class);

  private final AgroalDataSource dataSource;
  private final CatalogTableResolver resolver;
  private final LineageIngest.Options options;
  private volatile LineageIngest ingest;
  private final LineageGraph graph;
  private final Duration readWait;
  private volatile PublicIds ids;
  private volatile Counter accepted;

  LineageStore(AgroalDataSource dataSource, CatalogTableResolver resolver, LineageConfig config) {
    this.dataSource = dataSource;
    this.resolver = resolver;
    LineageConfig.Ingest c = config.ingest();
    LineageConfig.Projection p = config.projection();
    this.options = new LineageIngest.Options(c.resolverCacheTtl(), 100_000, c.groupWriters(), c.maxGroup(),
        c.queueCapacity(), c.queueWait(), p.batch(), p.pollInterval());
    this.readWait = p.readWait();
    this.ingest = new LineageIngest(dataSource, resolver, options);
    this.graph = new LineageGraph(dataSource);
  }

  /**
   * Puts an ingester with other options in place and returns the one it replaced, still open: for
   * tests that need a full or closed group writer behind the real endpoint, and put the old one back.
   */
  LineageIngest replaceIngest(java.util.function.UnaryOperator<LineageIngest.Options> changes) {
    LineageIngest previous = ingest;
    ingest = new LineageIngest(dataSource, resolver, changes.apply(options));
    return previous;
  }

  /** Puts back an ingester that {@link #replaceIngest} returned, and closes the one in place. */
  void restoreIngest(LineageIngest previous) {
    LineageIngest replaced = ingest;
    ingest = previous;
    replaced.close();
  }

  // Migrated by the schema's owner, like the catalog's schema; the application's role then gets
  // read and write on the lineage tables.
  void onStart(@Observes StartupEvent event, SchemaOwner owner, MeterRegistry metrics) throws java.sql.SQLException {
    int applied = LineageSchema.migrate(owner.dataSource());
    if (applied > 0) {
      LOG.infof("lineage schema: %d migration(s) applied", applied);
    }
    owner.grantApplicationRole(LineageSchema.SCHEMA);
    ids = new PublicIds(LineageKeys.loadOrCreate(dataSource, LineageKeys.PUBLIC_IDS));
    ingest.startProjector(); // events accepted before a restart, or by a replica that stopped
    // The projection's lag, read from the queue at each scrape (one aggregate over a small table).
    accepted = Counter.builder("gatehouse.lineage.events.accepted")
        .description("OpenLineage events committed to the raw event log (duplicates included)").register(metrics);
    Gauge.builder("gatehouse.lineage.projection.pending", this, s -> s.lag().pending())
        .description("OpenLineage events accepted and not yet projected into the lineage graph").register(metrics);
    Gauge.builder("gatehouse.lineage.projection.oldest", this, s -> s.lag().oldest().toMillis() / 1000.0)
        .baseUnit("seconds").description("How long the oldest unprojected event has waited").register(metrics);
    Gauge.builder("gatehouse.lineage.projection.failed", this, s -> s.lag().failed())
        .description("Events whose projection failed on every attempt (lineage.projection_queue.last_error)")
        .register(metrics);
  }

  /** Counts {@code events} committed to the raw event log, for the metrics. */
  void accepted(int events) {
    if (accepted != null) {
      accepted.increment(events);
    }
  }

  /** The projection's lag now. */
  public ProjectionLag lag() {
    return ingest.projectionLag();
  }

  void onStop(@Observes ShutdownEvent event) {
    ingest.close();
  }

  public LineageIngest ingest() {
    return ingest;
  }

  /**
   * The graph reader, once the events this replica accepted before the call are projected (or
   * {@code gatehouse.lineage.projection.read-wait} passed): a pipeline that emits and then reads
   * sees its events.
   */
  public LineageGraph graph() {
    ingest.awaitProjected(readWait);
    return graph;
  }

  /** The ids shown outside; set at start, before any request is served. */
  public PublicIds ids() {
    return ids;
  }
}
