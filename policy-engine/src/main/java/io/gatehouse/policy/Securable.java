package io.gatehouse.policy;

import java.util.List;

/**
 * A securable as the engine sees it: its type and the ids of the objects on its path, from the
 * top of its hierarchy down to itself (a table: catalog id, schema id, table id). Ids, not names,
 * so that renaming an object does not change what was granted on it.
 */
public record Securable(SecurableType type, List<String> path) {
  public Securable {
    path = List.copyOf(path);
    if (path.size() != type.resourcePath().size()) {
      throw new IllegalArgumentException(type + " needs " + type.resourcePath().size() + " path elements, got " + path);
    }
  }

  public static Securable of(SecurableType type, String... path) {
    return new Securable(type, List.of(path));
  }

  public String id() {
    return path.get(path.size() - 1);
  }

  /** This securable and every container above it, top first. */
  public List<Securable> selfAndAncestors() {
    List<SecurableType> chain = switch (type) {
      case SCHEMA -> List.of(SecurableType.CATALOG, SecurableType.SCHEMA);
      case TABLE, VOLUME, FUNCTION, REGISTERED_MODEL -> List.of(SecurableType.CATALOG, SecurableType.SCHEMA, type);
      default -> List.of(type);
    };
    java.util.ArrayList<Securable> result = new java.util.ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      result.add(new Securable(chain.get(i), path.subList(0, i + 1)));
    }
    return result;
  }

  /** Whether {@code other} is this securable or lies below it. */
  public boolean covers(Securable other) {
    if (other.path.size() < path.size()) {
      return false;
    }
    if (!other.path.subList(0, path.size()).equals(path)) {
      return false;
    }
    return other.path.size() == path.size() ? other.type == type : type.children().size() > 0;
  }
}
