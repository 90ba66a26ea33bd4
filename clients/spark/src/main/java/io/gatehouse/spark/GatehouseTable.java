package io.gatehouse.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A governed table as Gatehouse resolved it for the session's reader: the table that reads and
 * writes its files (Spark's own Parquet file table, or Delta Lake's table) over the table's
 * location with the per-table S3A options ({@link TableOptions}), and the reader's row filter and
 * column masks, which {@code GatehouseExtensions} applies in the plan. A plan that reads this table
 * without them is refused by the extension's check. A Delta table is read only inside the
 * extension's marker, where the extension puts Delta's own table in its place.
 */
public final class GatehouseTable implements SupportsRead, SupportsWrite {
  private final String catalogName;
  private final String fullName;
  private final String location;
  private final String format;
  private final Table files;
  private final Map<String, String> options;
  private final TablePolicy policy;
  /** The view this table was loaded beneath (read with its owner's right), or null. */
  private String throughView;

  GatehouseTable(String catalogName, String fullName, String location, String format, Table files,
      Map<String, String> options, TablePolicy policy) {
    this.catalogName = catalogName;
    this.format = format;
    this.fullName = fullName;
    this.location = location;
    this.files = files;
    this.options = options;
    this.policy = policy;
  }

  GatehouseTable throughView(String view) {
    this.throughView = view;
    return this;
  }

  /** The view ({@code catalog.schema.view}) the table was loaded beneath, or null when loaded by its name. */
  public String throughView() {
    return throughView;
  }

  /** The Spark catalog that loaded the table. */
  public String catalogName() {
    return catalogName;
  }

  /** {@code catalog.schema.table} in Gatehouse. */
  public String fullName() {
    return fullName;
  }

  public String location() {
    return location;
  }

  /** The per-table options ({@link TableOptions}) the table was loaded with. */
  Map<String, String> options() {
    return options;
  }

  public TablePolicy policy() {
    return policy;
  }

  /** Whether the table was loaded for writing: with READ_WRITE credentials. */
  public boolean writable() {
    return "READ_WRITE".equals(options.get(TableOptions.OPERATION));
  }

  /** Delta Lake's table when this is a Delta table, else null. */
  public Table delta() {
    return format.equals("delta") ? files : null;
  }

  @Override
  public String name() {
    return fullName;
  }

  @Override
  public Column[] columns() {
    return files.columns();
  }

  @SuppressWarnings("deprecation")
  @Override
  public StructType schema() {
    return files.schema();
  }

  @Override
  public Transform[] partitioning() {
    return files.partitioning();
  }

  @Override
  public Map<String, String> properties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("provider", format);
    properties.put("location", location);
    properties.putAll(lineageProperties(location));
    return properties;
  }

  /**
   * OpenLineage's Spark integration names a DataSourceV2 table's dataset by these two properties;
   * Gatehouse maps a storage namespace and path back to the table at that location (docs/lineage.md).
   */
  static Map<String, String> lineageProperties(String location) {
    java.net.URI uri = java.net.URI.create(location);
    return Map.of("openlineage.dataset.namespace", uri.getScheme() + "://" + uri.getAuthority(),
        "openlineage.dataset.name", uri.getPath().replaceFirst("^/", ""));
  }

  @Override
  public Set<TableCapability> capabilities() {
    if (!format.equals("parquet")) {
      return files.capabilities();
    }
    // INSERT OVERWRITE of the whole table: ParquetOverwrite.
    Set<TableCapability> capabilities = java.util.EnumSet.copyOf(files.capabilities());
    capabilities.add(TableCapability.TRUNCATE);
    return capabilities;
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    if (!(files instanceof SupportsRead read)) {
      throw new GatehouseAccessException("Refused: " + fullName + " is read through GatehouseExtensions only");
    }
    return read.newScanBuilder(withoutOverrides(options));
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    CaseInsensitiveStringMap options = withoutOverrides(info.options());
    WriteBuilder write = ((SupportsWrite) files).newWriteBuilder(new LogicalWriteInfo() {
      @Override
      public CaseInsensitiveStringMap options() {
        return options;
      }

      @Override
      public String queryId() {
        return info.queryId();
      }

      @Override
      public StructType schema() {
        return info.schema();
      }

      @Override
      public java.util.Optional<StructType> rowIdSchema() {
        return info.rowIdSchema();
      }

      @Override
      public java.util.Optional<StructType> metadataSchema() {
        return info.metadataSchema();
      }
    });
    return format.equals("parquet") ? new ParquetOverwrite(write, fileSystem(), new Path(location)) : write;
  }

  /**
   * A query's own options, without those that would override the table's storage settings
   * (Spark merges a query's options over the table's): the credentials, the scope and the reader
   * stay the ones Gatehouse resolved.
   */
  static CaseInsensitiveStringMap withoutOverrides(CaseInsensitiveStringMap options) {
    Map<String, String> kept = new HashMap<>();
    options.asCaseSensitiveMap().forEach((k, v) -> {
      String key = k.toLowerCase(java.util.Locale.ROOT);
      if (!key.startsWith("gatehouse.") && !key.startsWith("fs.") && !key.startsWith("spark.hadoop.")) {
        kept.put(k, v);
      }
    });
    return new CaseInsensitiveStringMap(kept);
  }

  /**
   * Makes the new table's location exist, so that Spark's file index finds
   * an empty table there rather than a missing path. Needs the table's READ_WRITE credentials.
   */
  void createLocation() {
    try {
      Path path = new Path(location);
      // A small object rather than a directory marker: radosgw refuses the SDK's empty signed PUT.
      // Spark's file index skips names starting with "_".
      try (FileSystem fs = fileSystem();
          var out = fs.create(new Path(path, "_gatehouse_table"), true)) {
        out.write((fullName + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + location, e);
    }
  }

  /** The table's filesystem, with the credentials it was loaded with. */
  private FileSystem fileSystem() {
    Configuration conf = SparkSession.active().sessionState().newHadoopConfWithOptions(
        scala.jdk.javaapi.CollectionConverters.asScala(options).toMap(scala.$less$colon$less$.MODULE$.refl()));
    try {
      return new Path(location).getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + location, e);
    }
  }

  @Override
  public String toString() {
    return "GatehouseTable(" + fullName + ")";
  }
}
