package io.gatehouse.client.cli;

import io.gatehouse.client.model.CatalogInfo;
import io.gatehouse.client.model.CreateCatalog;
import io.gatehouse.client.model.UpdateCatalog;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "catalog", description = "Create, show, list, change and delete catalogs.")
final class CatalogCommand {
  static final List<Output.Column<CatalogInfo>> COLUMNS = List.of(
      Output.Column.of("NAME", CatalogInfo::name),
      Output.Column.of("OWNER", CatalogInfo::owner),
      Output.Column.of("COMMENT", CatalogInfo::comment),
      Output.Column.of("CREATED_AT", c -> Output.time(c.createdAt())));

  @ParentCommand RootCommand root;

  @Command(name = "create", description = "Create a catalog.")
  void create(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--comment") String comment,
      @Option(names = "--property", paramLabel = "KEY=VALUE") Map<String, String> properties,
      @Option(names = "--storage-root", paramLabel = "URL") String storageRoot) {
    root.output().object(root.client().catalogs().create(new CreateCatalog(name, comment, properties, storageRoot)));
  }

  @Command(name = "get", description = "Show a catalog.")
  void get(@Parameters(paramLabel = "NAME") String name) {
    root.output().object(root.client().catalogs().get(name));
  }

  @Command(name = "list", description = "List the catalogs you may see.")
  void list(@Option(names = "--max-results", paramLabel = "N", description = "Page size (all pages are read).") int pageSize) {
    root.output().list(root.client().catalogs().list(pageSize).toList(), COLUMNS);
  }

  @Command(name = "update", description = "Rename a catalog or change its comment, properties or owner.")
  void update(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--new-name") String newName,
      @Option(names = "--comment") String comment,
      @Option(names = "--property", paramLabel = "KEY=VALUE") Map<String, String> properties,
      @Option(names = "--owner") String owner) {
    Changes.require(newName, comment, properties, owner);
    root.output().object(root.client().catalogs().update(name, new UpdateCatalog(newName, comment, properties, owner)));
  }

  @Command(name = "delete", description = "Delete a catalog (with --force, everything in it).")
  void delete(@Parameters(paramLabel = "NAME") String name, @Option(names = "--force") boolean force) {
    root.client().catalogs().delete(name, force);
    root.output().done("Deleted catalog " + name + ".", null);
  }
}
