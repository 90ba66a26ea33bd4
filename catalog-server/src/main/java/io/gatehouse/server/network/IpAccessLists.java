package io.gatehouse.server.network;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.WorkspaceConfKeys;
import io.gatehouse.server.identity.WorkspaceSettings;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Each workspace's IP access lists as the filters decide with them: one compiled {@link
 * IpAccessPolicy} per workspace in memory, swapped whenever a list or the {@code enableIpAccessLists} setting
 * changes ({@link WorkspaceSettings.Changed}: at once on this replica, on the others with
 * PostgreSQL's notification). Also the owner of that setting, and the lockout rule: a change
 * after which the caller's own address could no longer call is refused.
 */
@ApplicationScoped
public class IpAccessLists implements WorkspaceConfKeys {
  public static final String ENABLE = "enableIpAccessLists";
  private static final Logger LOG = Logger.getLogger(IpAccessLists.class);

  private final AgroalDataSource dataSource;
  private final WorkspaceSettings settings;
  private final ClientAddress clients;
  private final CurrentVertxRequest request;
  private final AtomicReference<Map<Long, IpAccessPolicy>> policies = new AtomicReference<>(Map.of());

  IpAccessLists(AgroalDataSource dataSource, WorkspaceSettings settings, ClientAddress clients, CurrentVertxRequest request) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.clients = clients;
    this.request = request;
  }

  void onStart(@Observes StartupEvent event) {
    reload();
  }

  void onChanged(@Observes WorkspaceSettings.Changed changed) {
    reload();
  }

  /** The policy in force now in {@code workspace}. */
  IpAccessPolicy policy(long workspace) {
    return policies.get().getOrDefault(workspace, IpAccessPolicy.OFF);
  }

  /** Whether any workspace enforces its lists: when none does, nothing needs checking. */
  boolean anyEnabled() {
    return !policies.get().isEmpty();
  }

  synchronized void reload() {
    try (Connection c = dataSource.getConnection()) {
      Map<Long, IpAccessPolicy> compiled = new java.util.HashMap<>(enabledLists(c, null));
      compiled.keySet().removeIf(workspace -> !settings.flag(workspace, ENABLE, false));
      policies.set(Map.copyOf(compiled));
    } catch (SQLException e) {
      LOG.warnf("cannot read the IP access lists (%s); keeping the ones in memory", e.getMessage());
    }
  }

  /** The enabled lists of {@code workspace} as {@code c} sees them, in force when {@code enabled}. */
  static IpAccessPolicy compile(Connection c, long workspace, boolean enabled) throws SQLException {
    if (!enabled) {
      return IpAccessPolicy.OFF;
    }
    return enabledLists(c, workspace).getOrDefault(workspace, new IpAccessPolicy(true, List.of(), List.of()));
  }

  /**
   * The enabled lists of {@code workspace}, or of every workspace when null, in one query, by
   * workspace; entries that no longer parse are left out and logged.
   */
  private static Map<Long, IpAccessPolicy> enabledLists(Connection c, Long workspace) throws SQLException {
    Map<Long, List<IpRange>> allow = new java.util.HashMap<>();
    Map<Long, List<IpRange>> block = new java.util.HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT workspace_id, list_type, ip_addresses FROM ip_access_lists"
        + " WHERE enabled" + (workspace == null ? "" : " AND workspace_id = ?"))) {
      if (workspace != null) {
        s.setLong(1, workspace);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long owner = rs.getLong(1);
          allow.computeIfAbsent(owner, w -> new ArrayList<>());
          block.computeIfAbsent(owner, w -> new ArrayList<>());
          List<IpRange> into = ("BLOCK".equals(rs.getString(2)) ? block : allow).get(owner);
          Array array = rs.getArray(3);
          for (Object entry : (Object[]) array.getArray()) {
            try {
              into.add(IpRange.parse((String) entry));
            } catch (IpRange.Invalid e) {
              LOG.warnf("IP access list entry '%s' skipped: %s", entry, e.getMessage());
            }
          }
        }
      }
    }
    Map<Long, IpAccessPolicy> policies = new java.util.HashMap<>();
    allow.forEach((w, listed) -> policies.put(w, new IpAccessPolicy(true, List.copyOf(listed), List.copyOf(block.get(w)))));
    return policies;
  }

  /** The address of the current HTTP request's client, as the filter sees it. */
  ClientAddress.Resolved currentClient() {
    RoutingContext ctx = request.getCurrent();
    if (ctx == null) {
      return new ClientAddress.Resolved(null, "unknown");
    }
    String peer = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host();
    return clients.resolve(peer, ctx.request().headers().getAll(clients.header()));
  }

  /**
   * Refuses (400) when, with the lists as {@code c}'s transaction holds them and the setting
   * {@code enabled}, the current caller could no longer call.
   */
  void refuseLockout(Connection c, long workspace, boolean enabled) throws SQLException {
    ClientAddress.Resolved client = currentClient();
    String refusal = compile(c, workspace, enabled).refusal(client.address());
    if (refusal != null) {
      throw GatehouseException.invalid("This change would lock out your own address " + client.text() + " ("
          + refusal + "); it is refused. Allow your address first.");
    }
  }

  @Override
  public Set<String> keys() {
    return Set.of(ENABLE);
  }

  @Override
  public void validate(String key, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw GatehouseException.invalid("Setting '" + Validation.printable(key) + "' must be \"true\" or \"false\".");
    }
  }

  @Override
  public void check(long workspace, Map<String, String> after) {
    try (Connection c = dataSource.getConnection()) {
      refuseLockout(c, workspace, Boolean.parseBoolean(after.get(ENABLE)));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the IP access lists", e);
    }
  }
}
