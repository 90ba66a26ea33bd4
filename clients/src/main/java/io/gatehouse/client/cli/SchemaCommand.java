package io.gatehouse.client.cli;

import io.gatehouse.client.model.CreateSchema;
import io.gatehouse.client.model.SchemaInfo;
import io.gatehouse.client.model.UpdateSchema;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "schema", description = "Create, show, list, change and delete schemas (catalog.schema).")
final class SchemaCommand {
  static final List<Output.Column<SchemaInfo>> COLUMNS = List.of(
      Output.Column.of("FULL_NAME", SchemaInfo::fullName),
      Output.Column.of("OWNER", SchemaInfo::owner),
      Output.Column.of("COMMENT", SchemaInfo::comment),
      Output.Column.of("CREATED_AT", s -> Output.time(s.createdAt())));

  @ParentCommand RootCommand root;

  @Command(name = "create", description = "Create a schema.")
  void create(
      @Parameters(paramLabel = "CATALOG.SCHEMA") String fullName,
      @Option(names = "--comment") String comment,
      @Option(names = "--property", paramLabel = "KEY=VALUE") Map<String, String> properties,
      @Option(names = "--storage-root", paramLabel = "URL") String storageRoot) {
    String[] n = Names.schema(fullName);
    root.output().object(root.client().schemas().create(new CreateSchema(n[1], n[0], comment, properties, storageRoot)));
  }

  @Command(name = "get", description = "Show a schema.")
  void get(@Parameters(paramLabel = "CATALOG.SCHEMA") String fullName) {
    Names.schema(fullName);
    root.output().object(root.client().schemas().get(fullName));
  }

  @Command(name = "list", description = "List the schemas of a catalog that you may see.")
  void list(
      @Parameters(paramLabel = "CATALOG") String catalog,
      @Option(names = "--max-results", paramLabel = "N", description = "Page size (all pages are read).") int pageSize) {
    root.output().list(root.client().schemas().list(catalog, pageSize).toList(), COLUMNS);
  }

  @Command(name = "update", description = "Rename a schema or change its comment, properties or owner.")
  void update(
      @Parameters(paramLabel = "CATALOG.SCHEMA") String fullName,
      @Option(names = "--new-name") String newName,
      @Option(names = "--comment") String comment,
      @Option(names = "--property", paramLabel = "KEY=VALUE") Map<String, String> properties,
      @Option(names = "--owner") String owner) {
    Names.schema(fullName);
    Changes.require(newName, comment, properties, owner);
    root.output().object(root.client().schemas().update(fullName, new UpdateSchema(newName, comment, properties, owner)));
  }

  @Command(name = "delete", description = "Delete a schema (with --force, everything in it).")
  void delete(@Parameters(paramLabel = "CATALOG.SCHEMA") String fullName, @Option(names = "--force") boolean force) {
    Names.schema(fullName);
    root.client().schemas().delete(fullName, force);
    root.output().done("Deleted schema " + fullName + ".", null);
  }
}
