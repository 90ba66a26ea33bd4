package io.gatehouse.lineage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The lineage tables live in their own PostgreSQL schema, {@value #SCHEMA}, with their own Flyway
 * history table, so they migrate independently of the catalog's schema in the same database.
 */
public final class LineageSchema {
  /** The PostgreSQL schema that holds every lineage table. */
  public static final String SCHEMA = "lineage";

  private LineageSchema() {}

  /**
   * Creates the schema if missing and applies the pending migrations from
   * {@code classpath:db/lineage}.
   *
   * @return the number of migrations applied
   */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure(LineageSchema.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .createSchemas(true)
        .table("flyway_schema_history")
        .locations("classpath:db/lineage")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
