package io.gatehouse.spark;

import io.gatehouse.client.GatehouseClient;
import io.gatehouse.client.GatehouseException;
import io.gatehouse.client.GatehouseGrpcClient;
import io.gatehouse.client.NotFoundException;
import io.gatehouse.client.AlreadyExistsException;
import io.gatehouse.client.model.ColumnInfo;
import io.gatehouse.client.model.CreateTable;
import io.gatehouse.proto.v1.AuthorizedSecurable;
import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.SecurableType;
import io.gatehouse.proto.v1.TableMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NamespaceAlreadyExistsException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.NamespaceChange;
import org.apache.spark.sql.connector.catalog.StagedTable;
import org.apache.spark.sql.connector.catalog.StagingTableCatalog;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.catalog.TableWritePrivilege;
import org.apache.spark.sql.connector.expressions.IdentityTransform;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.v2.parquet.ParquetTable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Gatehouse catalog as a Spark catalog: its schemas are the namespaces, its tables resolved by
 * gRPC ResolveTable for the session's reader (the token's principal, or {@code user} when the token
 * is a trusted engine's), with the reader's row filter and masks and scoped credentials. Loading
 * for a write asks READ_WRITE credentials, which needs MODIFY. DDL goes through the REST API as the
 * same reader: an engine's token names the user ({@code X-Gatehouse-On-Behalf-Of}), so the user's
 * rights decide and the engine's never stand in for them; ALTER and RENAME run as Gatehouse SQL.
 *
 * <p>Follows WatchPolicyVersion: when the version moves, Spark's cached data is dropped, so no
 * cache answers under a policy that is no longer in force.
 */
public final class GatehouseCatalog implements StagingTableCatalog, SupportsNamespaces {
  /** The newest policy version any catalog of this JVM has seen. */
  static final AtomicLong POLICY_VERSION = new AtomicLong();

