package io.gatehouse.server.catalog;

import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Visibility;
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
import java.util.List;

/** Schemas: the second level, holding tables, volumes and functions. */
@ApplicationScoped
@Transactional
public class SchemaService {
  static final String PAGE_KIND = "schemas";

  private final CallerContext caller;
  private final CatalogService catalogs;
  private final StorageLocations locations;
  private final Authorizer authorizer;

  private final StorageAdmission admission;
  private final AuditTrail trail;
  private final PinnedSecurables pinned;

  SchemaService(CallerContext caller, CatalogService catalogs, StorageLocations locations, Authorizer authorizer,
      StorageAdmission admission, AuditTrail trail, PinnedSecurables pinned) {
    this.pinned = pinned;
    this.admission = admission;
    this.caller = caller;
    this.catalogs = catalogs;
    this.locations = locations;
    this.authorizer = authorizer;
    this.trail = trail;
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
    schema.catalog = catalogs.find(request.catalogName());
    authorizer.require(Operation.CREATE_SCHEMA, Securables.of(schema.catalog));
    if (schema.storageRoot != null) {
      admission.admit(Operation.CREATE_SCHEMA, StorageLocation.stored(schema.storageRoot), StorageAdmission.Use.MANAGED_STORAGE);
    }
    if (SchemaEntity.findByName(schema.catalog.name, name) != null) {
      throw alreadyExists(schema.catalog.name + "." + name);
    }
    schema.persistAndFlush();
    return schema;
  }

  /** The schema, for a caller that may see it. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public SchemaEntity get(String fullName) {
    return get(fullName, false);
  }

  /** As {@link #get(String)}; with {@code includeBrowse}, BROWSE alone is enough (metadata only). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public SchemaEntity get(String fullName, boolean includeBrowse) {
    FullName name = FullName.ofSchema(fullName);
    Target target = pinned.schema(name);
    if (target != null) {
      // Decided on the snapshot's schema, then read by id unless it changed since.
      authorizer.require(Operation.GET_SCHEMA, target, includeBrowse);
      SchemaEntity schema = PinnedSecurables.schema(target);
      if (schema != null && schema.fullName().equalsIgnoreCase(name.toString())) {
        return schema;
      }
    }
    SchemaEntity schema = find(name);
    authorizer.require(Operation.GET_SCHEMA, Securables.of(schema), includeBrowse);
    return schema;
  }

  /** The schema, without an authorization check: for operations that check their own rights. */
  // Lookups join the caller's transaction if there is one and start none.
  @Transactional(Transactional.TxType.SUPPORTS)
  SchemaEntity find(FullName name) {
    SchemaEntity schema = SchemaEntity.findByName(name.catalog(), name.schema());
    if (schema == null) {
      catalogs.find(name.catalog());
      throw GatehouseException.notFound("Schema '" + name.catalog() + "." + name.schema() + "' does not exist.");
    }
    return schema;
  }

  /** The schema {@code catalog.schema} for a listing or creation that names it in two fields. */
  // Lookups join the caller's transaction if there is one and start none.
  @Transactional(Transactional.TxType.SUPPORTS)
  SchemaEntity find(String catalogField, String catalog, String schemaField, String schema) {
    Validation.name(catalogField, catalog);
    Validation.name(schemaField, schema);
    return find(new FullName(catalog, schema, null));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<SchemaEntity> list(String catalogName, PageRequest page) {
    return list(catalogName, page, false);
  }

  /** As {@link #list}; with {@code includeBrowse} also the children the caller may only BROWSE. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<SchemaEntity> list(String catalogName, PageRequest page, boolean includeBrowse) {
    Validation.name("catalog_name", catalogName);
    Target target = pinned.catalog(catalogName);
    if (target != null) {
      // Decided on the snapshot's catalog; its row, which the answer names, read by id.
      Visibility visible = authorizer.visibleChildren(Operation.LIST_SCHEMAS, target, includeBrowse);
      CatalogEntity catalog = CatalogEntity.findById(PinnedSecurables.id(target));
      if (catalog != null && catalog.name.equalsIgnoreCase(catalogName)) {
        return VisibleFilter.page(SchemaEntity.class, "catalog", catalog, visible, page);
      }
    }
    CatalogEntity catalog = catalogs.find(catalogName);
    Visibility visible =
        authorizer.visibleChildren(Operation.LIST_SCHEMAS, Securables.of(catalog), includeBrowse);
    return VisibleFilter.page(SchemaEntity.class, "catalog", catalog, visible, page);
  }

  public SchemaEntity update(String fullName, UpdateSchema request) {
    Validation.required("body", request);
    SchemaEntity schema = find(FullName.ofSchema(fullName));
    authorizer.require(Operation.UPDATE_SCHEMA, Securables.of(schema));
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
    Owners.transfer(schema, request.owner(), () -> Securables.of(schema), trail);
    schema.stampUpdated(caller.name());
    schema.flush();
    return schema;
  }

  public void delete(String fullName, boolean force) {
    SchemaEntity schema = find(FullName.ofSchema(fullName));
    authorizer.require(Operation.DELETE_SCHEMA, Securables.of(schema));
    if (!force) {
      long children =
          TableEntity.count("schema", schema)
              + VolumeEntity.count("schema", schema)
              + FunctionEntity.count("schema", schema)
              + RegisteredModelEntity.count("schema", schema);
      if (children > 0) {
        throw GatehouseException.failedPrecondition(
            "Schema '" + schema.fullName() + "' is not empty (" + children
                + " table(s), volume(s), function(s) or model(s)); delete them first or pass force=true.");
      }
    }
    locations.releaseSchema(schema.id);
    schema.delete();
  }

  private static GatehouseException alreadyExists(String fullName) {
    return new GatehouseException(ErrorCode.SCHEMA_ALREADY_EXISTS, "Schema '" + fullName + "' already exists.");
  }
}
