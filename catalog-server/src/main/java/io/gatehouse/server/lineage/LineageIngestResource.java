package io.gatehouse.server.lineage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.gatehouse.lineage.IngestResult;
import io.gatehouse.lineage.IngestUnavailableException;
import io.gatehouse.lineage.InvalidEventException;
import io.gatehouse.lineage.LineageStoreException;
import io.gatehouse.lineage.SameCommit;
import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditLog;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.LeavesPoliciesUnchanged;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * OpenLineage ingestion where the OpenLineage HTTP transport and Marquez put it: {@code POST
 * /api/v1/lineage} with one event, so existing integrations need only a URL and a token; and
 * {@code POST /api/v1/lineage/batch} with a JSON array of events, stored all or none. Sending
 * needs EMIT LINEAGE on the metastore.
 *
 * <p>A single event is validated on the request's worker thread, then handed to the group
 * writer; the response waits for its group's commit without holding the thread.
 */
@Performs(Operation.EMIT_LINEAGE)
@LeavesPoliciesUnchanged
@Path("/api/v1/lineage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Lineage")
public class LineageIngestResource {
  private static final Logger LOG = Logger.getLogger(LineageIngestResource.class);
  private static final JsonFactory JSON = new JsonFactory();
  private static final Operation ACTION = Operation.EMIT_LINEAGE;

  private final LineageStore store;
  private final Authorizer authorizer;
  private final MetastoreTarget metastore;
  private final AuditTrail trail;
  private final LineageConfig config;

  LineageIngestResource(LineageStore store, Authorizer authorizer, MetastoreTarget metastore, LineageConfig config,
      AuditTrail trail) {
    this.store = store;
    this.authorizer = authorizer;
    this.metastore = metastore;
    this.config = config;
    this.trail = trail;
  }

  /**
   * One OpenLineage RunEvent, DatasetEvent or JobEvent; 201 once it is committed. The decision is
   * made first; an allowed event then goes to the group writer with the record of that decision,
   * and the two are written in one statement and one commit: both or, answered 503, neither.
   */
  @POST
  @Blocking
  public CompletionStage<Response> emit(String body) {
    Target metastore = this.metastore.get();
    Decision decision = AccessCheck.has(authorizer.snapshot(), authorizer.subject(), Privilege.EMIT_LINEAGE, metastore);
    if (!decision.allowed()) {
      authorizer.requirePrivilege(ACTION, metastore, Privilege.EMIT_LINEAGE); // audits the refusal, throws 403
    }
    AuditEvent record = authorizer.allowedRecord(ACTION, metastore, String.join("; ", decision.basis()));
    CompletableFuture<IngestResult> stored;
    try {
      stored = record == null
          ? store.ingest().submit(required(body))
          : store.ingest().submit(required(body), AuditRecords.INSTANCE, record);
    } catch (InvalidEventException e) {
      trail.failed(ACTION.auditName(), metastore, "invalid event");
      throw invalid(e);
    }
    return stored.handle((r, failure) -> {
      if (failure != null) {
        throw unavailableOr(failure);
      }
      store.accepted(1);
      return Response.status(Response.Status.CREATED)
          .entity(new LineageApi.Accepted(r.eventIds().get(0), r.duplicates() > 0))
          .build();
    });
  }

  /** The audit records of accepted events, written in their group's statement. */
  private enum AuditRecords implements SameCommit<AuditEvent> {
    INSTANCE;

    @Override
    public String sql() {
      return AuditLog.INSERT_ALL;
    }

    @Override
    public int bind(Connection connection, PreparedStatement statement, int first, List<AuditEvent> rows)
        throws SQLException {
      return AuditLog.bindAll(connection, statement, first, rows);
    }
  }

  // A writer that takes no more events is a 503 the client may retry: soon when its queue stayed
  // full, later when this server is stopping (another replica, or this one restarted, takes it).
  static final Duration RETRY_WHEN_FULL = Duration.ofSeconds(1);
  static final Duration RETRY_WHEN_CLOSED = Duration.ofSeconds(5);

  private static RuntimeException unavailableOr(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof IngestUnavailableException unavailable) {
      return unavailable.closed()
          ? GatehouseException.unavailable("Lineage ingestion is stopping on this server; send the event again.",
              RETRY_WHEN_CLOSED)
          : GatehouseException.unavailable("Lineage ingestion is overloaded; send the event again shortly.",
              RETRY_WHEN_FULL);
    }
    if (cause instanceof LineageStoreException) {
      // The event and its audit record are one statement: neither was stored.
      LOG.errorf(cause, "a lineage event and its audit record could not be written");
      return GatehouseException.unavailable(
          "The event and its audit record could not be written; nothing was stored. Send the event again.",
          RETRY_WHEN_FULL);
    }
    return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
  }

  /** A JSON array of events, stored in one transaction: all of them or, if one is invalid, none. */
  @POST
  @Path("batch")
  @Blocking
  public Response emitBatch(String body) {
    authorizer.requirePrivilege(ACTION, metastore.get(), Privilege.EMIT_LINEAGE);
    long maxBytes = config.batch().maxBytes().asLongValue();
    if (required(body).length() > maxBytes) {
      throw new GatehouseException(ErrorCode.REQUEST_TOO_LARGE,
          "A lineage batch may be at most " + maxBytes + " bytes; send several.");
    }
    List<String> events = split(body, config.batch().maxEvents());
    try {
      IngestResult result = store.ingest().ingestBatch(events);
      store.accepted(events.size());
      return Response.status(Response.Status.CREATED)
          .entity(new LineageApi.BatchAccepted(events.size(), result.duplicates(), result.eventIds()))
          .build();
    } catch (InvalidEventException e) {
      throw invalid(e);
    }
  }

  private static String required(String body) {
    if (body == null || body.isBlank()) {
      throw GatehouseException.invalid("Request body must be an OpenLineage event.");
    }
    return body;
  }

  private static GatehouseException invalid(InvalidEventException e) {
    return GatehouseException.invalid("Invalid OpenLineage event: " + e.getMessage());
  }

  /**
   * The array's elements as JSON texts, cut out of the body by a streaming parser; each element
   * must be an object. The lineage module parses each one fully.
   */
  static List<String> split(String body, int maxEvents) {
    List<String> events = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw GatehouseException.invalid("A lineage batch must be a JSON array of OpenLineage events.");
      }
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        if (token != JsonToken.START_OBJECT) {
          throw GatehouseException.invalid("Invalid OpenLineage event: [" + events.size() + "]: not a JSON object");
        }
        if (events.size() == maxEvents) {
          throw new GatehouseException(ErrorCode.REQUEST_TOO_LARGE,
              "A lineage batch may hold at most " + maxEvents + " events; send several.");
        }
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getCharOffset();
        events.add(body.substring(start, end));
      }
      if (parser.nextToken() != null) {
        throw GatehouseException.invalid("Malformed JSON in request body: content after the array.");
      }
    } catch (JsonProcessingException e) {
      throw GatehouseException.invalid("Malformed JSON in request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw GatehouseException.invalid("Malformed JSON in request body.");
    }
    if (events.isEmpty()) {
      throw GatehouseException.invalid("A lineage batch must hold at least one event.");
    }
    return events;
  }
}
