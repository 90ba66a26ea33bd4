package io.gatehouse.server.network;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.WorkspaceSettings;
import io.gatehouse.server.network.IpAccessListApi.ChangeList;
import io.gatehouse.server.network.IpAccessListApi.CreateList;
import io.gatehouse.server.network.IpAccessListApi.IpAccessListInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Creates, reads, changes and deletes IP access lists, metastore admins only. Every address is
 * checked ({@link IpRange}); a change is written, checked against the lockout rule in its own
 * transaction, audited there (CREATE/UPDATE/DELETE_IP_ACCESS_LIST), and in force once it commits.
 */
@ApplicationScoped
public class IpAccessListService {
  static final int MAX_ADDRESSES = 1000;
  private static final Set<String> TYPES = Set.of("ALLOW", "BLOCK");
  private static final String COLUMNS =
      "list_id, label, list_type, ip_addresses, enabled, created_at, created_by, updated_at, updated_by";

  private final AgroalDataSource dataSource;
  private final CallerContext caller;
  private final AuditTrail audit;
  private final IpAccessLists lists;
  private final WorkspaceSettings settings;

  IpAccessListService(AgroalDataSource dataSource, CallerContext caller, AuditTrail audit, IpAccessLists lists,
      WorkspaceSettings settings) {
    this.dataSource = dataSource;
    this.caller = caller;
    this.audit = audit;
    this.lists = lists;
    this.settings = settings;
  }

  public IpAccessListInfo create(CreateList request) {
    caller.requireWorkspaceAdmin("create IP access lists");
    Validation.required("body", request);
    String label = label(request.label());
    String type = type(request.listType());
    List<String> addresses = addresses(request.ipAddresses());
    UUID id = UUID.randomUUID();
    return write("CREATE_IP_ACCESS_LIST", c -> {
      Timestamp now = now();
      try (PreparedStatement s = c.prepareStatement("INSERT INTO ip_access_lists (" + COLUMNS + ", workspace_id)"
          + " VALUES (?, ?, ?, ?, true, ?, ?, ?, ?, ?)")) {
        s.setObject(1, id);
        s.setString(2, label);
        s.setString(3, type);
        s.setArray(4, c.createArrayOf("text", addresses.toArray()));
        s.setTimestamp(5, now);
        s.setString(6, caller.name());
        s.setTimestamp(7, now);
        s.setString(8, caller.name());
        s.setLong(9, caller.workspace());
        s.executeUpdate();
      }
      return id;
    });
  }

