package io.gatehouse.server.store;

import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The one clock that every replica agrees on: the database's. Expiry decisions (a token's
 * lifetime, a client secret's) are taken against it, and expiry times are set from it, so replicas
 * whose own clocks drift apart by seconds still decide alike (docs/operations.md, "Faults").
 */
public final class DatabaseClock {
  private DatabaseClock() {}

  /** The database's time at the start of the current statement, in the current transaction. */
  public static Instant now() {
    return instant(Panache.getEntityManager().createNativeQuery("SELECT statement_timestamp()").getSingleResult())
        .truncatedTo(ChronoUnit.MICROS);
  }

  /** A timestamp column's value as an instant, whichever type the driver gave. */
  public static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof Instant i) {
      return i;
    }
    throw new IllegalStateException("not a timestamp: " + (value == null ? "null" : value.getClass().getSimpleName()));
  }
}
