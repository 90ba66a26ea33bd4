package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The securables that decisions need, as one version of the catalog held them: for each its type,
 * id, name, parent and owner, found by (type, full name) or (type, id) as the {@link Target} the
 * engine decides on. Immutable; a catalog change builds a new one, versioned together with the
 * {@link PolicySnapshot} it belongs to, so a request that pins one snapshot reads names, owners
 * and grants of the same commit.
 *
 * <p>Names are matched case-insensitively, as the catalog matches them; ids in any spelling that
 * parses as a UUID. The metastore answers to its id and to its name, for either kind of lookup.
 */
public final class CatalogSnapshot {
  /** One securable as loaded: its parent's id for schemas and what lies in them, else null. */
  public record Row(SecurableType type, String id, String name, String parentId, String owner) {}

  /** A securable with its place in the hierarchy resolved: its full name as the API shows it. */
  public record Entry(SecurableType type, String id, String fullName, String parentId, String owner) {}

  /** A loaded securable; {@code parent} is the container one level up, null at the top. */
  private static final class Node {
    final SecurableType type;
    final String id;
    final String fullName;
    final String owner;
    final Node parent;

    Node(SecurableType type, String id, String fullName, String owner, Node parent) {
      this.type = type;
      this.id = id;
      this.fullName = fullName;
      this.owner = owner;
      this.parent = parent;
    }
  }

  private static final CatalogSnapshot EMPTY = new CatalogSnapshot(null, new EnumMap<>(SecurableType.class),
      new EnumMap<>(SecurableType.class), 0);

  /** The metastore's target, or null when none was loaded. */
  private final Target metastore;
  /** Per type: lower-cased full name to securable. */
  private final Map<SecurableType, Map<String, Node>> byName;
  /** Per type: id (canonical UUID text) to securable. */
  private final Map<SecurableType, Map<String, Node>> byId;
  private final int size;

  private CatalogSnapshot(Target metastore, Map<SecurableType, Map<String, Node>> byName,
      Map<SecurableType, Map<String, Node>> byId, int size) {
    this.metastore = metastore;
    this.byName = byName;
    this.byId = byId;
    this.size = size;
  }

  public static CatalogSnapshot empty() {
    return EMPTY;
  }

  /**
   * A snapshot of {@code rows}: the metastore (its owner is the admin group, which owns it) and
   * every catalog, schema, table, volume, function, external location and storage credential. A
   * row whose parent is not among the rows is left out (it cannot be named).
   */
  public static CatalogSnapshot of(List<Row> rows) {
    Map<SecurableType, Map<String, Node>> byName = new EnumMap<>(SecurableType.class);
    Map<SecurableType, Map<String, Node>> byId = new EnumMap<>(SecurableType.class);
    Map<String, String> owners = new HashMap<>(); // one String per owner, however many objects it owns
    Target metastore = null;
    int size = 0;
    // Parents before children: catalogs, then schemas, then what lies in schemas.
    for (int depth = 1; depth <= 3; depth++) {
      for (Row row : rows) {
        if (row.type() == SecurableType.METASTORE) {
          if (depth == 1) {
            metastore = new Target(Securable.of(SecurableType.METASTORE, row.id()), List.of(row.owner()), List.of(row.name()));
            size++;
          }
          continue;
        }
        if (depth(row.type()) != depth) {
          continue;
        }
        Node parent = null;
        if (depth > 1) {
          SecurableType parentType = depth == 2 ? SecurableType.CATALOG : SecurableType.SCHEMA;
          parent = byId.getOrDefault(parentType, Map.of()).get(row.parentId());
          if (parent == null) {
            continue;
          }
        }
        String fullName = parent == null ? row.name() : parent.fullName + "." + row.name();
        String owner = owners.computeIfAbsent(row.owner(), o -> o);
        Node node = new Node(row.type(), row.id(), fullName, owner, parent);
        byName.computeIfAbsent(row.type(), t -> new HashMap<>()).put(fullName.toLowerCase(Locale.ROOT), node);
        byId.computeIfAbsent(row.type(), t -> new HashMap<>()).put(row.id(), node);
        size++;
      }
    }
    return new CatalogSnapshot(metastore, byName, byId, size);
  }

  private static int depth(SecurableType type) {
    return switch (type) {
      case SCHEMA -> 2;
      case TABLE, VOLUME, FUNCTION -> 3;
      case CATALOG, EXTERNAL_LOCATION, STORAGE_CREDENTIAL -> 1;
      default -> 0;
    };
  }

  /** How many securables the snapshot holds, the metastore included. */
  public int size() {
    return size;
  }

  /** The securable of {@code type} whose full name is {@code fullName} in any case, or null. */
  public Target byName(SecurableType type, String fullName) {
    if (type == SecurableType.METASTORE) {
      return metastore(fullName);
    }
    Node node = byName.getOrDefault(type, Map.of()).get(fullName.toLowerCase(Locale.ROOT));
    return node == null ? null : target(node);
  }

  /** The securable of {@code type} with id {@code id}, or null (also when it is not an id). */
  public Target byId(SecurableType type, String id) {
    if (type == SecurableType.METASTORE) {
      return metastore(id);
    }
    String canonical;
    try {
      canonical = UUID.fromString(id).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
    Node node = byId.getOrDefault(type, Map.of()).get(canonical);
    return node == null ? null : target(node);
  }

  private Target metastore(String given) {
    if (metastore == null) {
      return null;
    }
    boolean named = given.equalsIgnoreCase(metastore.securable().id()) || given.equalsIgnoreCase(metastore.names().get(0));
    return named ? metastore : null;
  }

  /** Every securable but the metastore, in no particular order: for comparisons. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>(size);
    for (Map<String, Node> nodes : byId.values()) {
      for (Node n : nodes.values()) {
        entries.add(new Entry(n.type, n.id, n.fullName, n.parent == null ? null : n.parent.id, n.owner));
      }
    }
    return Collections.unmodifiableList(entries);
  }

  private static Target target(Node node) {
    int levels = node.parent == null ? 1 : node.parent.parent == null ? 2 : 3;
    String[] ids = new String[levels];
    String[] owners = new String[levels];
    String[] names = new String[levels];
    Node n = node;
    for (int i = levels - 1; i >= 0; i--, n = n.parent) {
      ids[i] = n.id;
      owners[i] = n.owner;
      names[i] = n.fullName;
    }
    return new Target(Securable.of(node.type, ids), List.of(owners), List.of(names));
  }
}
