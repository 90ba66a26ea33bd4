package io.gatehouse.server.sql;

import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogApi.CreateCatalog;
import io.gatehouse.server.catalog.CatalogApi.CreateSchema;
import io.gatehouse.server.catalog.CatalogApi.UpdateCatalog;
import io.gatehouse.server.catalog.CatalogApi.UpdateSchema;
import io.gatehouse.server.catalog.CatalogLookup;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.TableApi.ColumnInfo;
import io.gatehouse.server.catalog.TableApi.ColumnTypeName;
import io.gatehouse.server.catalog.TableApi.CreateTable;
import io.gatehouse.server.catalog.TableApi.DataSourceFormat;
import io.gatehouse.server.catalog.TableApi.TableType;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.catalog.VolumeApi.CreateVolume;
import io.gatehouse.server.catalog.VolumeApi.UpdateVolume;
import io.gatehouse.server.catalog.VolumeApi.VolumeType;
import io.gatehouse.server.catalog.VolumeService;
import io.gatehouse.server.catalog.ModelService;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.sql.parse.ColumnDefinition;
import io.gatehouse.server.sql.parse.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The statements that make, remove and rename securables: CREATE CATALOG, SCHEMA, TABLE and
 * VOLUME, DROP and ALTER ... RENAME TO. Each goes through the catalog services, with the same
 * checks as the REST API. (Functions are made and dropped by {@link FunctionStatements}.)
 */
@ApplicationScoped
class DefinitionStatements {
  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final VolumeService volumes;
  private final ModelService models;
  private final Authorizer authorizer;
  private final CallerContext caller;

  DefinitionStatements(CatalogService catalogs, SchemaService schemas, TableService tables,
      VolumeService volumes, ModelService models, Authorizer authorizer, CallerContext caller) {
    this.models = models;
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.volumes = volumes;
    this.authorizer = authorizer;
    this.caller = caller;
  }

  Result createCatalog(Statement.CreateCatalog c) {
    String name = c.name().part(0);
    if (c.ifNotExists() && CatalogLookup.catalog(name) != null) {
      return Result.status("Catalog " + name + " already exists; nothing was done.");
    }
    catalogs.create(new CreateCatalog(name, c.comment(), Map.of(), c.managedLocation()));
    return Result.status("Created catalog " + name + ".");
  }

  Result createSchema(Session session, Statement.CreateSchema c) {
    FullName name = session.schema(c.name());
    if (c.ifNotExists() && CatalogLookup.schema(name.catalog(), name.schema()) != null) {
      return Result.status("Schema " + Session.dotted(name) + " already exists; nothing was done.");
    }
    schemas.create(new CreateSchema(name.schema(), name.catalog(), c.comment(), c.properties(), c.managedLocation()));
    return Result.status("Created schema " + Session.dotted(name) + ".");
  }

  Result createTable(Session session, Statement.CreateTable c) {
    FullName name = session.object(c.name());
    if (c.ifNotExists() && CatalogLookup.table(name) != null) {
      return Result.status("Table " + Session.dotted(name) + " already exists; nothing was done.");
    }
    List<ColumnInfo> columns = new ArrayList<>();
    List<String> partitions = c.partitionColumns().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    for (int i = 0; i < c.columns().size(); i++) {
      ColumnDefinition d = c.columns().get(i);
      int partition = partitions.indexOf(d.name().toLowerCase(Locale.ROOT));
      columns.add(new ColumnInfo(d.name(), d.type().text(), null, ColumnTypeName.valueOf(d.type().typeName().name()),
          d.type().typeName().name().equals("DECIMAL") ? d.type().precision() : null,
          d.type().typeName().name().equals("DECIMAL") ? d.type().scale() : null,
          null, i, d.comment(), d.nullable(), partition < 0 ? null : partition));
    }
    for (String p : c.partitionColumns()) {
      if (columns.stream().noneMatch(col -> col.name().equalsIgnoreCase(p))) {
        throw GatehouseException.invalid("PARTITIONED BY names column '" + Validation.printable(p)
            + "', which the table does not have.");
      }
    }
    DataSourceFormat format = format(c.format());
    TableType type = c.location() == null ? TableType.MANAGED : TableType.EXTERNAL;
    tables.create(new CreateTable(name.object(), name.catalog(), name.schema(), type,
        format == null ? DataSourceFormat.DELTA : format, columns, c.location(), c.comment(), c.properties(),
        null, null));
    return Result.status("Created " + type.name().toLowerCase(Locale.ROOT) + " table " + Session.dotted(name) + ".");
  }

