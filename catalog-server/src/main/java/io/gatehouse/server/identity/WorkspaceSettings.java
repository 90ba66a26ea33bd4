package io.gatehouse.server.identity;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Each workspace's settings (workspace-conf) and who may use personal access tokens there, held in
 * memory and read again whenever they change: at once after a change on this replica, and on
 * every other replica when PostgreSQL's {@code gatehouse_settings} notification arrives (V25's
 * triggers send it for settings, token permissions, IP access lists and revoked tokens). Each
 * reload fires {@link Changed}, on which the credentials cache and the IP access lists refresh.
 */
@ApplicationScoped
public class WorkspaceSettings {
  /** The workspace a server has before any other is made (V28 names it "default"). */
  public static final long DEFAULT_WORKSPACE = 0;
  /**
   * Who may use tokens in a workspace without any token permission: admins alone. Every workspace
   * starts with the row that lets everyone (V25 for the default one, {@link WorkspaceService} for
   * the others), until an admin says otherwise.
   */
  private static final TokenUsers ADMINS_ONLY = new TokenUsers(false, Set.of(), Set.of());
  static final String CHANNEL = "gatehouse_settings";
  /** How often the listener also reads everything again, should a notification be lost. */
  private static final int RECHECK_MILLIS = 5_000;
  private static final Logger LOG = Logger.getLogger(WorkspaceSettings.class);

  /** Fired after the settings were read again, on the thread that read them. */
  public record Changed() {}

  /** Who may use tokens: every user, or these principals (users, service principals, groups by name). */
  record TokenUsers(boolean everyone, Set<UUID> principals, Set<String> groups) {}

  private record State(Map<Long, Map<String, String>> conf, Map<Long, TokenUsers> tokenUsers) {}

  private final AgroalDataSource dataSource;
  private final Event<Changed> changed;
  private final AtomicReference<State> state = new AtomicReference<>(new State(Map.of(), Map.of()));
  private volatile boolean running = true;
  private Thread listener;

  WorkspaceSettings(AgroalDataSource dataSource, Event<Changed> changed) {
    this.dataSource = dataSource;
    this.changed = changed;
  }

  void onStart(@Observes StartupEvent event) {
    reload();
    listener = new Thread(this::listen, "gatehouse-settings-listener");
    listener.setDaemon(true);
    listener.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    running = false;
    if (listener != null) {
      listener.interrupt();
    }
  }

  /** The value of a setting in {@code workspace}, or null when it was never set there. */
  public String conf(long workspace, String key) {
    return state.get().conf().getOrDefault(workspace, Map.of()).get(key);
  }

  /** Whether the setting is the string "true" (case-insensitive); {@code otherwise} when not set. */
  public boolean flag(long workspace, String key, boolean otherwise) {
    String value = conf(workspace, key);
    return value == null || value.isEmpty() ? otherwise : Boolean.parseBoolean(value);
  }

  TokenUsers tokenUsers(long workspace) {
    return state.get().tokenUsers().getOrDefault(workspace, ADMINS_ONLY);
  }

  /**
   * Reads everything again and tells the observers; after a change, once its transaction
   * committed. One reload at a time, so that one which read before a commit cannot finish after,
   * and overwrite, one that read after it.
   */
  public void reload() {
    reload(true);
  }

  /**
   * As {@link #reload()}; the periodic check ({@code announce} false) tells the observers only
   * when something differs, so that it does not make every replica check every cached credential
   * again every few seconds.
   */
  private synchronized void reload(boolean announce) {
    State read;
    try (Connection c = dataSource.getConnection()) {
      read = read(c);
    } catch (SQLException e) {
      LOG.warnf("cannot read the workspace settings (%s); keeping the ones in memory", e.getMessage());
      return;
    }
    State before = state.getAndSet(read);
    if (announce || !read.equals(before)) {
      changed.fire(new Changed());
    }
  }

  private static State read(Connection c) throws SQLException {
    Map<Long, Map<String, String>> conf = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT workspace_id, key, value FROM workspace_conf");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        conf.computeIfAbsent(rs.getLong(1), w -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
      }
    }
    Map<Long, Boolean> everyone = new HashMap<>();
    Map<Long, Set<UUID>> principals = new HashMap<>();
    Map<Long, Set<String>> groups = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT t.workspace_id, t.principal_id, p.kind, p.name FROM token_permissions t"
            + " LEFT JOIN principals p ON p.id = t.principal_id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        long workspace = rs.getLong(1);
        UUID id = rs.getObject(2, UUID.class);
        everyone.merge(workspace, id == null, Boolean::logicalOr);
        if (id == null) {
          continue;
        }
        if ("GROUP".equals(rs.getString(3))) {
          groups.computeIfAbsent(workspace, w -> new HashSet<>()).add(rs.getString(4).toLowerCase(java.util.Locale.ROOT));
        } else {
          principals.computeIfAbsent(workspace, w -> new HashSet<>()).add(id);
        }
      }
    }
    Map<Long, TokenUsers> users = new HashMap<>();
    for (Long workspace : everyone.keySet()) {
      users.put(workspace, new TokenUsers(everyone.get(workspace), Set.copyOf(principals.getOrDefault(workspace, Set.of())),
          Set.copyOf(groups.getOrDefault(workspace, Set.of()))));
    }
    conf.replaceAll((w, m) -> Map.copyOf(m));
    return new State(Map.copyOf(conf), Map.copyOf(users));
  }

  private void listen() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        reload(); // whatever changed while not listening
        long nextCheck = System.currentTimeMillis() + RECHECK_MILLIS;
        while (running) {
          PGNotification[] notifications = pg.getNotifications(RECHECK_MILLIS);
          boolean notified = notifications != null && notifications.length > 0;
          if (notified || System.currentTimeMillis() >= nextCheck) {
            reload(notified);
            nextCheck = System.currentTimeMillis() + RECHECK_MILLIS;
          }
        }
      } catch (Exception e) {
        if (running) {
          LOG.warnf("settings listener lost its connection (%s); reconnecting", e.getMessage());
          try {
            Thread.sleep(500);
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }
  }
}