  public List<IpAccessListInfo> list() {
    caller.requireWorkspaceAdmin("list IP access lists");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(
            "SELECT " + COLUMNS + " FROM ip_access_lists WHERE workspace_id = ? ORDER BY created_at, list_id")) {
      s.setLong(1, caller.workspace());
      List<IpAccessListInfo> infos = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          infos.add(info(rs));
        }
      }
      return infos;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the IP access lists", e);
    }
  }

  public IpAccessListInfo get(String listId) {
    caller.requireWorkspaceAdmin("read IP access lists");
    UUID id = id(listId);
    try (Connection c = dataSource.getConnection()) {
      return find(c, caller.workspace(), id);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the IP access lists", e);
    }
  }

  /** PATCH when {@code whole} is false (the fields given), PUT when true (all four required). */
  public IpAccessListInfo change(String listId, ChangeList request, boolean whole) {
    caller.requireWorkspaceAdmin("change IP access lists");
    UUID id = id(listId);
    Validation.required("body", request);
    if (whole) {
      Validation.required("label", request.label());
      Validation.required("list_type", request.listType());
      Validation.required("ip_addresses", request.ipAddresses());
      Validation.required("enabled", request.enabled());
    }
    String label = request.label() == null ? null : label(request.label());
    String type = request.listType() == null ? null : type(request.listType());
    List<String> addresses = request.ipAddresses() == null ? null : addresses(request.ipAddresses());
    return write("UPDATE_IP_ACCESS_LIST", c -> {
      find(c, caller.workspace(), id);
      try (PreparedStatement s = c.prepareStatement("UPDATE ip_access_lists SET label = coalesce(?, label),"
          + " list_type = coalesce(?, list_type), ip_addresses = coalesce(?, ip_addresses), enabled = coalesce(?, enabled),"
          + " updated_at = ?, updated_by = ? WHERE list_id = ?")) {
        s.setString(1, label);
        s.setString(2, type);
        s.setArray(3, addresses == null ? null : c.createArrayOf("text", addresses.toArray()));
        s.setObject(4, request.enabled());
        s.setTimestamp(5, now());
        s.setString(6, caller.name());
        s.setObject(7, id);
        s.executeUpdate();
      }
      return id;
    });
  }

  public void delete(String listId) {
    caller.requireWorkspaceAdmin("delete IP access lists");
    UUID id = id(listId);
    write("DELETE_IP_ACCESS_LIST", c -> {
      find(c, caller.workspace(), id);
      try (PreparedStatement s = c.prepareStatement("DELETE FROM ip_access_lists WHERE list_id = ?")) {
        s.setObject(1, id);
        s.executeUpdate();
      }
      return null;
    });
  }

  private interface Change {
    UUID apply(Connection c) throws SQLException;
  }

  /** Runs the change in a transaction with the lockout check and its audit record, then puts it in force. */
  private IpAccessListInfo write(String action, Change change) {
    IpAccessListInfo written = QuarkusTransaction.requiringNew().call(() -> {
      try (Connection c = dataSource.getConnection()) {
        UUID id = change.apply(c);
        lists.refuseLockout(c, caller.workspace(), settings.flag(caller.workspace(), IpAccessLists.ENABLE, false));
        IpAccessListInfo info = id == null ? null : find(c, caller.workspace(), id);
        audit.record(action, "IP_ACCESS_LIST", info == null ? null : info.listId(), AuditEvent.Result.SUCCEEDED,
            () -> info == null ? "deleted" : "label=" + info.label() + ", type=" + info.listType() + ", enabled="
                + info.enabled() + ", addresses=" + String.join(" ", info.ipAddresses()));
        return info;
      }
    });
    settings.reload();
    return written;
  }

  private static IpAccessListInfo find(Connection c, long workspace, UUID id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM ip_access_lists WHERE list_id = ? AND workspace_id = ?")) {
      s.setObject(1, id);
      s.setLong(2, workspace);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw notFound(id.toString());
        }
        return info(rs);
      }
    }
  }

  private static IpAccessListInfo info(ResultSet rs) throws SQLException {
    List<String> addresses = Arrays.stream((Object[]) rs.getArray(4).getArray()).map(String.class::cast).toList();
    return new IpAccessListInfo(rs.getString(1), rs.getString(2), rs.getString(3), addresses, addresses.size(),
        rs.getBoolean(5), rs.getTimestamp(6).getTime(), rs.getString(7), rs.getTimestamp(8).getTime(), rs.getString(9));
  }

  private static UUID id(String listId) {
    Validation.required("ip_access_list_id", listId, 64);
    try {
      return UUID.fromString(listId);
    } catch (IllegalArgumentException e) {
      throw notFound(listId);
    }
  }

  private static GatehouseException notFound(String listId) {
    return GatehouseException.notFound("IP access list '" + Validation.printable(listId) + "' does not exist.");
  }

  private static String label(String label) {
    String value = Validation.required("label", label, 255);
    if (value.isBlank()) {
      throw GatehouseException.invalid("Field 'label' must not be blank.");
    }
    return value;
  }

  private static String type(String type) {
    String value = Validation.required("list_type", type, 16);
    if (!TYPES.contains(value)) {
      throw GatehouseException.invalid("Field 'list_type' must be ALLOW or BLOCK.");
    }
    return value;
  }

  private static List<String> addresses(List<String> addresses) {
    Validation.required("ip_addresses", addresses);
    if (addresses.isEmpty() || addresses.size() > MAX_ADDRESSES) {
      throw GatehouseException.invalid("Field 'ip_addresses' must hold 1 to " + MAX_ADDRESSES + " addresses or CIDR ranges.");
    }
    List<String> checked = new ArrayList<>();
    for (String address : addresses) {
      try {
        checked.add(IpRange.parse(address).text());
      } catch (IpRange.Invalid e) {
        throw GatehouseException.invalid("Field 'ip_addresses': '" + Validation.printable(String.valueOf(address))
            + "' is not an IPv4 or IPv6 address or CIDR range: " + e.getMessage() + ".");
      }
    }
    return checked;
  }

  private static Timestamp now() {
    return Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }
}