  private static DataSourceFormat format(String using) {
    if (using == null) {
      return null;
    }
    try {
      return DataSourceFormat.valueOf(using.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("USING " + Validation.printable(using) + " is not a table format Gatehouse knows;"
          + " use DELTA, PARQUET, CSV, JSON, AVRO, ORC or TEXT.");
    }
  }

  Result createVolume(Session session, Statement.CreateVolume c) {
    FullName name = session.object(c.name());
    if (c.ifNotExists() && CatalogLookup.volume(name) != null) {
      return Result.status("Volume " + Session.dotted(name) + " already exists; nothing was done.");
    }
    VolumeType type = c.location() == null ? VolumeType.MANAGED : VolumeType.EXTERNAL;
    volumes.create(new CreateVolume(name.catalog(), name.schema(), name.object(), type, c.comment(), c.location()));
    return Result.status("Created " + type.name().toLowerCase(Locale.ROOT) + " volume " + Session.dotted(name) + ".");
  }

  Result drop(Session session, Statement.Drop d) {
    String what = d.securable().keyword().toLowerCase(Locale.ROOT);
    String name;
    boolean exists;
    switch (d.securable()) {
      case CATALOG -> {
        name = session.catalog(d.name());
        exists = CatalogLookup.catalog(name) != null;
        if (exists || !d.ifExists()) {
          catalogs.delete(name, d.cascade());
        }
      }
      case SCHEMA -> {
        FullName n = session.schema(d.name());
        name = Session.dotted(n);
        exists = CatalogLookup.schema(n.catalog(), n.schema()) != null;
        if (exists || !d.ifExists()) {
          schemas.delete(name, d.cascade());
        }
      }
      case TABLE, VIEW -> {
        FullName n = session.object(d.name());
        name = Session.dotted(n);
        exists = CatalogLookup.table(n) != null;
        if (exists || !d.ifExists()) {
          tables.delete(name);
        }
      }
      case VOLUME -> {
        FullName n = session.object(d.name());
        name = Session.dotted(n);
        exists = CatalogLookup.volume(n) != null;
        if (exists || !d.ifExists()) {
          volumes.delete(name);
        }
      }
      case MODEL -> {
        // As Databricks' DROP MODEL: the model goes with its versions.
        FullName n = session.object(d.name());
        name = Session.dotted(n);
        exists = CatalogLookup.model(n) != null;
        if (exists || !d.ifExists()) {
          models.delete(name, true);
        }
      }
      default -> throw GrantStatements.unsupported(d.securable(), "DROP");
    }
    return Result.status(exists ? "Dropped " + what + " " + name + "." : "No " + what + " " + name + "; nothing was done.");
  }

  Result rename(Session session, Statement.Rename r) {
    String what = r.securable().keyword().toLowerCase(Locale.ROOT);
    String newName = r.newName().last();
    String name;
    switch (r.securable()) {
      case CATALOG -> {
        name = session.catalog(r.name());
        catalogs.update(name, new UpdateCatalog(null, null, newName, null, null));
      }
      case SCHEMA -> {
        FullName n = session.schema(r.name());
        sameContainer(r, n.catalog(), null);
        name = Session.dotted(n);
        schemas.update(name, new UpdateSchema(null, null, newName, null));
      }
      case TABLE, VIEW -> {
        FullName n = session.object(r.name());
        sameContainer(r, n.catalog(), n.schema());
        name = Session.dotted(n);
        renameTable(n, newName);
      }
      case VOLUME -> {
        FullName n = session.object(r.name());
        sameContainer(r, n.catalog(), n.schema());
        name = Session.dotted(n);
        volumes.update(name, new UpdateVolume(null, newName, null));
      }
      default -> throw GrantStatements.unsupported(r.securable(), "RENAME");
    }
    return Result.status("Renamed " + what + " " + name + " to " + newName + ".");
  }

  /** A new name may repeat the object's containers, but not move it to others. */
  private static void sameContainer(Statement.Rename r, String catalog, String schema) {
    List<String> containers = schema == null ? List.of(catalog) : List.of(catalog, schema);
    List<String> given = r.newName().parts().subList(0, r.newName().size() - 1);
    boolean same = given.size() <= containers.size()
        && lower(given).equals(lower(containers.subList(containers.size() - given.size(), containers.size())));
    if (!same) {
      throw GatehouseException.invalid("RENAME TO cannot move " + Validation.printable(r.name().toString())
          + " to another " + (schema == null ? "catalog" : "schema") + ".");
    }
  }

  private static List<String> lower(List<String> parts) {
    return parts.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
  }

  private void renameTable(FullName n, String newName) {
    TableEntity table = tables.get(Session.dotted(n));
    authorizer.require(Operation.RENAME_TABLE, Securables.of(table));
    String validated = Validation.name("new_name", newName);
    TableEntity other = CatalogLookup.table(new FullName(n.catalog(), n.schema(), validated));
    if (other != null && !other.id.equals(table.id)) {
      throw new GatehouseException(ErrorCode.TABLE_ALREADY_EXISTS,
          "Table '" + n.catalog() + "." + n.schema() + "." + validated + "' already exists.");
    }
    table.name = validated;
    table.stampUpdated(caller.name());
  }
}
