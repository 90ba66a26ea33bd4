package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A securable with, for each object on its path (top first), its owner and its full name, as the
 * request loaded them (a table: catalog, schema, table). Ownership is read from the objects
 * themselves, so a transfer takes effect with the transaction that makes it; names serve only
 * to explain decisions.
 */
public record Target(Securable securable, List<String> owners, List<String> names) {
  public Target {
    int levels = securable.selfAndAncestors().size();
    owners = Collections.unmodifiableList(new ArrayList<>(owners));
    names = names == null ? Collections.nCopies(levels, null) : Collections.unmodifiableList(new ArrayList<>(names));
    if (owners.size() != levels || names.size() != levels) {
      throw new IllegalArgumentException("one owner and one name per level of " + securable);
    }
  }

  public Target(Securable securable, List<String> owners) {
    this(securable, owners, null);
  }

  public String owner() {
    return owners.get(owners.size() - 1);
  }


  /** The container one level up, with its owners and names, or null at the top. */
  public Target parent() {
    List<Securable> chain = securable.selfAndAncestors();
    int n = chain.size();
    return n < 2 ? null : new Target(chain.get(n - 2), owners.subList(0, n - 1), names.subList(0, n - 1));
  }

  /** How to name {@code s} (this object or a container of it) in an explanation. */
  public String describe(Securable s) {
    List<Securable> chain = securable.selfAndAncestors();
    int i = chain.indexOf(s);
    String name = i >= 0 ? names.get(i) : null;
    return s.type().apiName() + " " + (name != null ? name : s.id());
  }
}
