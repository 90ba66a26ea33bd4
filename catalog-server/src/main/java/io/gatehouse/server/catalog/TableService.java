package io.gatehouse.server.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.EventLoopDatabase;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.audit.AuditLog;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.StorageLocations.Holder;
import io.gatehouse.server.catalog.TableApi.CreateTable;
import io.gatehouse.server.catalog.TableApi.DataSourceFormat;
import io.gatehouse.server.catalog.TableApi.TableType;
import io.gatehouse.server.catalog.TableApi.UpdateTable;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.sqlclient.Pool;
import jakarta.transaction.Transactional;
import io.gatehouse.server.catalog.TableApi.ColumnInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hibernate.exception.ConstraintViolationException;

/** Tables and views: managed (location assigned here), external (location given) and views. */
@ApplicationScoped
@Transactional
public class TableService {
  static final String PAGE_KIND = "tables";
  static final int MAX_VIEW_DEFINITION = 1_048_576;

  private final CallerContext caller;
  private final SchemaService schemas;
  private final Authorizer authorizer;
  private final StorageLocations locations;
  private final ManagedStorage managedStorage;
  private final StorageAdmission admission;
  private final SchemaChildren<TableEntity> children;
  private final AuditTrail trail;
  private final ObjectMapper json;
  private final PinnedSecurables pinned;
  private final AuditLog audit;
  private final EventLoopDatabase eventLoop;

  TableService(CallerContext caller, SchemaService schemas, Authorizer authorizer, StorageLocations locations,
      ManagedStorage managedStorage, StorageAdmission admission,
      AuditTrail trail, PinnedSecurables pinned, ObjectMapper json, AuditLog audit, EventLoopDatabase eventLoop) {
    this.audit = audit;
    this.eventLoop = eventLoop;
    this.json = json;
    this.pinned = pinned;
    this.admission = admission;
    this.caller = caller;
    this.schemas = schemas;
    this.authorizer = authorizer;
    this.locations = locations;
    this.managedStorage = managedStorage;
    this.children = new SchemaChildren<>(TableEntity.class, "Table", ErrorCode.TABLE_ALREADY_EXISTS, schemas, pinned);
    this.trail = trail;
  }

  public TableEntity create(CreateTable request) {
    Validation.required("body", request);
    String name = Validation.name("name", request.name());
    TableType type = Validation.required("table_type", request.tableType());
    TableEntity table = new TableEntity();
    table.stampCreated(caller.name());
    table.name = name;
    table.tableType = type.name();
    table.comment = Validation.comment("comment", request.comment());
    table.properties = StoredJson.write(Validation.properties("properties", request.properties()));
    table.columns = StoredJson.write(Columns.normalize(request.columns(), type != TableType.VIEW));
    StorageLocation location = shapeByType(table, type, request);

    table.schema = schemas.find("catalog_name", request.catalogName(), "schema_name", request.schemaName());

    authorizer.require(Operation.CREATE_TABLE, Securables.of(table.schema));
    if (type == TableType.EXTERNAL) {
      admission.admit(Operation.CREATE_TABLE, location, StorageAdmission.Use.EXTERNAL_TABLE);
    }
    if (type == TableType.MANAGED && request.storageLocation() != null) {
      promoteStagingTable(table, StorageLocation.parse("storage_location", request.storageLocation()));
    } else if (type == TableType.MANAGED) {
      location = managedStorage.tableLocation(table.schema, table.id);
    }
    if (location != null) {
      table.storageLocation = location.toString();
      locations.claim(location, Holder.TABLE, table.id);
    }
    // The name's unique key decides whether it is free: one statement fewer than asking first.
    try {
      table.persistAndFlush();
    } catch (ConstraintViolationException e) {
      if (NAME_KEY.equals(e.getConstraintName())) {
        throw children.alreadyExists(table.schema, name);
      }
      throw e;
    }
    return table;
  }

  /** The unique key of a schema's table names, compared without case (V1). */
  private static final String NAME_KEY = "tables_name_key";

