package io.gatehouse.server.authz;

import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an {@link Operation} needs of its caller, and so which check the {@link Authorizer} makes
 * for it. {@code privileges} are those the check asks for ({@link Kind#CREATE}, {@link
 * Kind#HOLD}); {@code childType} is what a {@link Kind#LIST} lists.
 */
public record Requirement(Kind kind, Set<Privilege> privileges, SecurableType childType) {
  public enum Kind {
    /** Anyone, without credentials. */
    PUBLIC,
    /** Any authenticated caller. */
    AUTHENTICATED,
    /** Any authenticated caller; the answer holds only what the caller may see. */
    FILTERED,
    /** Members of the metastore admin group. */
    METASTORE_ADMIN,
    /** Metastore admins, or admins of the workspace the request acts in (an ADMIN assignment). */
    WORKSPACE_ADMIN,
    /** See the object: a privilege on it (BROWSE included) or ownership, and USE on its containers. */
    SEE,
    /** Manage the object: own it (or a container) or hold MANAGE on it, and USE its containers. */
    MANAGE,
    /** Manage the object, with no deny that binds the caller set on it or in it. */
    DROP,
    /** Manage the object, and the deny changed does not bind the caller. */
    CHANGE_DENY,
    /** Create in a container: USE on it and the create privilege on it. */
    CREATE,
    /** Hold the privileges on the object, and USE its containers. */
    HOLD,
    /** List the children of a container that the caller may see; the container must be visible. */
    LIST,
    /** Ask, not enforce: each check is decided and audited, the caller (an engine) enforces. */
    CHECK
  }

  public Requirement {
    privileges = privileges.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(privileges));
  }

  public static Requirement of(Kind kind) {
    return new Requirement(kind, Set.of(), null);
  }

  public static Requirement publicly() {
    return of(Kind.PUBLIC);
  }

  public static Requirement authenticated() {
    return of(Kind.AUTHENTICATED);
  }

  public static Requirement filtered() {
    return of(Kind.FILTERED);
  }

  public static Requirement metastoreAdmin() {
    return of(Kind.METASTORE_ADMIN);
  }

  public static Requirement workspaceAdmin() {
    return of(Kind.WORKSPACE_ADMIN);
  }

  public static Requirement see() {
    return of(Kind.SEE);
  }

  public static Requirement manage() {
    return of(Kind.MANAGE);
  }

  public static Requirement drop() {
    return of(Kind.DROP);
  }

  public static Requirement changeDeny() {
    return of(Kind.CHANGE_DENY);
  }

  public static Requirement check() {
    return of(Kind.CHECK);
  }

  public static Requirement create(Privilege privilege) {
    return new Requirement(Kind.CREATE, Set.of(privilege), null);
  }

  public static Requirement hold(Privilege... privileges) {
    return new Requirement(Kind.HOLD, Set.of(privileges), null);
  }

  public static Requirement list(SecurableType childType) {
    return new Requirement(Kind.LIST, Set.of(), childType);
  }

  /** Whether a caller needs no privilege: public, or authenticated only. */
  public boolean needsNoPrivilege() {
    return kind == Kind.PUBLIC || kind == Kind.AUTHENTICATED || kind == Kind.FILTERED;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case CREATE, HOLD -> kind + " " + privileges;
      case LIST -> kind + " " + childType;
      default -> kind.toString();
    };
  }
}
