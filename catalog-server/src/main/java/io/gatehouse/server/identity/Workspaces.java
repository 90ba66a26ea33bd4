package io.gatehouse.server.identity;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The account's workspaces and who is assigned to each, held in memory and read again with the
 * workspace settings (V28's triggers notify the same channel), and the rule that puts every
 * request in one workspace:
 *
 * <ul>
 *   <li>A request addresses a workspace by the {@value #HEADER} header (its id) or by its host
 *       (the first label is a workspace's deployment name); both, naming two workspaces, is refused.
 *   <li>An access token belongs to the workspace it was issued in and works only there: a request
 *       that addresses another with it is refused. A JWT acts in the workspace addressed, or the
 *       default one.
 *   <li>The default workspace (id {@value WorkspaceSettings#DEFAULT_WORKSPACE}) admits every
 *       principal, so a server with one workspace works as before; any other admits only the
 *       principals assigned to it, directly or through a group (nested groups too).
 * </ul>
 */
@ApplicationScoped
public class Workspaces {
  /** The header naming the workspace a request addresses, as Databricks names it. */
  public static final String HEADER = "X-Databricks-Org-Id";
  private static final Logger LOG = Logger.getLogger(Workspaces.class);

  /** A workspace as the account API shows it. */
  public record Workspace(long id, String name, String deploymentName, String status) {}

  /**
   * Who may act in a workspace: principals by id (users, service principals), groups by name; and
   * who administers it (an ADMIN assignment), likewise.
   */
  private record Members(Set<UUID> principals, Set<String> groups, Set<UUID> adminPrincipals, Set<String> adminGroups) {
    static final Members NONE = new Members(Set.of(), Set.of(), Set.of(), Set.of());
  }

  private record State(Map<Long, Workspace> byId, Map<String, Workspace> byDeployment, Map<Long, Members> members) {}

  private final AgroalDataSource dataSource;
  private final GroupCache groupCache;
  private final Memberships memberships;
  private final AtomicReference<State> state = new AtomicReference<>(new State(Map.of(), Map.of(), Map.of()));

  Workspaces(AgroalDataSource dataSource, GroupCache groupCache, Memberships memberships) {
    this.dataSource = dataSource;
    this.groupCache = groupCache;
    this.memberships = memberships;
  }

  void onStart(@Observes StartupEvent event) {
    reload();
  }

  void onSettingsChanged(@Observes WorkspaceSettings.Changed changed) {
    reload();
  }

  /** Reads the workspaces and their assignments again; the ones in memory stay if that fails. */
  public synchronized void reload() {
    try (Connection c = dataSource.getConnection()) {
      state.set(read(c));
    } catch (SQLException e) {
      LOG.warnf("cannot read the workspaces (%s); keeping the ones in memory", e.getMessage());
    }
  }

  public Workspace find(long id) {
    return state.get().byId().get(id);
  }

  public List<Workspace> all() {
    return state.get().byId().values().stream().sorted(java.util.Comparator.comparingLong(Workspace::id)).toList();
  }

  /**
   * The workspace a request addresses by header or host, or null when it addresses none.
   * Refused: a header that is not a workspace id, an unknown id, or a header and a host that name
   * two workspaces.
   */
  public Long addressed(String header, String host) {
    State s = state.get();
    Workspace byHost = null;
    if (host != null && !s.byDeployment().isEmpty()) {
      int dot = host.indexOf('.');
      if (dot > 0) {
        byHost = s.byDeployment().get(host.substring(0, dot).toLowerCase(Locale.ROOT));
      }
    }
    if (header == null) {
      return byHost == null ? null : byHost.id();
    }
    long id;
    try {
      id = Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw AuthenticationException.malformed("The " + HEADER + " header must be a workspace id (a number).");
    }
    if (!s.byId().containsKey(id)) {
      throw AuthenticationException.invalid("The request addresses workspace " + id + ", which does not exist.");
    }
    if (byHost != null && byHost.id() != id) {
      throw AuthenticationException.malformed("The " + HEADER + " header and the host name two different workspaces.");
    }
    return id;
  }

  /**
   * The workspace whose front door a request comes through, for checks made before its
   * credential is read: the one it addresses, else the default one (also when its address is
   * bad, which authentication then refuses).
   */
  public long addressedOrDefault(String header, String host) {
    try {
      Long addressed = addressed(header, host);
      return addressed == null ? WorkspaceSettings.DEFAULT_WORKSPACE : addressed;
    } catch (AuthenticationException e) {
      return WorkspaceSettings.DEFAULT_WORKSPACE;
    }
  }

  /**
   * The caller in the workspace it acts in, or refused: a token of another workspace than the
   * one addressed, a workspace that is not running, a principal not assigned to it. May read the
   * principal's groups (blocking) when an assignment to a group could admit it.
   */
  public Caller admit(Caller caller, Long addressed) {
    return admit(caller, addressed, () -> groupCache.get(caller.principal().id(),
        id -> io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(() -> memberships.effectiveGroupNames(id))));
  }

  /** As {@link #admit(Caller, Long)} when that needs no I/O; else null (nothing refused yet). */
  public Caller admitWithoutIo(Caller caller, Long addressed) {
    if (admitsWithoutGroups(caller, addressed)) {
      return admit(caller, addressed, Set::of);
    }
    Set<String> groups = groupCache.peek(caller.principal().id());
    return groups == null ? null : admit(caller, addressed, () -> groups);
  }

  private Caller admit(Caller caller, Long addressed, Supplier<Set<String>> groups) {
    long workspace;
    if (caller.workspace() != null) {
      if (addressed != null && !addressed.equals(caller.workspace())) {
        throw AuthenticationException.invalid("The access token belongs to another workspace than the one addressed ("
            + addressed + ").").of(caller.principal().name(), null);
      }
      workspace = caller.workspace();
    } else {
      workspace = addressed != null ? addressed : WorkspaceSettings.DEFAULT_WORKSPACE;
    }
    String refusal = refusal(workspace, caller.principal().id(), caller.assertedGroups(), groups);
    if (refusal != null) {
      throw AuthenticationException.invalid(refusal).of(caller.principal().name(), null);
    }
    return caller.in(workspace);
  }

  /** Whether the caller's workspace decides on it without its groups. */
  private boolean admitsWithoutGroups(Caller caller, Long addressed) {
    long workspace = caller.workspace() != null ? caller.workspace()
        : addressed != null ? addressed : WorkspaceSettings.DEFAULT_WORKSPACE;
    if (workspace == WorkspaceSettings.DEFAULT_WORKSPACE) {
      return true;
    }
    Members m = state.get().members().get(workspace);
    return m == null || m.groups().isEmpty() || m.principals().contains(caller.principal().id());
  }

  /**
   * Why the principal may not act in {@code workspace}, or null when it may. The default
   * workspace admits everyone.
   */
  public String refusal(long workspace, UUID principal, Set<String> assertedGroups, Supplier<Set<String>> groups) {
    if (workspace == WorkspaceSettings.DEFAULT_WORKSPACE) {
      return null;
    }
    State s = state.get();
    Workspace w = s.byId().get(workspace);
    if (w == null) {
      return "Workspace " + workspace + " does not exist.";
    }
    if (!"RUNNING".equals(w.status())) {
      return "Workspace " + workspace + " is not running (" + w.status() + ").";
    }
    Members m = s.members().getOrDefault(workspace, Members.NONE);
    if (m.principals().contains(principal)) {
      return null;
    }
    if (!m.groups().isEmpty()) {
      for (String g : assertedGroups) {
        if (m.groups().contains(g.toLowerCase(Locale.ROOT))) {
          return null;
        }
      }
      for (String g : groups.get()) {
        if (m.groups().contains(g.toLowerCase(Locale.ROOT))) {
          return null;
        }
      }
    }
    return "The principal is not assigned to workspace " + workspace + ".";
  }

  /**
   * Whether the principal, with its effective groups, administers {@code workspace} by an ADMIN
   * assignment (directly or through a group). The default workspace has no admins of its own:
   * metastore admins administer it.
   */
  public boolean administers(long workspace, UUID principal, Set<String> groups) {
    Members m = state.get().members().getOrDefault(workspace, Members.NONE);
    if (m.adminPrincipals().contains(principal)) {
      return true;
    }
    for (String g : groups) {
      if (m.adminGroups().contains(g.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static State read(Connection c) throws SQLException {
    Map<Long, Workspace> byId = new HashMap<>();
    Map<String, Workspace> byDeployment = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT workspace_id, workspace_name, deployment_name, workspace_status FROM workspaces");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        Workspace w = new Workspace(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
        byId.put(w.id(), w);
        if (w.deploymentName() != null) {
          byDeployment.put(w.deploymentName().toLowerCase(Locale.ROOT), w);
        }
      }
    }
    Map<Long, Set<UUID>> principals = new HashMap<>();
    Map<Long, Set<String>> groups = new HashMap<>();
    Map<Long, Set<UUID>> adminPrincipals = new HashMap<>();
    Map<Long, Set<String>> adminGroups = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT a.workspace_id, a.principal_id, p.kind, p.name, a.permission FROM workspace_assignments a"
            + " JOIN principals p ON p.id = a.principal_id WHERE p.active");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        long workspace = rs.getLong(1);
        boolean admin = "ADMIN".equals(rs.getString(5));
        if ("GROUP".equals(rs.getString(3))) {
          String group = rs.getString(4).toLowerCase(Locale.ROOT);
          groups.computeIfAbsent(workspace, w -> new HashSet<>()).add(group);
          if (admin) {
            adminGroups.computeIfAbsent(workspace, w -> new HashSet<>()).add(group);
          }
        } else {
          UUID id = rs.getObject(2, UUID.class);
          principals.computeIfAbsent(workspace, w -> new HashSet<>()).add(id);
          if (admin) {
            adminPrincipals.computeIfAbsent(workspace, w -> new HashSet<>()).add(id);
          }
        }
      }
    }
    Map<Long, Members> members = new HashMap<>();
    for (Long w : byId.keySet()) {
      members.put(w, new Members(Set.copyOf(principals.getOrDefault(w, Set.of())), Set.copyOf(groups.getOrDefault(w, Set.of())),
          Set.copyOf(adminPrincipals.getOrDefault(w, Set.of())), Set.copyOf(adminGroups.getOrDefault(w, Set.of()))));
    }
    return new State(Map.copyOf(byId), Map.copyOf(byDeployment), Map.copyOf(members));
  }
}
