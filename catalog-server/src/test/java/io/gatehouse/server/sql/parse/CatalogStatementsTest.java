package io.gatehouse.server.sql.parse;

import static io.gatehouse.server.sql.parse.Sql.assertParsesAs;
import static io.gatehouse.server.sql.parse.Sql.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.gatehouse.server.sql.parse.Expression.ColumnRef;
import io.gatehouse.server.sql.parse.Expression.NumericLiteral;
import io.gatehouse.server.sql.parse.Expression.StringLiteral;
import io.gatehouse.server.sql.parse.Statement.CommentOn;
import io.gatehouse.server.sql.parse.Statement.CreateCatalog;
import io.gatehouse.server.sql.parse.Statement.CreateSchema;
import io.gatehouse.server.sql.parse.Statement.CreateTable;
import io.gatehouse.server.sql.parse.Statement.CreateVolume;
import io.gatehouse.server.sql.parse.Statement.Describe;
import io.gatehouse.server.sql.parse.Statement.Drop;
import io.gatehouse.server.sql.parse.Statement.DropColumnMask;
import io.gatehouse.server.sql.parse.Statement.DropRowFilter;
import io.gatehouse.server.sql.parse.Statement.Rename;
import io.gatehouse.server.sql.parse.Statement.SetColumnMask;
import io.gatehouse.server.sql.parse.Statement.SetProperties;
import io.gatehouse.server.sql.parse.Statement.SetRowFilter;
import io.gatehouse.server.sql.parse.Statement.SetTags;
import io.gatehouse.server.sql.parse.Statement.ShowObjects;
import io.gatehouse.server.sql.parse.Statement.UnsetProperties;
import io.gatehouse.server.sql.parse.Statement.UnsetTags;
import io.gatehouse.server.sql.parse.Statement.Use;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogStatementsTest {
  private static final DataType INT = new DataType.PrimitiveType(TypeName.INT, "int");
  private static final DataType STRING = new DataType.PrimitiveType(TypeName.STRING, "string");

  @Test
  void createCatalogWithClausesInAnyOrder() {
    CreateCatalog expected = new CreateCatalog(name("main"), true, "s3://bucket/main", "Main catalog", null);
    assertParsesAs("CREATE CATALOG IF NOT EXISTS main MANAGED LOCATION 's3://bucket/main' COMMENT 'Main catalog'",
        expected);
    assertParsesAs("CREATE CATALOG IF NOT EXISTS main COMMENT 'Main catalog' MANAGED LOCATION 's3://bucket/main'",
        expected);
    assertParsesAs("create catalog main", new CreateCatalog(name("main"), false, null, null, null));
  }

  @Test
  void createSchemaOrDatabase() {
    assertParsesAs("CREATE SCHEMA main.sales COMMENT 'Sales' WITH DBPROPERTIES ('team' = 'revenue')",
        new CreateSchema(name("main", "sales"), false, null, "Sales", Map.of("team", "revenue"), null));
    assertParsesAs("CREATE DATABASE IF NOT EXISTS sales MANAGED LOCATION 's3://b/sales'",
        new CreateSchema(name("sales"), true, "s3://b/sales", null, Map.of(), null));
  }

  @Test
  void createTableWithEveryClause() {
    CreateTable table = Sql.one("""
        CREATE TABLE IF NOT EXISTS main.sales.orders (
          id BIGINT NOT NULL COMMENT 'Order id',
          region STRING,
          email STRING MASK main.sec.mask_email USING COLUMNS (region, 'EU'),
          amount DECIMAL(10,2)
        )
        TBLPROPERTIES ('delta.appendOnly' = 'true', quality = 3)
        COMMENT 'Orders'
        LOCATION 's3://bucket/orders'
        PARTITIONED BY (region)
        USING DELTA
        WITH ROW FILTER main.sec.by_region ON (region)
        """, CreateTable.class);
    assertThat(table.name()).isEqualTo(name("main", "sales", "orders"));
    assertThat(table.ifNotExists()).isTrue();
    assertThat(table.columns()).containsExactly(
        new ColumnDefinition("id", new DataType.PrimitiveType(TypeName.LONG, "bigint"), false, "Order id", null),
        new ColumnDefinition("region", STRING, true, null, null),
        new ColumnDefinition("email", STRING, true, null, new ColumnMask(name("main", "sec", "mask_email"),
            List.of(new ColumnRef(List.of("region")), new StringLiteral("EU")))),
        new ColumnDefinition("amount", new DataType.DecimalType(10, 2), true, null, null));
    assertThat(table.format()).isEqualTo("DELTA");
    assertThat(table.partitionColumns()).containsExactly("region");
    assertThat(table.location()).isEqualTo("s3://bucket/orders");
    assertThat(table.comment()).isEqualTo("Orders");
    assertThat(table.properties()).containsExactly(entry("delta.appendOnly", "true"), entry("quality", "3"));
    assertThat(table.rowFilter()).isEqualTo(new RowFilter(name("main", "sec", "by_region"),
        List.of(new ColumnRef(List.of("region")))));
  }

  @Test
  void createTableWithOnlyColumns() {
    assertParsesAs("CREATE TABLE t (a INT)", new CreateTable(name("t"), false,
        List.of(new ColumnDefinition("a", INT, true, null, null)), null, List.of(), null, null, Map.of(), null, null));
  }

  @Test
  void columnsMayBeNamedLikeKeywordsAndTypes() {
    CreateTable table = Sql.one("CREATE TABLE t (date DATE, string STRING, comment STRING COMMENT 'c', `end` INT)",
        CreateTable.class);
    assertThat(table.columns()).extracting(ColumnDefinition::name).containsExactly("date", "string", "comment", "end");
  }

  @Test
  void tablePropertiesKeepTheirOrderAndTakeBareKeysAndValues() {
    CreateTable table = Sql.one(
        "CREATE TABLE t (a INT) TBLPROPERTIES (delta.enableChangeDataFeed = true, 'z' = 1.5, 'a' = \"x\")",
        CreateTable.class);
    assertThat(table.properties())
        .containsExactly(entry("delta.enableChangeDataFeed", "true"), entry("z", "1.5"), entry("a", "x"));
  }

  @Test
  void createVolumeManagedAndExternal() {
    assertParsesAs("CREATE VOLUME IF NOT EXISTS main.raw.files COMMENT 'Raw files'",
        new CreateVolume(name("main", "raw", "files"), true, false, null, "Raw files", null));
    assertParsesAs("CREATE EXTERNAL VOLUME main.raw.landing LOCATION 's3://bucket/landing' COMMENT 'c'",
        new CreateVolume(name("main", "raw", "landing"), false, true, "s3://bucket/landing", "c", null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "DROP CATALOG main CASCADE | CATALOG | main | false | true",
      "DROP SCHEMA IF EXISTS main.sales RESTRICT | SCHEMA | main.sales | true | false",
      "DROP DATABASE sales | SCHEMA | sales | false | false",
      "DROP TABLE IF EXISTS main.sales.orders | TABLE | main.sales.orders | true | false",
      "DROP VIEW v | VIEW | v | false | false",
      "DROP VOLUME main.raw.files | VOLUME | main.raw.files | false | false",
      "DROP FUNCTION IF EXISTS main.sec.f | FUNCTION | main.sec.f | true | false",
      "DROP TABLE if | TABLE | if | false | false",
  })
  void dropEveryKind(String sql, SecurableKind kind, String name, boolean ifExists, boolean cascade) {
    Drop drop = Sql.one(sql, Drop.class);
    assertThat(drop.securable()).isEqualTo(kind);
    assertThat(drop.name().toString()).isEqualTo(name);
    assertThat(drop.ifExists()).isEqualTo(ifExists);
    assertThat(drop.cascade()).isEqualTo(cascade);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "ALTER CATALOG main RENAME TO prod | CATALOG | prod",
      "ALTER SCHEMA main.sales RENAME TO main.revenue | SCHEMA | main.revenue",
      "ALTER TABLE main.sales.orders RENAME TO main.sales.purchases | TABLE | main.sales.purchases",
      "ALTER VIEW v RENAME TO w | VIEW | w",
      "ALTER VOLUME main.raw.files RENAME TO main.raw.blobs | VOLUME | main.raw.blobs",
  })
  void rename(String sql, SecurableKind kind, String newName) {
    Rename rename = Sql.one(sql, Rename.class);
    assertThat(rename.securable()).isEqualTo(kind);
    assertThat(rename.newName().toString()).isEqualTo(newName);
  }

  @Test
  void setAndUnsetProperties() {
    assertParsesAs("ALTER TABLE t SET TBLPROPERTIES ('a' = 'b', 'c' = 'd')",
        new SetProperties(SecurableKind.TABLE, name("t"), Map.of("a", "b", "c", "d"), null));
    assertParsesAs("ALTER VIEW v SET TBLPROPERTIES ('a' = 'b')",
        new SetProperties(SecurableKind.VIEW, name("v"), Map.of("a", "b"), null));
    assertParsesAs("ALTER SCHEMA main.s SET DBPROPERTIES ('owner_team' = 'x')",
        new SetProperties(SecurableKind.SCHEMA, name("main", "s"), Map.of("owner_team", "x"), null));
    assertParsesAs("ALTER CATALOG main SET PROPERTIES ('k' = 'v')",
        new SetProperties(SecurableKind.CATALOG, name("main"), Map.of("k", "v"), null));
    assertParsesAs("ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a', delta.x)",
        new UnsetProperties(SecurableKind.TABLE, name("t"), List.of("a", "delta.x"), true, null));
    assertParsesAs("ALTER TABLE t UNSET TBLPROPERTIES ('a')",
        new UnsetProperties(SecurableKind.TABLE, name("t"), List.of("a"), false, null));
  }

  @Test
  void commentOnObjectsAndColumns() {
    assertParsesAs("COMMENT ON CATALOG main IS 'Main'",
        new CommentOn(SecurableKind.CATALOG, name("main"), null, "Main", null));
    assertParsesAs("COMMENT ON SCHEMA main.sales IS NULL",
        new CommentOn(SecurableKind.SCHEMA, name("main", "sales"), null, null, null));
    assertParsesAs("COMMENT ON DATABASE sales IS 'x'", new CommentOn(SecurableKind.SCHEMA, name("sales"), null, "x", null));
    assertParsesAs("COMMENT ON TABLE main.sales.orders IS 'Orders'",
        new CommentOn(SecurableKind.TABLE, name("main", "sales", "orders"), null, "Orders", null));
    assertParsesAs("COMMENT ON VOLUME main.raw.files IS ''",
        new CommentOn(SecurableKind.VOLUME, name("main", "raw", "files"), null, "", null));
    assertParsesAs("COMMENT ON COLUMN main.sales.orders.amount IS 'In EUR'",
        new CommentOn(SecurableKind.TABLE, name("main", "sales", "orders"), "amount", "In EUR", null));
    assertParsesAs("COMMENT ON COLUMN orders.amount IS 'In EUR'",
        new CommentOn(SecurableKind.TABLE, name("orders"), "amount", "In EUR", null));
  }

  @Test
  void showCatalogsSchemasTablesVolumesFunctions() {
    assertParsesAs("SHOW CATALOGS", new ShowObjects(SecurableKind.CATALOG, null, null, null));
    assertParsesAs("SHOW CATALOGS LIKE 'ma*'", new ShowObjects(SecurableKind.CATALOG, null, "ma*", null));
    assertParsesAs("SHOW SCHEMAS IN main LIKE 's*'", new ShowObjects(SecurableKind.SCHEMA, name("main"), "s*", null));
    assertParsesAs("SHOW DATABASES FROM main", new ShowObjects(SecurableKind.SCHEMA, name("main"), null, null));
    assertParsesAs("SHOW TABLES IN main.sales 'ord*'",
        new ShowObjects(SecurableKind.TABLE, name("main", "sales"), "ord*", null));
    assertParsesAs("SHOW TABLES", new ShowObjects(SecurableKind.TABLE, null, null, null));
    assertParsesAs("SHOW VIEWS FROM sales", new ShowObjects(SecurableKind.VIEW, name("sales"), null, null));
    assertParsesAs("SHOW VOLUMES IN main.raw", new ShowObjects(SecurableKind.VOLUME, name("main", "raw"), null, null));
    assertParsesAs("SHOW FUNCTIONS IN main.sec LIKE 'mask*'",
        new ShowObjects(SecurableKind.FUNCTION, name("main", "sec"), "mask*", null));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "DESCRIBE CATALOG main | CATALOG | main | false",
      "DESC CATALOG EXTENDED main | CATALOG | main | true",
      "DESCRIBE SCHEMA main.sales | SCHEMA | main.sales | false",
      "DESCRIBE DATABASE EXTENDED sales | SCHEMA | sales | true",
      "DESCRIBE TABLE main.sales.orders | TABLE | main.sales.orders | false",
      "DESCRIBE TABLE EXTENDED orders | TABLE | orders | true",
      "DESCRIBE EXTENDED orders | TABLE | orders | true",
      "DESC orders | TABLE | orders | false",
      "DESCRIBE catalog | TABLE | catalog | false",
      "DESCRIBE VOLUME main.raw.files | VOLUME | main.raw.files | false",
      "DESCRIBE FUNCTION main.sec.f | FUNCTION | main.sec.f | false",
      "DESCRIBE FUNCTION EXTENDED f | FUNCTION | f | true",
  })
  void describe(String sql, SecurableKind kind, String name, boolean extended) {
    Describe describe = Sql.one(sql, Describe.class);
    assertThat(describe.securable()).isEqualTo(kind);
    assertThat(describe.name().toString()).isEqualTo(name);
    assertThat(describe.extended()).isEqualTo(extended);
  }

  @Test
  void useCatalogOrSchema() {
    assertParsesAs("USE CATALOG main", new Use(SecurableKind.CATALOG, name("main"), null));
    assertParsesAs("USE SCHEMA main.sales", new Use(SecurableKind.SCHEMA, name("main", "sales"), null));
    assertParsesAs("USE DATABASE sales", new Use(SecurableKind.SCHEMA, name("sales"), null));
    assertParsesAs("USE sales", new Use(SecurableKind.SCHEMA, name("sales"), null));
    assertParsesAs("USE catalog", new Use(SecurableKind.SCHEMA, name("catalog"), null));
  }

  @Test
  void rowFilters() {
    assertParsesAs("ALTER TABLE main.sales.orders SET ROW FILTER main.sec.by_region ON (region, country)",
        new SetRowFilter(name("main", "sales", "orders"), new RowFilter(name("main", "sec", "by_region"),
            List.of(new ColumnRef(List.of("region")), new ColumnRef(List.of("country")))), null));
    assertParsesAs("ALTER TABLE t SET ROW FILTER f ON ()", new SetRowFilter(name("t"), new RowFilter(name("f"), List.of()),
        null));
    assertParsesAs("ALTER TABLE t DROP ROW FILTER", new DropRowFilter(name("t"), null));
  }

  @Test
  void columnMasks() {
    assertParsesAs("ALTER TABLE t ALTER COLUMN email SET MASK main.sec.mask_email",
        new SetColumnMask(name("t"), "email", new ColumnMask(name("main", "sec", "mask_email"), List.of()), null));
    assertParsesAs("ALTER TABLE t ALTER COLUMN ssn SET MASK m USING COLUMNS (region, 'EU', -1, 2.5, NULL)",
        new SetColumnMask(name("t"), "ssn", new ColumnMask(name("m"), List.of(new ColumnRef(List.of("region")),
            new StringLiteral("EU"), new NumericLiteral("-1"), new NumericLiteral("2.5"), new Expression.NullLiteral())),
            null));
    assertParsesAs("ALTER TABLE t ALTER email DROP MASK", new DropColumnMask(name("t"), "email", null));
    assertParsesAs("ALTER TABLE t ALTER COLUMN column DROP MASK", new DropColumnMask(name("t"), "column", null));
  }

  @Test
  void tagsOnObjectsAndColumns() {
    assertParsesAs("ALTER TABLE t SET TAGS ('pii' = 'email', 'gdpr')", new SetTags(SecurableKind.TABLE, name("t"), null,
        List.of(new Tag("pii", "email"), new Tag("gdpr", null)), null));
    assertParsesAs("ALTER CATALOG main UNSET TAGS ('pii', 'gdpr')",
        new UnsetTags(SecurableKind.CATALOG, name("main"), null, List.of("pii", "gdpr"), null));
    assertParsesAs("ALTER SCHEMA main.s SET TAGS ('tier' = 'gold')",
        new SetTags(SecurableKind.SCHEMA, name("main", "s"), null, List.of(new Tag("tier", "gold")), null));
    assertParsesAs("ALTER VOLUME main.raw.files SET TAGS ('x')",
        new SetTags(SecurableKind.VOLUME, name("main", "raw", "files"), null, List.of(new Tag("x", null)), null));
    assertParsesAs("ALTER VIEW v UNSET TAGS ('x')", new UnsetTags(SecurableKind.VIEW, name("v"), null, List.of("x"), null));
    assertParsesAs("ALTER TABLE t ALTER COLUMN email SET TAGS ('pii' = 'email')",
        new SetTags(SecurableKind.TABLE, name("t"), "email", List.of(new Tag("pii", "email")), null));
    assertParsesAs("ALTER TABLE t ALTER COLUMN email UNSET TAGS ('pii')",
        new UnsetTags(SecurableKind.TABLE, name("t"), "email", List.of("pii"), null));
  }
}
