package io.gatehouse.server.authz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks write endpoints that change nothing a decision is made of: no securable, grant, filter,
 * mask, membership, principal, binding or policy (none of the tables whose triggers move the
 * policy version, V11 and after). {@link SnapshotAfterWrite} does not read the version after
 * them: an engine's stream of lineage events would otherwise pay a database read per event for a
 * version that never moves. {@code LeavesPoliciesUnchangedTest} checks that each one leaves it
 * where it was.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface LeavesPoliciesUnchanged {}
