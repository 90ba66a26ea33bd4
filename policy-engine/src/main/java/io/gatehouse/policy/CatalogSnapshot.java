package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The securables that decisions need, as one version of the catalog held them: for each its type,
 * id, name, parent and owner, found by (type, full name) or (type, id) as the {@link Target} the
 * engine decides on. Immutable; a catalog change makes the next one from this one and the rows the
 * change touched ({@link #with}), versioned together with the {@link PolicySnapshot} it belongs
 * to, so a request that pins one snapshot reads names, owners and grants of the same commit.
 *
 * <p>A securable is held under its id and under its name within its parent, not its full name, so
 * that renaming a catalog or a schema touches one entry, not everything below it; full names are
 * put together when a target is asked for. A securable whose parent is not held cannot be named
 * or found by id (it has no path).
 *
 * <p>Names are matched case-insensitively, as the catalog matches them; ids in any spelling that
 * parses as a UUID. The metastore answers to its id and to its name, for either kind of lookup.
 */
public final class CatalogSnapshot {
  /** One securable as loaded: its parent's id for schemas and what lies in them, else null. */
  public record Row(SecurableType type, String id, String name, String parentId, String owner) {}

  /** A securable with its place in the hierarchy resolved: its full name as the API shows it. */
  public record Entry(SecurableType type, String id, String fullName, String parentId, String owner) {}

  /** The children of one parent of one type: lower-cased names in order, with their ids. */
  private record Children(String[] names, String[] ids) {
    static final Children NONE = new Children(new String[0], new String[0]);
  }

  private static final CatalogSnapshot EMPTY =
      new CatalogSnapshot(null, ShardedMap.empty(), ShardedMap.empty(), ShardedMap.empty());

  /** The metastore's target, or null when none was loaded. */
  private final Target metastore;
  /** Canonical id (UUID text) to the securable's row. */
  private final ShardedMap<Row> byId;
  /** {@link #nameKey} (type, parent id, lower-cased name) to the securable's id. */
  private final ShardedMap<String> idByName;
  /** {@link #childrenKey} (type, parent id) to the securables of that type there, in name order. */
  private final ShardedMap<Children> children;

  private CatalogSnapshot(Target metastore, ShardedMap<Row> byId, ShardedMap<String> idByName, ShardedMap<Children> children) {
    this.metastore = metastore;
    this.byId = byId;
    this.idByName = idByName;
    this.children = children;
  }

  public static CatalogSnapshot empty() {
    return EMPTY;
  }

  /**
   * A snapshot of {@code rows}: the metastore (its owner is the admin group, which owns it) and
   * every catalog, schema, table, volume, function, external location and storage credential, in
   * any order.
   */
  public static CatalogSnapshot of(List<Row> rows) {
    return EMPTY.with(rows, List.of());
  }

  /**
   * The next snapshot: this one with {@code upserts} created or replaced (renamed, moved, given to
   * another owner) and the securables with ids {@code removed} gone. A removed container's
   * children are expected among the removals (a drop cascades row by row); any left over have no
   * path and cannot be found.
   */
  public CatalogSnapshot with(Collection<Row> upserts, Collection<String> removed) {
    Target nextMetastore = metastore;
    ShardedMap.Builder<Row> ids = byId.toBuilder();
    ShardedMap.Builder<String> names = idByName.toBuilder();
    // Per (type, parent): the edits of the children lists that change.
    Map<String, ChildEdits> lists = new HashMap<>();
    // Every old name first, so that two securables swapping names in one change both keep theirs.
    for (String id : removed) {
      forget(ids, names, lists, canonical(id), true);
    }
    for (Row row : upserts) {
      if (row.type() != SecurableType.METASTORE) {
        forget(ids, names, lists, canonical(row.id()), false);
      }
    }
    // One string per parent id and per owner, however many securables share it.
    Map<String, String> shared = new HashMap<>();
    for (Row row : upserts) {
      if (row.type() == SecurableType.METASTORE) {
        nextMetastore = new Target(Securable.of(SecurableType.METASTORE, row.id()), List.of(row.owner()), List.of(row.name()));
        continue;
      }
      String parentId = row.parentId() == null ? null : shared.computeIfAbsent(canonical(row.parentId()), p -> p);
      String owner = row.owner() == null ? null : shared.computeIfAbsent(row.owner(), o -> o);
      Row held = new Row(row.type(), shared.computeIfAbsent(canonical(row.id()), i -> i), row.name(), parentId, owner);
      ids.put(held.id(), held);
      names.put(nameKey(held.type(), held.parentId(), held.name()), held.id());
      list(lists, held).put(held.name().toLowerCase(Locale.ROOT), held.id());
    }
    ShardedMap.Builder<Children> nextChildren = children.toBuilder();
    for (var list : lists.entrySet()) {
      Children merged = list.getValue().merged();
      if (merged == null) {
        nextChildren.remove(list.getKey());
      } else {
        nextChildren.put(list.getKey(), merged);
      }
    }
    return new CatalogSnapshot(nextMetastore, ids.build(), names.build(), nextChildren.build());
  }

  /** The edits of the children list {@code row} belongs in, started on first use. */
  private ChildEdits list(Map<String, ChildEdits> lists, Row row) {
    return lists.computeIfAbsent(childrenKey(row.type(), row.parentId()), key -> new ChildEdits(children.get(key)));
  }

  /**
   * One parent's children as one change leaves them: the list held before and, over it, the names
   * the change gives (lower-cased name to id; null where a name goes). The result is merged in
   * one pass, so that adding a securable beside many costs a copy of the list, not a sort of it.
   */
  private static final class ChildEdits {
    private final Children held;
    private final TreeMap<String, String> edits = new TreeMap<>();

    ChildEdits(Children held) {
      this.held = held == null ? Children.NONE : held;
    }

    String get(String name) {
      if (edits.containsKey(name)) {
        return edits.get(name);
      }
      int at = Arrays.binarySearch(held.names(), name);
      return at >= 0 ? held.ids()[at] : null;
    }

    void put(String name, String id) {
      edits.put(name, id);
    }

    void remove(String name) {
      edits.put(name, null);
    }

    /**
     * The merged list, or null when no child is left: the held runs between the edits copied
     * whole, each edit's place found by binary search, so that one create in a schema of n tables
     * costs a copy of the arrays and log n comparisons, not n.
     */
    Children merged() {
      String[] oldNames = held.names();
      String[] oldIds = held.ids();
      String[] names = new String[oldNames.length + edits.size()];
      String[] ids = new String[names.length];
      int n = 0;
      int i = 0;
      for (var edit : edits.entrySet()) {
        int at = Arrays.binarySearch(oldNames, i, oldNames.length, edit.getKey());
        int end = at >= 0 ? at : -at - 1;
        System.arraycopy(oldNames, i, names, n, end - i);
        System.arraycopy(oldIds, i, ids, n, end - i);
        n += end - i;
        i = at >= 0 ? end + 1 : end; // a held name the edit replaces or removes is skipped
        if (edit.getValue() != null) {
          names[n] = edit.getKey();
          ids[n++] = edit.getValue();
        }
      }
      System.arraycopy(oldNames, i, names, n, oldNames.length - i);
      System.arraycopy(oldIds, i, ids, n, oldNames.length - i);
      n += oldNames.length - i;
      if (n == 0) {
        return null;
      }
      // Only a removal or a replaced name leaves the arrays longer than the list.
      return n == names.length ? new Children(names, ids) : new Children(Arrays.copyOf(names, n), Arrays.copyOf(ids, n));
    }
  }

  private void forget(ShardedMap.Builder<Row> ids, ShardedMap.Builder<String> names, Map<String, ChildEdits> lists,
      String id, boolean drop) {
    Row old = ids.get(id);
    if (old == null) {
      return;
    }
    String key = nameKey(old.type(), old.parentId(), old.name());
    if (id.equals(names.get(key))) {
      names.remove(key);
    }
    ChildEdits list = list(lists, old);
    String lower = old.name().toLowerCase(Locale.ROOT);
    if (id.equals(list.get(lower))) {
      list.remove(lower);
    }
    if (drop) {
      ids.remove(id);
    }
  }

  private static String childrenKey(SecurableType type, String parentId) {
    return type.ordinal() + "/" + (parentId == null ? "" : parentId);
  }

  private static String nameKey(SecurableType type, String parentId, String name) {
    return type.ordinal() + "/" + (parentId == null ? "" : parentId) + "/" + name.toLowerCase(Locale.ROOT);
  }

  private static String canonical(String id) {
    try {
      return UUID.fromString(id).toString();
    } catch (IllegalArgumentException e) {
      return id;
    }
  }

  private static int depth(SecurableType type) {
    return switch (type) {
      case SCHEMA -> 2;
      case TABLE, VOLUME, FUNCTION, REGISTERED_MODEL -> 3;
      default -> 1;
    };
  }

  /** How many securables the snapshot holds, the metastore included. */
  public int size() {
    return byId.size() + (metastore == null ? 0 : 1);
  }

  /** The metastore, owned by the admin group, or null before it is loaded. */
  public Target metastore() {
    return metastore;
  }

  /** The securable with id {@code id} (canonical UUID text) as loaded, with or without a path; or null. */
  public Row row(String id) {
    return byId.get(id);
  }

  /** The securable of {@code type} whose full name is {@code fullName} in any case, or null. */
  public Target byName(SecurableType type, String fullName) {
    if (type == SecurableType.METASTORE) {
      return metastore(fullName);
    }
    int depth = depth(type);
    // Catalogs, schemas and tables have no dots in their names; top-level securables may.
    String[] parts = depth == 1 ? new String[] {fullName} : fullName.split("\\.", -1);
    if (parts.length != depth) {
      return null;
    }
    String parentId = null;
    for (int level = 0; level < depth; level++) {
      SecurableType levelType = level == depth - 1 ? type : level == 0 ? SecurableType.CATALOG : SecurableType.SCHEMA;
      parentId = idByName.get(nameKey(levelType, parentId, parts[level]));
      if (parentId == null) {
        return null;
      }
    }
    return target(byId.get(parentId));
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
    Row row = byId.get(canonical);
    return row == null || row.type() != type ? null : target(row);
  }

  private Target metastore(String given) {
    if (metastore == null) {
      return null;
    }
    boolean named = given.equalsIgnoreCase(metastore.securable().id()) || given.equalsIgnoreCase(metastore.names().get(0));
    return named ? metastore : null;
  }

  /**
   * The securables of {@code type} directly under the parent with id {@code parentId} (null for
   * catalogs and other top-level securables), in order of their lower-cased names, starting after
   * the name {@code after} (null or empty from the first), at most {@code limit}.
   */
  public List<Target> children(SecurableType type, String parentId, String after, int limit) {
    Children held = children.get(childrenKey(type, parentId == null ? null : canonical(parentId)));
    if (held == null || limit <= 0) {
      return List.of();
    }
    int from = 0;
    if (after != null && !after.isEmpty()) {
      int at = Arrays.binarySearch(held.names(), after.toLowerCase(Locale.ROOT));
      from = at >= 0 ? at + 1 : -at - 1;
    }
    List<Target> page = new ArrayList<>(Math.min(limit, held.names().length - from));
    for (int i = from; i < held.names().length && page.size() < limit; i++) {
      Target target = target(byId.get(held.ids()[i]));
      if (target != null) {
        page.add(target);
      }
    }
    return page;
  }

  /** Every securable that has a path, but the metastore, in no particular order: for comparisons. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>(byId.size());
    byId.forEachValue(row -> {
      Target target = target(row);
      if (target != null) {
        entries.add(new Entry(row.type(), row.id(), target.names().get(target.names().size() - 1), row.parentId(), row.owner()));
      }
    });
    return Collections.unmodifiableList(entries);
  }

  /** The target of {@code row}: its path of ids, owners and full names; null if a parent is missing. */
  private Target target(Row row) {
    if (row == null) {
      return null;
    }
    int levels = depth(row.type());
    Row[] path = new Row[levels];
    path[levels - 1] = row;
    for (int i = levels - 2; i >= 0; i--) {
      String parentId = path[i + 1].parentId();
      Row parent = parentId == null ? null : byId.get(parentId);
      SecurableType expected = i == 0 ? SecurableType.CATALOG : SecurableType.SCHEMA;
      if (parent == null || parent.type() != expected) {
        return null;
      }
      path[i] = parent;
    }
    String[] ids = new String[levels];
    String[] owners = new String[levels];
    String[] names = new String[levels];
    for (int i = 0; i < levels; i++) {
      ids[i] = path[i].id();
      owners[i] = path[i].owner();
      names[i] = i == 0 ? path[i].name() : names[i - 1] + "." + path[i].name();
    }
    return new Target(Securable.of(row.type(), ids), List.of(owners), List.of(names));
  }
}
