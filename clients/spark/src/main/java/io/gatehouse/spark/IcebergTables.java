package io.gatehouse.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Iceberg tables through Gatehouse's Iceberg REST catalog: Iceberg's own Spark catalog
 * ({@code org.apache.iceberg.spark.SparkCatalog}, from {@code iceberg-spark-runtime} on the class
 * path) pointed at {@code <uri>/api/2.1/unity-catalog/iceberg} with the catalog's token, acting
 * for its user ({@code X-Gatehouse-On-Behalf-Of}) and asking for vended credentials. Iceberg reads
 * and commits its own metadata and files with them; {@link GatehouseCatalog} still resolves every
 * load through ResolveTable first, and wraps Iceberg's table in a {@link GatehouseTable}, so the
 * reader's row filter and masks apply in the plan as for any other format. Made on first use, so
 * that the connector needs Iceberg on the class path only for Iceberg tables.
 */
final class IcebergTables {
  static final String SPARK_CATALOG = "org.apache.iceberg.spark.SparkCatalog";

  private final TableCatalog iceberg;

  private IcebergTables(TableCatalog iceberg) {
    this.iceberg = iceberg;
  }

  static IcebergTables of(String name, ConnectorConfig config) {
    TableCatalog catalog;
    try {
      catalog = (TableCatalog) Class.forName(SPARK_CATALOG).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new UnsupportedOperationException("Iceberg tables need org.apache.iceberg:iceberg-spark-runtime-4.0_2.13"
          + " on the class path (docs/spark.md)", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make Iceberg's Spark catalog", e);
    }
    Map<String, String> options = new HashMap<>();
    options.put("type", "rest");
    options.put("uri", config.uri().replaceAll("/+$", "") + "/api/2.1/unity-catalog/iceberg");
    options.put("warehouse", config.catalog());
    options.put("token", config.token());
    options.put("rest.auth.type", "oauth2");
    options.put("header.X-Iceberg-Access-Delegation", "vended-credentials");
    if (config.user() != null) {
      options.put("header.X-Gatehouse-On-Behalf-Of", config.user());
    }
    options.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    // Every load asks Gatehouse, as for the other formats: no table of another policy version lingers.
    options.put("cache-enabled", "false");
    catalog.initialize(name + "_iceberg", new CaseInsensitiveStringMap(options));
    return new IcebergTables(catalog);
  }

  /** Iceberg's table, at its current snapshot or the one {@code version} / {@code timestampMicros} names. */
  Table load(Identifier ident, String version, Long timestampMicros) throws NoSuchTableException {
    if (version != null) {
      return iceberg.loadTable(ident, version);
    }
    if (timestampMicros != null) {
      return iceberg.loadTable(ident, timestampMicros);
    }
    return iceberg.loadTable(ident);
  }

  TableCatalog catalog() {
    return iceberg;
  }
}
