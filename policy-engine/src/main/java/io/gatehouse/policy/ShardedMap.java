package io.gatehouse.policy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.function.Consumer;

/**
 * An immutable map from strings, whose next version copies only the shards its changes touch: a
 * catalog change of one table costs a copy of about one thousandth of the securables, not all
 * of them, while a lookup stays one array index and one hash probe.
 *
 * <p>Persistent maps from libraries (PCollections' hash tree, a HAMT) share more and copy less,
 * but pay a tree walk on every lookup; decisions look names up several times per check and
 * change far less often than they read, so this trades a little copying for flat reads.
 */
final class ShardedMap<V> {
  private static final int SHARDS = 1024;
  private static final ShardedMap<?> EMPTY = new ShardedMap<>(new HashMap[SHARDS], 0);

  private final HashMap<String, V>[] shards;
  private final int size;

  private ShardedMap(HashMap<String, V>[] shards, int size) {
    this.shards = shards;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <V> ShardedMap<V> empty() {
    return (ShardedMap<V>) EMPTY;
  }

  private static int shard(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (SHARDS - 1);
  }

  V get(String key) {
    HashMap<String, V> shard = shards[shard(key)];
    return shard == null ? null : shard.get(key);
  }

  int size() {
    return size;
  }

  void forEachValue(Consumer<V> action) {
    for (HashMap<String, V> shard : shards) {
      if (shard != null) {
        shard.values().forEach(action);
      }
    }
  }

  /** A builder of the next version, starting from this one. */
  Builder<V> toBuilder() {
    return new Builder<>(this);
  }

  /** Changes gathered on copies of the shards they touch; the map it came from is never changed. */
  static final class Builder<V> {
    private final HashMap<String, V>[] shards;
    private final boolean[] copied = new boolean[SHARDS];
    private int size;
    private boolean built;

    private Builder(ShardedMap<V> from) {
      this.shards = Arrays.copyOf(from.shards, SHARDS);
      this.size = from.size;
    }

    private HashMap<String, V> writable(String key) {
      if (built) {
        throw new IllegalStateException("already built");
      }
      int i = shard(key);
      if (!copied[i]) {
        shards[i] = shards[i] == null ? new HashMap<>() : new HashMap<>(shards[i]);
        copied[i] = true;
      }
      return shards[i];
    }

    V get(String key) {
      HashMap<String, V> shard = shards[shard(key)];
      return shard == null ? null : shard.get(key);
    }

    void put(String key, V value) {
      if (writable(key).put(key, value) == null) {
        size++;
      }
    }

    void remove(String key) {
      if (get(key) != null && writable(key).remove(key) != null) {
        size--;
      }
    }

    ShardedMap<V> build() {
      built = true;
      return new ShardedMap<>(shards, size);
    }
  }
}
