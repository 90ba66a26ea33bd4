package io.gatehouse.policy;

/**
 * A privilege granted to, or explicitly denied to, a principal (user, group or service principal
 * name) on a securable. A deny reaches the same objects a grant would, and wins over every grant
 * and ownership; only metastore admins are above it.
 */
public record Grant(String principal, Privilege privilege, Securable securable, boolean deny) {
  public Grant {
    principal = Subject.key(principal);
  }

  public Grant(String principal, Privilege privilege, Securable securable) {
    this(principal, privilege, securable, false);
  }

  public static Grant denial(String principal, Privilege privilege, Securable securable) {
    return new Grant(principal, privilege, securable, true);
  }

  /** Whether this grant (or deny) covers {@code wanted}: the same privilege, or ALL PRIVILEGES for one it implies. */
  public boolean covers(Privilege wanted) {
    return privilege == wanted || privilege == Privilege.ALL_PRIVILEGES && wanted.impliedByAll();
  }

  /** As SQL would say it: {@code SELECT on <where> to <principal>}, or {@code DENY SELECT ...}. */
  public String describe(String where) {
    return (deny ? "DENY " : "") + privilege.sqlName() + " on " + where + " to " + principal;
  }
}
