package io.gatehouse.policy;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who is asking, as the engine sees it: a principal name, the names of all its effective groups,
 * whether it is a metastore admin, and the workspace it acts in (which decides what isolated
 * catalogs it reaches: {@link WorkspaceBindings}). Names compare ignoring case.
 */
public record Subject(String name, Set<String> groups, boolean metastoreAdmin, long workspace) {
  /** The workspace of a server that has only one. */
  public static final long DEFAULT_WORKSPACE = 0;

  /** A subject acting in the default workspace. */
  public Subject(String name, Set<String> groups, boolean metastoreAdmin) {
    this(name, groups, metastoreAdmin, DEFAULT_WORKSPACE);
  }

  public Subject {
    name = key(name);
    Set<String> lowered = new LinkedHashSet<>();
    for (String g : groups) {
      lowered.add(key(g));
    }
    groups = Set.copyOf(lowered);
  }

  /** The principal itself and its groups: every name a grant or an ownership may name. */
  public Set<String> names() {
    Set<String> all = new LinkedHashSet<>(groups);
    all.add(name);
    return all;
  }

  /** Whether {@code principal} names this subject or one of its groups; no allocation. */
  public boolean is(String principal) {
    if (principal == null) {
      return false;
    }
    if (name.equalsIgnoreCase(principal)) {
      return true;
    }
    for (String group : groups) {
      if (group.equalsIgnoreCase(principal)) {
        return true;
      }
    }
    return false;
  }

  static String key(String principal) {
    return principal.toLowerCase(Locale.ROOT);
  }
}
