package io.gatehouse.client.cli;

import io.gatehouse.client.model.CreateModelVersion;
import io.gatehouse.client.model.CreateRegisteredModel;
import io.gatehouse.client.model.ModelVersionInfo;
import io.gatehouse.client.model.RegisteredModelInfo;
import io.gatehouse.client.model.UpdateRegisteredModel;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "model",
    description = "Register, show, list, change and delete models (catalog.schema.model) and their versions.")
final class ModelCommand {
  static final List<Output.Column<RegisteredModelInfo>> COLUMNS = List.of(
      Output.Column.of("FULL_NAME", RegisteredModelInfo::fullName),
      Output.Column.of("OWNER", RegisteredModelInfo::owner),
      Output.Column.of("STORAGE_LOCATION", RegisteredModelInfo::storageLocation));
  static final List<Output.Column<ModelVersionInfo>> VERSION_COLUMNS = List.of(
      Output.Column.of("VERSION", v -> String.valueOf(v.version())),
      Output.Column.of("STATUS", ModelVersionInfo::status),
      Output.Column.of("SOURCE", ModelVersionInfo::source),
      Output.Column.of("STORAGE_LOCATION", ModelVersionInfo::storageLocation));

  @ParentCommand RootCommand root;

  @Command(name = "create", description = "Register a model; the catalog assigns its storage location.")
  void create(
      @Parameters(paramLabel = "CATALOG.SCHEMA.MODEL") String fullName,
      @Option(names = "--comment") String comment) {
    String[] n = Names.object(fullName);
    root.output().object(root.client().models().create(new CreateRegisteredModel(n[0], n[1], n[2], comment)));
  }

  @Command(name = "get", description = "Show a model.")
  void get(@Parameters(paramLabel = "CATALOG.SCHEMA.MODEL") String fullName) {
    Names.object(fullName);
    root.output().object(root.client().models().get(fullName));
  }

  @Command(name = "list", description = "List the models you may see: of a schema (CATALOG.SCHEMA) or a catalog (CATALOG).")
  void list(
      @Parameters(paramLabel = "CATALOG[.SCHEMA]") String container,
      @Option(names = "--max-results", paramLabel = "N", description = "Page size (all pages are read).") int pageSize) {
    String catalog;
    String schema;
    if (container.contains(".")) {
      String[] n = Names.schema(container);
      catalog = n[0];
      schema = n[1];
    } else {
      catalog = container;
      schema = null;
    }
    root.output().list(root.client().models().list(catalog, schema, pageSize).toList(), COLUMNS);
  }

  @Command(name = "update", description = "Rename a model or change its comment or owner.")
  void update(
      @Parameters(paramLabel = "CATALOG.SCHEMA.MODEL") String fullName,
      @Option(names = "--new-name") String newName,
      @Option(names = "--comment") String comment,
      @Option(names = "--owner") String owner) {
    Names.object(fullName);
    Changes.require(newName, comment, owner);
    root.output().object(root.client().models().update(fullName, new UpdateRegisteredModel(newName, comment, owner)));
  }

  @Command(name = "delete", description = "Delete a model; one with versions only with --force, which deletes them too.")
  void delete(
      @Parameters(paramLabel = "CATALOG.SCHEMA.MODEL") String fullName,
      @Option(names = "--force") boolean force) {
    Names.object(fullName);
    root.client().models().delete(fullName, force);
    root.output().done("Deleted model " + fullName + ".", null);
  }

  @Command(name = "create-version", description = "Create a version (PENDING_REGISTRATION) of a model.")
  void createVersion(
      @Parameters(paramLabel = "CATALOG.SCHEMA.MODEL") String fullName,
      @Option(names = "--source", required = true, paramLabel = "URL", description = "Where the run wrote the model.")
          String source,
      @Option(names = "--run-id") String runId,
      @Option(names = "--comment") String comment) {
    String[] n = Names.object(fullName);
    root.output().object(root.client().models().createVersion(
        new CreateModelVersion(n[0], n[1], n[2], source, runId, comment)));
  }

  @Command(name = "versions", description = "List a model's versions (needs EXECUTE).")
  void versions(
      @Parameters(paramLabel = "CATALOG.SCHEMA.MODEL") String fullName,
      @Option(names = "--max-results", paramLabel = "N", description = "Page size (all pages are read).") int pageSize) {
    Names.object(fullName);
    root.output().list(root.client().models().listVersions(fullName, pageSize).toList(), VERSION_COLUMNS);
  }

  @Command(name = "get-version", description = "Show a model version (needs EXECUTE).")
  void getVersion(
      @Parameters(index = "0", paramLabel = "CATALOG.SCHEMA.MODEL") String fullName,
      @Parameters(index = "1", paramLabel = "VERSION") long version) {
    Names.object(fullName);
    root.output().object(root.client().models().getVersion(fullName, version));
  }

  @Command(name = "finalize", description = "Mark a pending version READY, or FAILED_REGISTRATION with --failed.")
  void finalizeVersion(
      @Parameters(index = "0", paramLabel = "CATALOG.SCHEMA.MODEL") String fullName,
      @Parameters(index = "1", paramLabel = "VERSION") long version,
      @Option(names = "--failed") boolean failed) {
    Names.object(fullName);
    root.output().object(root.client().models().finalizeVersion(fullName, version, failed));
  }

  @Command(name = "delete-version", description = "Delete a model version.")
  void deleteVersion(
      @Parameters(index = "0", paramLabel = "CATALOG.SCHEMA.MODEL") String fullName,
      @Parameters(index = "1", paramLabel = "VERSION") long version) {
    Names.object(fullName);
    root.client().models().deleteVersion(fullName, version);
    root.output().done("Deleted version " + version + " of model " + fullName + ".", null);
  }
}
