package io.gatehouse.server.catalog;

import io.gatehouse.server.catalog.CatalogApi.CreateSchema;
import io.gatehouse.server.catalog.CatalogApi.UpdateSchema;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;
import java.util.List;

/** Schemas: the second level, holding tables, volumes and functions. */
@ApplicationScoped
@Transactional
public class SchemaService {
  static final String PAGE_KIND = "schemas";

  private final CallerContext caller;
  private final CatalogService catalogs;
  private final StorageLocations locations;

  SchemaService(CallerContext caller, CatalogService catalogs, StorageLocations locations) {
    this.caller = caller;
    this.catalogs = catalogs;
    this.locations = locations;
  }

  public SchemaEntity create(CreateSchema request) {
    Validation.required("body", request);
    String name = Validation.name("name", request.name());
    Validation.name("catalog_name", request.catalogName());
    SchemaEntity schema = new SchemaEntity();
    schema.stampCreated(caller.name());
    schema.name = name;
    schema.comment = Validation.comment("comment", request.comment());
    schema.properties = StoredJson.write(Validation.properties("properties", request.properties()));
    if (request.storageRoot() != null) {
      StorageLocation root = StorageLocation.parse("storage_root", request.storageRoot());
      schema.storageRoot = root.toString();
      schema.storageLocation = ManagedStorage.schemaLocation(root, schema.id).toString();
    }
    schema.catalog = catalogs.get(request.catalogName());
    if (SchemaEntity.findByName(schema.catalog.name, name) != null) {
      throw alreadyExists(schema.catalog.name + "." + name);
    }
    schema.persistAndFlush();
    return schema;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public SchemaEntity get(String fullName) {
    return get(FullName.ofSchema(fullName));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public SchemaEntity get(FullName name) {
    SchemaEntity schema = SchemaEntity.findByName(name.catalog(), name.schema());
    if (schema == null) {
      catalogs.get(name.catalog());
      throw GatehouseException.notFound("Schema '" + name.catalog() + "." + name.schema() + "' does not exist.");
    }
    return schema;
  }

  /** The schema {@code catalog.schema} for a listing or creation that names it in two fields. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public SchemaEntity get(String catalogField, String catalog, String schemaField, String schema) {
    Validation.name(catalogField, catalog);
    Validation.name(schemaField, schema);
    return get(new FullName(catalog, schema, null));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<SchemaEntity> list(String catalogName, PageRequest page) {
    Validation.name("catalog_name", catalogName);
    CatalogEntity catalog = catalogs.get(catalogName);
    return SchemaEntity.find(
            "catalog = ?1 and lower(name) > ?2 order by lower(name)",
            catalog,
            page.after() == null ? "" : page.after())
        .withHint(HibernateHints.HINT_READ_ONLY, true)
        .page(0, page.size() + 1)
        .list();
  }

  public SchemaEntity update(String fullName, UpdateSchema request) {
    Validation.required("body", request);
    SchemaEntity schema = get(fullName);
    if (request.newName() != null && !request.newName().equals(schema.name)) {
      String newName = Validation.name("new_name", request.newName());
      SchemaEntity other = SchemaEntity.findByName(schema.catalog.name, newName);
      if (other != null && !other.id.equals(schema.id)) {
        throw alreadyExists(schema.catalog.name + "." + newName);
      }
      schema.name = newName;
    }
    if (request.comment() != null) {
      schema.comment = Validation.comment("comment", request.comment());
    }
    // Unity Catalog clients send an empty map when properties are not being changed.
    if (request.properties() != null && !request.properties().isEmpty()) {
      schema.properties = StoredJson.write(Validation.properties("properties", request.properties()));
    }
    if (request.owner() != null) {
      schema.owner = Validation.principal("owner", request.owner());
    }
    schema.stampUpdated(caller.name());
    schema.flush();
    return schema;
  }

  public void delete(String fullName, boolean force) {
    SchemaEntity schema = get(fullName);
    if (!force) {
      long children =
          TableEntity.count("schema", schema)
              + VolumeEntity.count("schema", schema)
              + FunctionEntity.count("schema", schema);
      if (children > 0) {
        throw GatehouseException.failedPrecondition(
            "Schema '" + schema.fullName() + "' is not empty (" + children
                + " table(s), volume(s) or function(s)); delete them first or pass force=true.");
      }
    }
    locations.releaseSchema(schema.id);
    schema.delete();
  }

  private static GatehouseException alreadyExists(String fullName) {
    return new GatehouseException(ErrorCode.SCHEMA_ALREADY_EXISTS, "Schema '" + fullName + "' already exists.");
  }
}