  /**
   * A MANAGED table created at a staging location takes over the staging table: its id and its
   * already claimed location. Any other location for a MANAGED table is refused.
   */
  private void promoteStagingTable(TableEntity table, StorageLocation location) {
    StagingTableEntity staging = StagingTableEntity.findByLocation(location.toString());
    if (staging == null || !staging.schema.id.equals(table.schema.id)) {
      throw GatehouseException.invalid(
          "Field 'storage_location' of a MANAGED table must be the staging_location of a staging table"
              + " of the same schema, or be left out so the catalog assigns one.");
    }
    if (!staging.createdBy.equals(caller.name())) {
      throw new GatehouseException(
          ErrorCode.PERMISSION_DENIED, "The staging table at '" + location + "' belongs to another principal.");
    }
    table.id = staging.id;
    table.storageLocation = staging.stagingLocation;
    staging.delete();
  }

  /** Applies the rules of each table type; returns the external location to claim, if any. */
  private static StorageLocation shapeByType(TableEntity table, TableType type, CreateTable request) {
    switch (type) {
      case MANAGED -> {
        DataSourceFormat format = request.dataSourceFormat() == null ? DataSourceFormat.DELTA : request.dataSourceFormat();
        if (format != DataSourceFormat.DELTA) {
          throw GatehouseException.invalid("MANAGED tables must use data_source_format DELTA.");
        }
        table.dataSourceFormat = format.name();
        noView(request);
        return null;
      }
      case EXTERNAL -> {
        table.dataSourceFormat = Validation.required("data_source_format", request.dataSourceFormat()).name();
        noView(request);
        return StorageLocation.parse("storage_location", request.storageLocation());
      }
      case VIEW -> {
        if (request.storageLocation() != null || request.dataSourceFormat() != null) {
          throw GatehouseException.invalid("A VIEW has no storage_location or data_source_format.");
        }
        table.viewDefinition = Validation.required("view_definition", request.viewDefinition(), MAX_VIEW_DEFINITION);
        table.viewDependencies =
            request.viewDependencies() == null ? null : StoredJson.write(request.viewDependencies());
        return null;
      }
      default -> throw GatehouseException.invalid(
          "table_type " + type + " is not supported; use MANAGED, EXTERNAL or VIEW.");
    }
  }

  private static void noView(CreateTable request) {
    if (request.viewDefinition() != null || request.viewDependencies() != null) {
      throw GatehouseException.invalid("Only a VIEW has a view_definition or view_dependencies.");
    }
  }

  /**
   * An Iceberg table (the Iceberg REST catalog's create, or its create-on-commit): MANAGED when
   * {@code location} is the managed location this schema gives table {@code id} (or absent: then
   * it is assigned), else EXTERNAL at {@code location}, which needs CREATE EXTERNAL TABLE there as
   * for any external table. The caller's CREATE TABLE on the schema is decided here.
   */
  public TableEntity createIceberg(SchemaEntity schema, UUID id, String name, List<ColumnInfo> columns,
      String location, Map<String, String> properties) {
    TableEntity table = new TableEntity();
    table.stampCreated(caller.name());
    if (id != null) {
      table.id = id;
    }
    table.name = Validation.name("name", name);
    table.schema = schema;
    table.dataSourceFormat = DataSourceFormat.ICEBERG.name();
    table.columns = StoredJson.write(Columns.normalize(columns, false));
    table.properties = StoredJson.write(Validation.properties("properties", properties));
    table.comment = Validation.comment("comment", properties.get("comment"));
    authorizer.require(Operation.CREATE_TABLE, Securables.of(schema));
    children.requireFreeName(schema, table.name);
    StorageLocation managed = managedStorage.tableLocation(schema, table.id);
    StorageLocation at = location == null ? managed : StorageLocation.parse("location", location);
    if (at.equals(managed)) {
      table.tableType = TableType.MANAGED.name();
    } else {
      table.tableType = TableType.EXTERNAL.name();
      admission.admit(Operation.CREATE_TABLE, at, StorageAdmission.Use.EXTERNAL_TABLE);
    }
    table.storageLocation = at.toString();
    locations.claim(at, Holder.TABLE, table.id);
    table.persistAndFlush();
    return table;
  }

  /** The managed location a table with {@code id} would have in {@code schema}. */
  public String managedLocation(SchemaEntity schema, UUID id) {
    return managedStorage.tableLocation(schema, id).toString();
  }

