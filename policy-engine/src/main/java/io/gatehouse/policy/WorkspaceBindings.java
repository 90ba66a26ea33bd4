package io.gatehouse.policy;

import java.util.HashMap;
import java.util.Map;

/**
 * Which workspaces may reach the isolated securables (catalogs, external locations, storage
 * credentials), and how: what Databricks calls workspace bindings. A securable that is not
 * isolated is reached read-write from every workspace; an isolated one only from the workspaces
 * bound to it, read-only or read-write. Everything below a catalog follows the catalog. Binding
 * is above every privilege: from a workspace that is not bound, nobody reaches the securable, its
 * owner and metastore admins included.
 */
public final class WorkspaceBindings {
  /** How a workspace reaches a securable. */
  public enum Access {
    NONE, READ_ONLY, READ_WRITE;

    public boolean reads() {
      return this != NONE;
    }

    public boolean writes() {
      return this == READ_WRITE;
    }
  }

  /** One isolated securable's bindings, read from the database. */
  public record Binding(SecurableType type, String id, long workspace, Access access) {}

  /** An isolated securable, named by its type and id, with no binding at all. */
  public record Isolated(SecurableType type, String id) {}

  private static final WorkspaceBindings NONE_ISOLATED = new WorkspaceBindings(Map.of());

  /** Isolated securables to their bound workspaces. */
  private final Map<Isolated, Map<Long, Access>> isolated;

  private WorkspaceBindings(Map<Isolated, Map<Long, Access>> isolated) {
    this.isolated = isolated;
  }

  public static WorkspaceBindings none() {
    return NONE_ISOLATED;
  }

  /** The isolated securables and the bindings of each; a binding of a securable not listed is ignored. */
  public static WorkspaceBindings of(Iterable<Isolated> isolated, Iterable<Binding> bindings) {
    Map<Isolated, Map<Long, Access>> map = new HashMap<>();
    for (Isolated i : isolated) {
      map.put(i, new HashMap<>());
    }
    for (Binding b : bindings) {
      Map<Long, Access> bound = map.get(new Isolated(b.type(), b.id()));
      if (bound != null && b.access() != Access.NONE) {
        bound.put(b.workspace(), b.access());
      }
    }
    map.replaceAll((k, v) -> Map.copyOf(v));
    return map.isEmpty() ? NONE_ISOLATED : new WorkspaceBindings(Map.copyOf(map));
  }

  public boolean isEmpty() {
    return isolated.isEmpty();
  }

  /** How {@code workspace} reaches {@code securable}: through the top of its hierarchy. */
  public Access access(long workspace, Securable securable) {
    if (isolated.isEmpty()) {
      return Access.READ_WRITE;
    }
    SecurableType topType = switch (securable.type()) {
      case SCHEMA, TABLE, VOLUME, FUNCTION, REGISTERED_MODEL -> SecurableType.CATALOG;
      default -> securable.type();
    };
    Map<Long, Access> bound = isolated.get(new Isolated(topType, securable.path().get(0)));
    if (bound == null) {
      return Access.READ_WRITE;
    }
    return bound.getOrDefault(workspace, Access.NONE);
  }

  /** Whether the securable of this type and id is isolated. */
  public boolean isolated(SecurableType type, String id) {
    return isolated.containsKey(new Isolated(type, id));
  }

  /** The ids of the isolated securables of {@code type} that {@code workspace} cannot reach. */
  public java.util.Set<String> unreachable(long workspace, SecurableType type) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    isolated.forEach((i, bound) -> {
      if (i.type() == type && !bound.containsKey(workspace)) {
        ids.add(i.id());
      }
    });
    return ids;
  }
}
