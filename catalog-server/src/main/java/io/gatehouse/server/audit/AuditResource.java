package io.gatehouse.server.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reading the audit trail, newest first, for metastore admins. There is no way to change it. */
@Path("/api/gatehouse/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {
  private final Actor caller;

  AuditResource(Actor caller) {
    this.caller = caller;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Event(
      long id, String occurredAt, String requestId, String principal, String actingPrincipal, String sourceAddress,
      String action, String securableType, String securableName, String result, String detail,
      List<String> securableNames) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Page(List<Event> events, String nextPageToken) {}

  @GET
  @Transactional(Transactional.TxType.SUPPORTS)
  @SuppressWarnings("unchecked")
  public Page list(
      @QueryParam("principal") String principal,
      @QueryParam("securable") String securable,
      @QueryParam("action") String action,
      @QueryParam("result") String result,
      @QueryParam("since") String since,
      @QueryParam("until") String until,
      @QueryParam("max_results") String maxResults,
      @QueryParam("page_token") String pageToken) {
    caller.requireAdmin("read the audit trail");
    int size = io.gatehouse.server.common.PageRequest.parse("audit", maxResults, null).size();
    StringBuilder sql = new StringBuilder(
        "SELECT id, occurred_at, request_id, principal, acting_principal, source_address, action, securable_type,"
            + " securable_name, result, detail, securable_names FROM audit_log WHERE TRUE");
    List<Object> params = new ArrayList<>();
    filter(sql, params, "lower(principal) = lower(?)", principal);
    // A record of several securables (an engine's batch of checks) lists them in securable_names.
    filter(sql, params, "(securable_name = ? OR securable_names @> ARRAY[CAST(? AS text)])", securable);
    filter(sql, params, "action = upper(?)", action);
    filter(sql, params, "result = upper(?)", result);
    filter(sql, params, "occurred_at >= ?", instant("since", since));
    filter(sql, params, "occurred_at < ?", instant("until", until));
    filter(sql, params, "id < ?", token(pageToken));
    sql.append(" ORDER BY id DESC LIMIT ").append(size + 1);
    var query = Panache.getEntityManager().createNativeQuery(sql.toString());
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    List<Object[]> rows = query.getResultList();
    List<Event> events = new ArrayList<>();
    for (Object[] r : rows.subList(0, Math.min(size, rows.size()))) {
      events.add(new Event(((Number) r[0]).longValue(), r[1].toString(), (String) r[2], (String) r[3], (String) r[4],
          (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10], names(r[11])));
    }
    String next = rows.size() > size ? Long.toString(events.get(events.size() - 1).id()) : null;
    return new Page(events, next);
  }

  private static List<String> names(Object column) {
    Object values = column;
    if (column instanceof java.sql.Array array) {
      try {
        values = array.getArray();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot read securable_names", e);
      }
    }
    if (values instanceof Object[] items) {
      List<String> names = new ArrayList<>(items.length);
      for (Object item : items) {
        names.add((String) item);
      }
      return names;
    }
    return null;
  }

  private static void filter(StringBuilder sql, List<Object> params, String condition, Object value) {
    if (value != null && !(value instanceof String s && s.isBlank())) {
      int n = params.size() + 1;
      sql.append(" AND ").append(condition.replace("?", "?" + n));
      params.add(value);
    }
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw GatehouseException.invalid("Query parameter '" + name + "' must be an ISO-8601 instant such as 2026-11-21T10:00:00Z.");
    }
  }

  private static Long token(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw GatehouseException.invalid("page_token is not a token this server issued: '" + Validation.printable(value) + "'.");
    }
  }
}
