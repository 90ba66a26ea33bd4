package io.gatehouse.server.identity;

import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The workspace's settings in the shape of the Databricks workspace-conf API: GET with {@code
 * keys=a,b} answers a map of those keys to their values (null when never set); PATCH takes a map
 * of keys to string values. Metastore admins only; unknown keys and invalid values are refused
 * (400). Which keys there are, and which values they take, say the {@link WorkspaceConfKeys}
 * beans. A change is audited (UPDATE_WORKSPACE_CONF) and in effect at once on every replica.
 */
@Path("/api/2.0/workspace-conf")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workspace settings")
public class WorkspaceConfResource {
  private static final int MAX_VALUE = 1024;

  private final CallerContext caller;
  private final WorkspaceSettings settings;
  private final AuditTrail audit;
  private final AgroalDataSource dataSource;
  private final Map<String, WorkspaceConfKeys> owners = new HashMap<>();

  WorkspaceConfResource(CallerContext caller, WorkspaceSettings settings, AuditTrail audit, AgroalDataSource dataSource,
      @Any Instance<WorkspaceConfKeys> keys) {
    this.caller = caller;
    this.settings = settings;
    this.audit = audit;
    this.dataSource = dataSource;
    keys.forEach(k -> k.keys().forEach(key -> owners.put(key, k)));
  }

  @GET
  public Map<String, String> get(@QueryParam("keys") String keys) {
    caller.requireWorkspaceAdmin("read the workspace settings");
    String list = Validation.required("keys", keys, 4096);
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : list.split(",", -1)) {
      String k = key.trim();
      known(k);
      values.put(k, settings.conf(caller.workspace(), k));
    }
    return values;
  }

  @PATCH
  public Response patch(Map<String, Object> request) {
    caller.requireWorkspaceAdmin("change the workspace settings");
    Validation.required("body", request);
    if (request.isEmpty()) {
      throw GatehouseException.invalid("The body must name at least one setting.");
    }
    Map<String, String> changes = new TreeMap<>();
    request.forEach((key, value) -> {
      known(key);
      if (!(value instanceof String text)) {
        throw GatehouseException.invalid("Setting '" + Validation.printable(key) + "' must be given as a string.");
      }
      Validation.text(key, text, MAX_VALUE);
      owners.get(key).validate(key, text);
      changes.put(key, text);
    });
    QuarkusTransaction.requiringNew().run(() -> write(changes));
    settings.reload();
    return Response.noContent().build();
  }

  private void write(Map<String, String> changes) {
    Map<String, String> after = new HashMap<>();
    for (String key : owners.keySet()) {
      String value = changes.containsKey(key) ? changes.get(key) : settings.conf(caller.workspace(), key);
      if (value != null) {
        after.put(key, value);
      }
    }
    for (WorkspaceConfKeys owner : new ArrayList<>(new java.util.LinkedHashSet<>(owners.values()))) {
      owner.check(caller.workspace(), after);
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "INSERT INTO workspace_conf (workspace_id, key, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (workspace_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,"
                + " updated_by = excluded.updated_by")) {
      Timestamp now = Timestamp.from(Instant.now());
      for (var change : changes.entrySet()) {
        s.setLong(1, caller.workspace());
        s.setString(2, change.getKey());
        s.setString(3, change.getValue());
        s.setTimestamp(4, now);
        s.setString(5, caller.name());
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the workspace settings", e);
    }
    List<String> said = changes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    audit.record("UPDATE_WORKSPACE_CONF", "WORKSPACE", Long.toString(caller.workspace()),
        AuditEvent.Result.SUCCEEDED, () -> String.join(", ", said));
  }

  private void known(String key) {
    if (key == null || !owners.containsKey(key)) {
      throw GatehouseException.invalid("Unknown workspace setting '" + Validation.printable(String.valueOf(key))
          + "'; known: " + String.join(", ", new TreeMap<>(owners).keySet()) + ".");
    }
  }
}
