package io.gatehouse.client.cli;

import io.gatehouse.client.model.ColumnInfo;
import io.gatehouse.client.model.CreateTable;
import io.gatehouse.client.model.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "table", description = "Create, show, list, change and delete tables and views (catalog.schema.table).")
final class TableCommand {
  static final List<Output.Column<TableInfo>> COLUMNS = List.of(
      Output.Column.of("FULL_NAME", TableInfo::fullName),
      Output.Column.of("TABLE_TYPE", TableInfo::tableType),
      Output.Column.of("FORMAT", TableInfo::dataSourceFormat),
      Output.Column.of("OWNER", TableInfo::owner),
      Output.Column.of("STORAGE_LOCATION", TableInfo::storageLocation));

  @ParentCommand RootCommand root;

  @Command(name = "create", description = {
      "Create a table: EXTERNAL with --location, a VIEW with --view-definition, else MANAGED.",
      "Columns are NAME:TYPE with SQL types, e.g. --column id:bigint --column amount:decimal(10,2)."})
  void create(
      @Parameters(paramLabel = "CATALOG.SCHEMA.TABLE") String fullName,
      @Option(names = "--column", paramLabel = "NAME:TYPE") List<String> columns,
      @Option(names = "--location", paramLabel = "URL") String location,
      @Option(names = "--format", paramLabel = "FORMAT", description = "DELTA (default), PARQUET, CSV, JSON, AVRO, ORC, TEXT.") String format,
      @Option(names = "--type", paramLabel = "TYPE", description = "MANAGED, EXTERNAL or VIEW (default: from the other options).") String type,
      @Option(names = "--view-definition", paramLabel = "SQL") String viewDefinition,
      @Option(names = "--comment") String comment,
      @Option(names = "--property", paramLabel = "KEY=VALUE") Map<String, String> properties) {
    String[] n = Names.object(fullName);
    List<ColumnInfo> cols = new ArrayList<>();
    if (columns != null) {
      for (String c : columns) {
        cols.add(TypeSpec.column(c, cols.size()));
      }
    }
    String tableType = type != null ? type.toUpperCase(Locale.ROOT)
        : viewDefinition != null ? "VIEW" : location != null ? "EXTERNAL" : "MANAGED";
    String dataFormat = tableType.equals("VIEW") ? format : format != null ? format.toUpperCase(Locale.ROOT) : "DELTA";
    root.output().object(root.client().tables().create(new CreateTable(
        n[2], n[0], n[1], tableType, dataFormat, cols, location, comment, properties, viewDefinition)));
  }

  @Command(name = "get", description = "Show a table.")
  void get(@Parameters(paramLabel = "CATALOG.SCHEMA.TABLE") String fullName) {
    Names.object(fullName);
    root.output().object(root.client().tables().get(fullName));
  }

  @Command(name = "list", description = "List the tables of a schema that you may see.")
  void list(
      @Parameters(paramLabel = "CATALOG.SCHEMA") String schema,
      @Option(names = "--max-results", paramLabel = "N", description = "Page size (all pages are read).") int pageSize) {
    String[] n = Names.schema(schema);
    root.output().list(root.client().tables().list(n[0], n[1], pageSize).toList(), COLUMNS);
  }

  @Command(name = "update", description = "Transfer a table's ownership (other changes are SQL: ALTER TABLE).")
  void update(
      @Parameters(paramLabel = "CATALOG.SCHEMA.TABLE") String fullName,
      @Option(names = "--owner", required = true) String owner) {
    Names.object(fullName);
    root.output().object(root.client().tables().updateOwner(fullName, owner));
  }

  @Command(name = "delete", description = "Delete a table.")
  void delete(@Parameters(paramLabel = "CATALOG.SCHEMA.TABLE") String fullName) {
    Names.object(fullName);
    root.client().tables().delete(fullName);
    root.output().done("Deleted table " + fullName + ".", null);
  }
}
