package io.gatehouse.server.authz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a REST resource whose requests an engine may make on behalf of an end user
 * ({@link OnBehalfHeader}): every decision such a resource makes is the caller's privilege
 * decision, so it can be made for the user the engine names. Resources that manage identities or
 * credentials themselves (tokens, SCIM, secrets, passthrough credentials) are not marked, and
 * refuse the header.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ActsForEndUsers {}
