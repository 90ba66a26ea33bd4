package io.gatehouse.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgConnectOptions;
import org.junit.jupiter.api.Test;

/**
 * The event loop's pool logs in where the JDBC pool does, or not at all: a URL whose connection
 * parameters it would not honour (TLS, say) turns it off rather than connecting more weakly.
 */
class EventLoopDatabaseOptionsTest {
  @Test
  void theEmbeddedStoresUrlAndAPlainExternalOne() {
    PgConnectOptions embedded = EventLoopDatabase.options("jdbc:postgresql://localhost:41234/gatehouse?user=gatehouse_app",
        null, null).orElseThrow();
    assertThat(embedded.getHost()).isEqualTo("localhost");
    assertThat(embedded.getPort()).isEqualTo(41234);
    assertThat(embedded.getDatabase()).isEqualTo("gatehouse");
    assertThat(embedded.getUser()).isEqualTo("gatehouse_app");

    PgConnectOptions external = EventLoopDatabase.options("jdbc:postgresql://db.internal/catalog", "app", "s3cret")
        .orElseThrow();
    assertThat(external.getHost()).isEqualTo("db.internal");
    assertThat(external.getPort()).isEqualTo(5432);
    assertThat(external.getUser()).isEqualTo("app");
    assertThat(external.getPassword()).isEqualTo("s3cret");
  }

  @Test
  void anythingItWouldNotHonourTurnsItOff() {
    for (String url : new String[] {
        "jdbc:postgresql://db/gatehouse?sslmode=verify-full",
        "jdbc:postgresql://db/gatehouse?user=app&ssl=true",
        "jdbc:postgresql://db/gatehouse?USER=app",
        "jdbc:postgresql://db/gatehouse?user",
        "jdbc:postgresql://db/gatehouse?user=a%40b",
        "jdbc:postgresql://db1,db2/gatehouse",
        "jdbc:postgresql://app:pw@db/gatehouse",
        "jdbc:postgresql://db/",
        "jdbc:postgresql://db/gatehouse/extra",
        "jdbc:postgresql:gatehouse",
        "jdbc:mysql://db/gatehouse",
        "jdbc:postgresql://[bad/gatehouse",
    }) {
      assertThat(EventLoopDatabase.options(url, null, null)).as(url).isEmpty();
    }
    // The user named twice, differently: which one the JDBC driver takes is not guessed.
    assertThat(EventLoopDatabase.options("jdbc:postgresql://db/gatehouse?user=one", "two", null)).isEmpty();
    assertThat(EventLoopDatabase.options("jdbc:postgresql://db/gatehouse?password=one", "app", "two")).isEmpty();
    assertThat(EventLoopDatabase.options("jdbc:postgresql://db/gatehouse?user=app", "app", null)).isPresent();
  }
}
