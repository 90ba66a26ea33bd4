package io.gatehouse.policy;

/** A privilege granted to a principal (user, group or service principal name) on a securable. */
public record Grant(String principal, Privilege privilege, Securable securable) {
  public Grant {
    principal = Subject.key(principal);
  }
}
