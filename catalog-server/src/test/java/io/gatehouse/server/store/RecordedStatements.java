package io.gatehouse.server.store;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Every SQL statement Hibernate prepares while a test records, for tests that count the queries a
 * request issues (no N+1). Statements a class prepares on a raw JDBC connection are not seen.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class RecordedStatements implements StatementInspector {
  private static volatile ConcurrentLinkedQueue<String> recording;

  @Override
  public String inspect(String sql) {
    ConcurrentLinkedQueue<String> into = recording;
    if (into != null) {
      into.add(sql);
    }
    return sql;
  }

  /** Runs {@code work} and returns the statements prepared meanwhile that {@code wanted} accepts. */
  public static List<String> during(Runnable work, Predicate<String> wanted) {
    ConcurrentLinkedQueue<String> into = new ConcurrentLinkedQueue<>();
    recording = into;
    try {
      work.run();
    } finally {
      recording = null;
    }
    List<String> found = new ArrayList<>();
    for (String sql : into) {
      if (wanted.test(sql)) {
        found.add(sql);
      }
    }
    return found;
  }
}