  /** Columns checked and completed as a created table's are (names, positions, type_json). */
  public List<ColumnInfo> checkedColumns(List<ColumnInfo> columns) {
    return Columns.normalize(columns, true);
  }

  /**
   * An Iceberg table's columns follow its current schema. What Gatehouse keeps in a column's entry
   * beside the schema stays with the column across commits: its tags, by the column's name before
   * the commit ({@code formerNames}, from the field ids: a renamed column keeps them, a column
   * dropped and added again under the same name is a new column and has none), and the shown mask
   * of a column whose name did not change (masks are set by column name). Every commit writes the
   * schema, so dropping these would untag the table's columns at each write, and with the tags every
   * policy matching them (a mask, a row filter's column) would stop applying.
   */
  public void setColumns(TableEntity table, List<ColumnInfo> columns, Map<String, String> formerNames) {
    List<Map<String, Object>> next = entries(StoredJson.write(Columns.normalize(columns, false)));
    List<Map<String, Object>> stored = table.columns == null ? List.of() : entries(table.columns);
    Map<String, Map<String, Object>> before = new java.util.HashMap<>();
    for (Map<String, Object> c : stored) {
      before.put(String.valueOf(c.get("name")).toLowerCase(java.util.Locale.ROOT), c);
    }
    for (Map<String, Object> c : next) {
      String name = String.valueOf(c.get("name"));
      String former = formerNames.get(name);
      Map<String, Object> old = former == null ? null : before.get(former.toLowerCase(java.util.Locale.ROOT));
      if (old == null) {
        continue;
      }
      if (old.get("tags") != null) {
        c.put("tags", old.get("tags"));
      }
      if (old.get("mask") != null && former.equals(name)) {
        c.put("mask", old.get("mask"));
      }
    }
    if (!next.equals(stored)) {
      table.columns = StoredJson.write(next);
      table.stampUpdated(caller.name());
      table.flush();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> entries(String json) {
    List<Map<String, Object>> list = new java.util.ArrayList<>();
    for (Object o : StoredJson.read(json, List.class)) {
      list.add(new java.util.LinkedHashMap<>((Map<String, Object>) o));
    }
    return list;
  }

  /**
   * Renames the table and moves it to {@code to} (the same schema, or another of its catalog):
   * it needs MANAGE on the table, and CREATE TABLE on {@code to} when that is another schema.
   */
  public TableEntity rename(String fullName, SchemaEntity to, String newName) {
    TableEntity table = find(fullName);
    authorizer.require(Operation.RENAME_TABLE, Securables.of(table));
    if (!to.id.equals(table.schema.id)) {
      if (!to.catalog.id.equals(table.schema.catalog.id)) {
        throw GatehouseException.invalid("A table cannot move to another catalog.");
      }
      authorizer.require(Operation.CREATE_TABLE, Securables.of(to));
      authorizer.requireNoPolicyLifted(Operation.RENAME_TABLE, Securables.of(table), "move it to another schema");
    }
    String validated = Validation.name("name", newName);
    TableEntity other = SchemaChildEntity.findByName(TableEntity.class,
        new io.gatehouse.server.common.FullName(to.catalog.name, to.name, validated));
    if (other != null && !other.id.equals(table.id)) {
      throw children.alreadyExists(to, validated);
    }
    table.schema = to;
    table.name = validated;
    table.stampUpdated(caller.name());
    table.flush();
    return table;
  }

  /**
   * As {@link #get(String, boolean)}, for REST: the answer already written as JSON ({@link
   * TablePage#one}), decided and recorded as {@link #get(String, boolean)} decides and records it:
   * on the pinned snapshot's table, then read by id; by name from the database when the snapshot
   * does not know the name or the row changed since.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public byte[] getJson(String fullName, boolean includeBrowse) {
    String name = FullName.ofObject(fullName).toString();
    Target target = pinned.byName(Securables.typeOf(TableEntity.class), name);
    if (target != null) {
      // Allowed, the decision's record is written in the round trip that reads the row.
      AuditEvent record = authorizer.allowRead(Operation.GET_TABLE, target, includeBrowse);
      byte[] answer = TablePage.one(json, audit, record, PinnedSecurables.id(target), name);
      if (answer != null) {
        return answer;
      }
    }
    TableEntity table = children.find(fullName);
    authorizer.require(Operation.GET_TABLE, Securables.of(table), includeBrowse);
    try {
      return json.writeValueAsBytes(TableResource.info(table));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write table " + table.id, e);
    }
  }

  /**
   * As {@link #getJson}, on the event loop, without blocking: decided on the pinned snapshot's
   * table (the caller's groups must be at hand), the row read by id with the decision's record
   * in one statement on the event loop's pool. Completes with null where {@link #getJson} would
   * take the database route (a name the snapshot does not know, or a row changed since): the
   * caller then calls {@link #getJson} on a worker thread. Called only while the event loop's
   * pool is on.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CompletionStage<byte[]> getJsonWithoutBlocking(String fullName, boolean includeBrowse) {
    String name = FullName.ofObject(fullName).toString();
    Target target = pinned.byName(Securables.typeOf(TableEntity.class), name);
    if (target == null) {
      return CompletableFuture.completedFuture(null);
    }
    Pool pool = eventLoop.pool().orElseThrow();
    return authorizer.allowReadDetached(Operation.GET_TABLE, target, includeBrowse)
        .thenCompose(record -> TablePage.one(json, audit, pool, record, PinnedSecurables.id(target), name));
  }

  /** The schema {@code catalog.schema}, without an authorization check (a 404 names the first missing level). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public SchemaEntity findSchema(String catalog, String schema) {
    return schemas.find("catalog", catalog, "namespace", schema);
  }

  /** The table, without an authorization check: null when there is none (its schema must exist). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public TableEntity findOrNull(SchemaEntity schema, String name) {
    return SchemaChildEntity.findByName(TableEntity.class,
        new io.gatehouse.server.common.FullName(schema.catalog.name, schema.name, name));
  }

  /** The table, for a caller that may see it. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public TableEntity get(String fullName) {
    return get(fullName, false);
  }

  /** As {@link #get(String)}; with {@code includeBrowse}, BROWSE alone is enough (metadata only). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public TableEntity get(String fullName, boolean includeBrowse) {
    return children.get(fullName, target -> authorizer.require(Operation.GET_TABLE, target, includeBrowse));
  }

  /** The table, without an authorization check: for operations that check their own rights. */
  // Lookups join the caller's transaction if there is one and start none.
  @Transactional(Transactional.TxType.SUPPORTS)
  TableEntity find(String fullName) {
    return children.find(fullName);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Listing<TableEntity> list(String catalogName, String schemaName, PageRequest page) {
    return list(catalogName, schemaName, page, false);
  }

  /** As {@link #list}; with {@code includeBrowse} also the children the caller may only BROWSE. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Listing<TableEntity> list(String catalogName, String schemaName, PageRequest page, boolean includeBrowse) {
    return children.list(catalogName, schemaName, page,
        schema -> authorizer.visibleChildren(Operation.LIST_TABLES, schema, includeBrowse));
  }

  /**
   * As {@link #list}, for REST: the page already written as the response's JSON ({@link
   * TablePage}), decided and recorded as {@link #list} decides and records it.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public byte[] listJson(String catalogName, String schemaName, PageRequest page, boolean includeBrowse) {
    SchemaChildren.Scope<Authorizer.ReadListing> scope = children.scope(catalogName, schemaName,
        schema -> authorizer.visibleChildrenRead(Operation.LIST_TABLES, schema, includeBrowse),
        superseded -> audit.record(superseded.record()));
    // The listing's record is written in the round trip that reads the page.
    return TablePage.render(json, audit, scope.decided().record(), scope.schema(), scope.decided().visible(), page);
  }

  public TableEntity update(String fullName, UpdateTable request) {
    Validation.required("body", request);
    TableEntity table = find(fullName);
    authorizer.require(Operation.UPDATE_TABLE, Securables.of(table));
    Owners.transfer(table, request.owner(), () -> Securables.of(table), trail);
    table.stampUpdated(caller.name());
    table.flush();
    return table;
  }

  public void delete(String fullName) {
    TableEntity table = find(fullName);
    authorizer.require(Operation.DELETE_TABLE, Securables.of(table));
    locations.release(table.id);
    table.delete();
  }

}
