package io.gatehouse.server.authz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@link Operation} a REST resource method performs; on a resource class, the operation of
 * each of its methods that names none. A resource method with no operation is refused ({@link
 * OperationGuard}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Performs {
  Operation value();
}
