package io.gatehouse.client.cli;

import io.gatehouse.client.model.CreateVolume;
import io.gatehouse.client.model.UpdateVolume;
import io.gatehouse.client.model.VolumeInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "volume", description = "Create, show, list, change and delete volumes (catalog.schema.volume).")
final class VolumeCommand {
  static final List<Output.Column<VolumeInfo>> COLUMNS = List.of(
      Output.Column.of("FULL_NAME", VolumeInfo::fullName),
      Output.Column.of("VOLUME_TYPE", VolumeInfo::volumeType),
      Output.Column.of("OWNER", VolumeInfo::owner),
      Output.Column.of("STORAGE_LOCATION", VolumeInfo::storageLocation));

  @ParentCommand RootCommand root;

  @Command(name = "create", description = "Create a volume: EXTERNAL with --location, else MANAGED.")
  void create(
      @Parameters(paramLabel = "CATALOG.SCHEMA.VOLUME") String fullName,
      @Option(names = "--location", paramLabel = "URL") String location,
      @Option(names = "--comment") String comment) {
    String[] n = Names.object(fullName);
    root.output().object(root.client().volumes().create(
        new CreateVolume(n[0], n[1], n[2], location != null ? "EXTERNAL" : "MANAGED", comment, location)));
  }

  @Command(name = "get", description = "Show a volume.")
  void get(@Parameters(paramLabel = "CATALOG.SCHEMA.VOLUME") String fullName) {
    Names.object(fullName);
    root.output().object(root.client().volumes().get(fullName));
  }

  @Command(name = "list", description = "List the volumes of a schema that you may see.")
  void list(
      @Parameters(paramLabel = "CATALOG.SCHEMA") String schema,
      @Option(names = "--max-results", paramLabel = "N", description = "Page size (all pages are read).") int pageSize) {
    String[] n = Names.schema(schema);
    root.output().list(root.client().volumes().list(n[0], n[1], pageSize).toList(), COLUMNS);
  }

  @Command(name = "update", description = "Rename a volume or change its comment or owner.")
  void update(
      @Parameters(paramLabel = "CATALOG.SCHEMA.VOLUME") String fullName,
      @Option(names = "--new-name") String newName,
      @Option(names = "--comment") String comment,
      @Option(names = "--owner") String owner) {
    Names.object(fullName);
    Changes.require(newName, comment, owner);
    root.output().object(root.client().volumes().update(fullName, new UpdateVolume(newName, comment, owner)));
  }

  @Command(name = "delete", description = "Delete a volume.")
  void delete(@Parameters(paramLabel = "CATALOG.SCHEMA.VOLUME") String fullName) {
    Names.object(fullName);
    root.client().volumes().delete(fullName);
    root.output().done("Deleted volume " + fullName + ".", null);
  }
}
