package io.gatehouse.server.store;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Stops the embedded PostgreSQL when the server stops. Test runs keep it for the whole JVM, so
 * that every Quarkus test profile reuses one cluster; a JVM shutdown hook stops it then.
 */
@Singleton
public class EmbeddedDatabaseShutdown {
  void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
    if (LaunchMode.current() == LaunchMode.NORMAL) {
      EmbeddedDatabase.stop();
    }
  }
}