  private String name;
  private ConnectorConfig config;
  private GatehouseGrpcClient.PolicyWatch watch;
  private IcebergTables iceberg;

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    this.config = ConnectorConfig.of(name, options);
    watch = grpc().watchPolicyVersion(this::policyMoved, end -> { });
  }

  @Override
  public String name() {
    return name;
  }

  ConnectorConfig config() {
    return config;
  }

  private void policyMoved(long version) {
    long before = POLICY_VERSION.getAndAccumulate(version, Math::max);
    if (before != 0 && version > before) {
      scala.Option<SparkSession> active = SparkSession.getActiveSession();
      scala.Option<SparkSession> session = active.isDefined() ? active : SparkSession.getDefaultSession();
      if (session.isDefined()) {
        session.get().catalog().clearCache();
      }
    }
  }

  GatehouseGrpcClient grpc() {
    return Clients.grpc(config.grpcTarget(), config.token());
  }

  /** Iceberg's Spark catalog over Gatehouse's Iceberg REST endpoint, made on first use. */
  private synchronized IcebergTables iceberg() {
    if (iceberg == null) {
      iceberg = IcebergTables.of(name, config);
    }
    return iceberg;
  }

  GatehouseClient rest() {
    return Clients.rest(config.uri(), config.token(), config.user());
  }

  // --- namespaces ---------------------------------------------------------------------------

  @Override
  public String[][] listNamespaces() {
    List<String[]> names = new ArrayList<>();
    for (AuthorizedSecurable s : grpc().listAuthorized(SecurableType.SCHEMA, config.catalog(), null, 1000, config.user())) {
      names.add(new String[] {last(s.getFullName())});
    }
    return names.toArray(new String[0][]);
  }

  @Override
  public String[][] listNamespaces(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length == 0) {
      return listNamespaces();
    }
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return new String[0][];
  }

  @Override
  public boolean namespaceExists(String[] namespace) {
    if (namespace.length != 1) {
      return false;
    }
    for (String[] n : listNamespaces()) {
      if (n[0].equalsIgnoreCase(namespace[0])) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(String[] namespace) throws NoSuchNamespaceException {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException(namespace);
    }
    return Map.of();
  }

  @Override
  public void createNamespace(String[] namespace, Map<String, String> metadata) throws NamespaceAlreadyExistsException {
    requireSingle(namespace);
    try {
      rest().schemas().create(config.catalog(), namespace[0], metadata.get("comment"));
    } catch (AlreadyExistsException e) {
      throw new NamespaceAlreadyExistsException(namespace);
    }
  }

  @Override
  public void alterNamespace(String[] namespace, NamespaceChange... changes) throws NoSuchNamespaceException {
    requireSingle(namespace);
    String schema = quoted(config.catalog(), namespace[0]);
    List<String> statements = new ArrayList<>();
    for (NamespaceChange change : changes) {
      if (change instanceof NamespaceChange.SetProperty set && set.property().equals(SupportsNamespaces.PROP_COMMENT)) {
        statements.add("COMMENT ON SCHEMA " + schema + " IS " + literal(set.value()));
      } else if (change instanceof NamespaceChange.SetProperty set && !set.property().equals(SupportsNamespaces.PROP_OWNER)
          && !set.property().equals(SupportsNamespaces.PROP_LOCATION)) {
        statements.add("ALTER SCHEMA " + schema + " SET DBPROPERTIES (" + literal(set.property()) + " = "
            + literal(set.value()) + ")");
      } else {
        throw new UnsupportedOperationException("This ALTER NAMESPACE is not served through Spark: " + change);
      }
    }
    try {
      run(statements);
    } catch (NotFoundException e) {
      throw new NoSuchNamespaceException(namespace);
    }
  }

  /** Runs DDL as the catalog's reader, in one script: all of it or none of it. */
  private void run(List<String> statements) {
    if (!statements.isEmpty()) {
      rest().sql().execute(String.join(";\n", statements));
    }
  }

  /** A name of backquoted parts, as Gatehouse SQL reads it. */
  static String quoted(String... parts) {
    List<String> quoted = new ArrayList<>();
    for (String part : parts) {
      quoted.add("`" + part.replace("`", "``") + "`");
    }
    return String.join(".", quoted);
  }

  /** A string literal, as Gatehouse SQL reads it (doubled quotes, escaped backslashes). */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  @Override
  public boolean dropNamespace(String[] namespace, boolean cascade) throws NoSuchNamespaceException {
    requireSingle(namespace);
    try {
      rest().schemas().delete(config.catalog() + "." + namespace[0], cascade);
      return true;
    } catch (NotFoundException e) {
      throw new NoSuchNamespaceException(namespace);
    }
  }

  // --- tables -------------------------------------------------------------------------------

  @Override
  public Identifier[] listTables(String[] namespace) throws NoSuchNamespaceException {
    requireSingle(namespace);
    List<Identifier> tables = new ArrayList<>();
    try {
      for (AuthorizedSecurable s : grpc().listAuthorized(SecurableType.TABLE, config.catalog() + "." + namespace[0], null,
          1000, config.user())) {
        tables.add(Identifier.of(namespace, last(s.getFullName())));
      }
    } catch (NotFoundException e) {
      throw new NoSuchNamespaceException(namespace);
    }
    return tables.toArray(new Identifier[0]);
  }

  @Override
  public Table loadTable(Identifier ident) throws NoSuchTableException {
    return load(ident, CredentialOperation.READ);
  }

  @Override
  public Table loadTable(Identifier ident, Set<TableWritePrivilege> writePrivileges) throws NoSuchTableException {
    return load(ident, writePrivileges.isEmpty() ? CredentialOperation.READ : CredentialOperation.READ_WRITE);
  }

  /** A Delta table at one of its versions ({@code VERSION AS OF}); governed as at its latest. */
  @Override
  public Table loadTable(Identifier ident, String version) throws NoSuchTableException {
    return load(ident, CredentialOperation.READ, version, null);
  }

  /** A Delta table as it was at {@code timestamp} (microseconds; {@code TIMESTAMP AS OF}). */
  @Override
  public Table loadTable(Identifier ident, long timestamp) throws NoSuchTableException {
    return load(ident, CredentialOperation.READ, null, timestamp);
  }

  @Override
  public void invalidateTable(Identifier ident) {
    // Nothing is cached here: every load asks Gatehouse.
  }

  private GatehouseTable load(Identifier ident, CredentialOperation operation) throws NoSuchTableException {
    return load(ident, operation, null, null);
  }

  private GatehouseTable load(Identifier ident, CredentialOperation operation, String version, Long timestamp)
      throws NoSuchTableException {
    if (ident.namespace().length != 1) {
      throw new NoSuchTableException(ident);
    }
    ResolveTableRequest.Builder request = ResolveTableRequest.newBuilder()
        .setFullName(fullName(ident)).setCredentials(operation);
    if (config.user() != null) {
      request.setOnBehalfOf(config.user());
    }
    // Beneath a view being expanded (GatehouseViews): read with the view owner's right.
    String throughView = GatehouseViews.throughView(this);
    if (throughView != null) {
      request.setThroughView(throughView);
    }
    ResolveTableResponse resolved;
    try {
      resolved = grpc().resolveTable(request.build());
    } catch (NotFoundException e) {
      throw new NoSuchTableException(ident);
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused " + fullName(ident) + ": " + e.getMessage(), e);
    }
    POLICY_VERSION.getAndAccumulate(resolved.getPolicyVersion(), Math::max);
    GovernedLocations.add(resolved.getTable().getStorageLocation());
    TableMetadata table = resolved.getTable();
    if (GatehouseViews.isView(table)) {
      throw new NoSuchTableException(ident); // a view: GatehouseViews expands it
    }
    String format = table.getDataSourceFormat().toUpperCase(Locale.ROOT);
    if (!format.equals("PARQUET") && !format.equals("DELTA") && !format.equals("ICEBERG")) {
      throw new UnsupportedOperationException("Table " + table.getFullName() + " is " + (format.isEmpty()
          ? table.getTableType() : format) + "; this connector reads PARQUET, DELTA and ICEBERG tables.");
    }
    if ((version != null || timestamp != null) && format.equals("PARQUET")) {
      throw new UnsupportedOperationException("Time travel is served for DELTA and ICEBERG tables, and "
          + table.getFullName() + " is " + format);
    }
    if (!resolved.hasCredentials()) {
      throw new GatehouseAccessException("Gatehouse vended no credentials for " + table.getFullName());
    }
    SparkSession spark = SparkSession.active();
    Map<String, String> options = TableOptions.of(config, resolved, operation, throughView);
    org.apache.spark.sql.connector.catalog.Table files;
    if (format.equals("DELTA")) {
      requireDelta(table.getFullName());
      files = DeltaTables.table(spark, table.getFullName(), table.getStorageLocation(), options,
          GatehouseTable.lineageProperties(table.getStorageLocation()), version, timestamp);
    } else if (format.equals("ICEBERG")) {
      // Iceberg reads and commits with the credentials its own load through the Iceberg REST
      // catalog vends; the load above decided who may, and gave the policy the plan applies.
      files = iceberg().load(Identifier.of(ident.namespace(), ident.name()), version, timestamp);
    } else {
      files = new ParquetTable(table.getFullName(), spark, new CaseInsensitiveStringMap(options),
          CollectionConverters.asScala(List.of(table.getStorageLocation())).toSeq(), Option.apply(schema(table)),
          ParquetFileFormat.class);
    }
    return new GatehouseTable(name, table.getFullName(), table.getStorageLocation(), format.toLowerCase(Locale.ROOT),
        files, options, TablePolicy.of(resolved)).throughView(throughView);
  }

  private static void requireDelta(String fullName) {
    try {
      Class.forName("org.apache.spark.sql.delta.catalog.DeltaTableV2", false, GatehouseCatalog.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new UnsupportedOperationException(fullName + " is a DELTA table: put Delta Lake (io.delta:delta-spark_2.13)"
          + " on the class path (docs/spark.md)", e);
    }
  }

  /**
   * For a plan analyzed at an older policy version: fails unless Gatehouse still lets the reader
   * read {@code fullName} under the policy the plan applied (its fingerprint).
   */
  void recheck(String fullName, String fingerprint, String throughView) {
    ResolveTableRequest.Builder request = ResolveTableRequest.newBuilder().setFullName(fullName);
    if (config.user() != null) {
      request.setOnBehalfOf(config.user());
    }
    if (throughView != null && !throughView.isEmpty()) {
      request.setThroughView(throughView);
    }
    ResolveTableResponse resolved;
    try {
      resolved = grpc().resolveTable(request.build());
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused " + fullName + ": " + e.getMessage(), e);
    }
    if (!TablePolicy.of(resolved).fingerprint().equals(fingerprint)) {
      throw new GatehouseAccessException("The row filter or column masks of " + fullName
          + " changed since this plan was analyzed; define the view or DataFrame again.");
    }
  }

  private static StructType schema(TableMetadata table) {
    List<StructField> fields = new ArrayList<>();
    table.getColumnsList().stream()
        .sorted(java.util.Comparator.comparingInt(io.gatehouse.proto.v1.Column::getPosition))
        .forEach(c -> fields.add(new StructField(c.getName(), DataType.fromDDL(c.getTypeText()), c.getNullable(),
            org.apache.spark.sql.types.Metadata.empty())));
    return new StructType(fields.toArray(new StructField[0]));
  }

  @Override
  public Table createTable(Identifier ident, Column[] columns, Transform[] partitions, Map<String, String> properties)
      throws TableAlreadyExistsException, NoSuchNamespaceException {
    requireSingle(ident.namespace());
    String provider = properties.getOrDefault(TableCatalog.PROP_PROVIDER, "parquet").toLowerCase(Locale.ROOT);
    String location = properties.get(TableCatalog.PROP_LOCATION);
    if (provider.equals("iceberg")) {
      return createIcebergTable(ident, columns, partitions, properties);
    }
    if (!provider.equals("parquet") && !provider.equals("delta")) {
      throw new UnsupportedOperationException("USING " + provider + " is not served; create PARQUET, DELTA or"
          + " ICEBERG tables");
    }
    if (location == null && !provider.equals("delta")) {
      throw new UnsupportedOperationException("Gatehouse manages Delta tables only: give a PARQUET table a LOCATION");
    }
    if (provider.equals("delta")) {
      requireDelta(fullName(ident));
      if (columns.length == 0) {
        throw new UnsupportedOperationException("Give " + fullName(ident) + " its columns: Gatehouse keeps a table's"
            + " columns, and cannot read them from the Delta log before the table exists");
      }
    }
    List<String> partitionColumns = new ArrayList<>();
    for (Transform t : partitions) {
      if (!(t instanceof IdentityTransform identity)) {
        throw new UnsupportedOperationException("Only identity partitions are served, not " + t.describe());
      }
      partitionColumns.add(identity.ref().fieldNames()[0]);
    }
    List<ColumnInfo> infos = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      Column c = columns[i];
      int partition = partitionColumns.indexOf(c.name());
      infos.add(new ColumnInfo(c.name(), c.dataType().catalogString(), null, typeName(c.dataType()), null, null, null, i,
          c.comment(), c.nullable(), partition < 0 ? null : partition, null, null));
    }
    Map<String, String> tableProperties = new HashMap<>(properties);
    tableProperties.keySet().removeIf(k -> k.equals(TableCatalog.PROP_LOCATION) || k.equals(TableCatalog.PROP_PROVIDER)
        || k.equals(TableCatalog.PROP_COMMENT) || k.equals(TableCatalog.PROP_OWNER) || k.equals(TableCatalog.PROP_EXTERNAL)
        || k.startsWith(TableCatalog.OPTION_PREFIX));
    try {
      // A Delta table without LOCATION is MANAGED: Gatehouse assigns its location under the schema's
      // (or catalog's) managed storage.
      rest().tables().create(new CreateTable(ident.name(), config.catalog(), ident.namespace()[0],
          location == null ? "MANAGED" : "EXTERNAL", provider.toUpperCase(Locale.ROOT), infos, location, properties.get(TableCatalog.PROP_COMMENT), tableProperties, null));
    } catch (AlreadyExistsException e) {
      throw new TableAlreadyExistsException(ident);
    } catch (NotFoundException e) {
      throw new NoSuchNamespaceException(ident.namespace());
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused to create " + fullName(ident) + ": " + e.getMessage(), e);
    }
    GatehouseTable created;
    try {
      created = load(ident, CredentialOperation.READ_WRITE);
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(fullName(ident) + " vanished after its creation", e);
    }
    try {
      if (provider.equals("delta")) {
        createDeltaLog(created, columns, partitionColumns, tableProperties);
      } else {
        created.createLocation();
      }
    } catch (RuntimeException e) {
      dropTable(ident);
      throw e;
    }
    return created;
  }

  // --- staged creation and replacement (ReplaceTables) ----------------------------------------

  /** CTAS: the table is created at once, as by {@link #createTable}; an abort drops it. */
  @Override
  public StagedTable stageCreate(Identifier ident, Column[] columns, Transform[] partitions,
      Map<String, String> properties) throws TableAlreadyExistsException, NoSuchNamespaceException {
    Table created = createTable(ident, columns, partitions, properties);
    if (!(created instanceof GatehouseTable table)) {
      throw new IllegalStateException(fullName(ident) + " was created as " + created.getClass().getName());
    }
    return new ReplaceTables.Created(this, ident, table);
  }

  /** REPLACE TABLE of a Delta table: its identity in Gatehouse kept, Delta's replace commit ({@link ReplaceTables}). */
  @Override
  public StagedTable stageReplace(Identifier ident, Column[] columns, Transform[] partitions,
      Map<String, String> properties) throws NoSuchNamespaceException, NoSuchTableException {
    requireSingle(ident.namespace());
    return ReplaceTables.stage(this, ident, load(ident, CredentialOperation.READ_WRITE), columns, partitions,
        properties, false);
  }

  /** CREATE OR REPLACE TABLE: a replace of a table that exists, else a creation. */
  @Override
  public StagedTable stageCreateOrReplace(Identifier ident, Column[] columns, Transform[] partitions,
      Map<String, String> properties) throws NoSuchNamespaceException {
    requireSingle(ident.namespace());
    GatehouseTable existing;
    try {
      existing = load(ident, CredentialOperation.READ_WRITE);
    } catch (NoSuchTableException e) {
      try {
        return stageCreate(ident, columns, partitions, properties);
      } catch (TableAlreadyExistsException raced) {
        throw new IllegalStateException(fullName(ident) + " was created meanwhile; run the statement again", raced);
      }
    }
    return ReplaceTables.stage(this, ident, existing, columns, partitions, properties, true);
  }

  /**
   * An Iceberg table, created by Iceberg's catalog through Gatehouse's Iceberg REST endpoint as
   * the reader (CREATE TABLE on the schema; at a LOCATION also CREATE EXTERNAL TABLE on its
   * external location), then loaded as every table is.
   */
  private Table createIcebergTable(Identifier ident, Column[] columns, Transform[] partitions,
      Map<String, String> properties) throws TableAlreadyExistsException, NoSuchNamespaceException {
    Map<String, String> icebergProperties = new HashMap<>(properties);
    icebergProperties.remove(TableCatalog.PROP_PROVIDER);
    try {
      iceberg().catalog().createTable(ident, columns, partitions, icebergProperties);
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused to create " + fullName(ident) + ": " + e.getMessage(), e);
    }
    try {
      return load(ident, CredentialOperation.READ_WRITE);
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(fullName(ident) + " vanished after its creation", e);
    }
  }

  /**
   * Version 0 of a new Delta table's log, with the table's columns and its Delta properties (the
   * {@code delta.*} keys of TBLPROPERTIES, such as {@code delta.appendOnly}, which Delta keeps in
   * the log's metadata and obeys); an external location that holds a Delta table already keeps
   * its log (its schema and properties are Delta's, not the ones given here).
   */
  private void createDeltaLog(GatehouseTable created, Column[] columns, List<String> partitionColumns,
      Map<String, String> tableProperties) {
    SparkSession spark = SparkSession.active();
    if (DeltaTables.exists(spark, created.fullName(), created.location(), created.options())) {
      return;
    }
    Map<String, String> options = new HashMap<>(created.options());
    tableProperties.forEach((key, value) -> {
      if (key.startsWith("delta.")) {
        options.put(key, value);
      }
    });
    List<StructField> fields = new ArrayList<>();
    for (Column c : columns) {
      fields.add(new StructField(c.name(), c.dataType(), c.nullable(), org.apache.spark.sql.types.Metadata.empty()));
    }
    DeltaTables.create(spark, created.location(), new StructType(fields.toArray(new StructField[0])), partitionColumns,
        options);
  }

  /** Unity Catalog's type names for Spark's types. */
  static String typeName(DataType type) {
    String simple = type.typeName().toUpperCase(Locale.ROOT);
    return switch (simple) {
      case "INTEGER" -> "INT";
      case "BYTE" -> "BYTE";
      default -> simple.replaceAll("\\(.*", "");
    };
  }

  /**
   * ALTER TABLE as the reader, in Gatehouse SQL: table properties (the comment and owner among
   * them), column comments, and top-level columns added, renamed and dropped ({@link ColumnChanges}).
   */
  @Override
  public Table alterTable(Identifier ident, TableChange... changes) throws NoSuchTableException {
    requireSingle(ident.namespace());
    String table = quoted(config.catalog(), ident.namespace()[0], ident.name());
    List<String> statements = new ArrayList<>();
    Map<String, String> deltaSet = new HashMap<>();
    List<String> deltaUnset = new ArrayList<>();
    ColumnChanges columns = new ColumnChanges(table);
    for (TableChange change : changes) {
      if (change instanceof TableChange.SetProperty set && set.property().startsWith("delta.")) {
        deltaSet.put(set.property(), set.value());
      } else if (change instanceof TableChange.RemoveProperty remove && remove.property().startsWith("delta.")) {
        deltaUnset.add(remove.property());
      }
      if (change instanceof TableChange.SetProperty set) {
        statements.add(switch (set.property()) {
          case TableCatalog.PROP_COMMENT -> "COMMENT ON TABLE " + table + " IS " + literal(set.value());
          case TableCatalog.PROP_OWNER -> "ALTER TABLE " + table + " OWNER TO " + literal(set.value());
          case TableCatalog.PROP_LOCATION, TableCatalog.PROP_PROVIDER, TableCatalog.PROP_EXTERNAL ->
              throw new UnsupportedOperationException("A table's " + set.property() + " cannot be changed");
          default -> "ALTER TABLE " + table + " SET TBLPROPERTIES (" + literal(set.property()) + " = "
              + literal(set.value()) + ")";
        });
      } else if (change instanceof TableChange.RemoveProperty remove) {
        statements.add("ALTER TABLE " + table + " UNSET TBLPROPERTIES IF EXISTS (" + literal(remove.property()) + ")");
      } else if (change instanceof TableChange.UpdateColumnComment comment && comment.fieldNames().length == 1) {
        statements.add("COMMENT ON COLUMN " + table + "." + quoted(comment.fieldNames()[0]) + " IS "
            + literal(comment.newComment()));
      } else if (!columns.take(change)) {
        throw new UnsupportedOperationException("This ALTER TABLE is not served through Spark: "
            + change.getClass().getSimpleName());
      }
    }
    if (!columns.isEmpty()) {
      if (!statements.isEmpty() || !deltaSet.isEmpty() || !deltaUnset.isEmpty()) {
        throw new UnsupportedOperationException("Change a table's columns in an ALTER TABLE of its own");
      }
      columns.apply(this, ident);
      return loadTable(ident);
    }
    if (!deltaSet.isEmpty()) {
      DeltaTables.validate(deltaSet); // a bad value is refused before Gatehouse stores it
    }
    runAs(ident, statements);
    if (!deltaSet.isEmpty() || !deltaUnset.isEmpty()) {
      changeDeltaProperties(ident, deltaSet, deltaUnset);
    }
    return loadTable(ident);
  }

  /** {@link #load} for {@link ColumnChanges}: the table with read-write credentials. */
  GatehouseTable loadForWriting(Identifier ident) throws NoSuchTableException {
    return load(ident, CredentialOperation.READ_WRITE);
  }

  /** {@link #run} for an ALTER of table {@code ident}, with Gatehouse's refusals as Spark's. */
  void runAs(Identifier ident, List<String> statements) throws NoSuchTableException {
    try {
      run(statements);
    } catch (NotFoundException e) {
      throw new NoSuchTableException(ident);
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused to alter " + fullName(ident) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Delta's own properties of a Delta table, changed in its log too, once Gatehouse has allowed
   * and stored the change (so nobody changes the log that Gatehouse would refuse); with the
   * table's read-write credentials. Other tables keep {@code delta.*} keys in Gatehouse only.
   */
  private void changeDeltaProperties(Identifier ident, Map<String, String> set, List<String> unset)
      throws NoSuchTableException {
    GatehouseTable table = load(ident, CredentialOperation.READ_WRITE);
    if (table.delta() != null) {
      DeltaTables.changeProperties(SparkSession.active(), table.fullName(), table.location(), table.options(), set, unset);
    }
  }

  @Override
  public boolean dropTable(Identifier ident) {
    try {
      rest().tables().delete(fullName(ident));
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** RENAME as the reader, within its schema (Gatehouse does not move tables between schemas). */
  @Override
  public void renameTable(Identifier from, Identifier to) throws NoSuchTableException, TableAlreadyExistsException {
    requireSingle(from.namespace());
    requireSingle(to.namespace());
    if (!from.namespace()[0].equalsIgnoreCase(to.namespace()[0])) {
      throw new UnsupportedOperationException("Gatehouse renames a table within its schema, not into another");
    }
    try {
      run(List.of("ALTER TABLE " + quoted(config.catalog(), from.namespace()[0], from.name()) + " RENAME TO "
          + quoted(config.catalog(), to.namespace()[0], to.name())));
    } catch (NotFoundException e) {
      throw new NoSuchTableException(from);
    } catch (AlreadyExistsException e) {
      throw new TableAlreadyExistsException(to);
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused to rename " + fullName(from) + ": " + e.getMessage(), e);
    }
  }

  String fullName(Identifier ident) {
    return config.catalog() + "." + String.join(".", ident.namespace()) + "." + ident.name();
  }

  private static void requireSingle(String[] namespace) {
    if (namespace.length != 1) {
      throw new IllegalArgumentException("Gatehouse namespaces are schemas: one name, not " + String.join(".", namespace));
    }
  }

  private static String last(String fullName) {
    return fullName.substring(fullName.lastIndexOf('.') + 1);
  }
}
