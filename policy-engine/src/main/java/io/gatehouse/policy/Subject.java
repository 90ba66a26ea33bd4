package io.gatehouse.policy;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Who is asking, as the engine sees it: a principal name, the names of all its effective groups,
 * and whether it is a metastore admin. Names compare ignoring case.
 */
public record Subject(String name, Set<String> groups, boolean metastoreAdmin) {
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

  public boolean is(String principal) {
    return principal != null && (name.equals(key(principal)) || groups.contains(key(principal)));
  }

  static String key(String principal) {
    return principal.toLowerCase(Locale.ROOT);
  }
}
