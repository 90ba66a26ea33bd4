package io.gatehouse.server.authz;

import static io.gatehouse.policy.SecurableType.CATALOG;
import static io.gatehouse.policy.SecurableType.EXTERNAL_LOCATION;
import static io.gatehouse.policy.SecurableType.FUNCTION;
import static io.gatehouse.policy.SecurableType.METASTORE;
import static io.gatehouse.policy.SecurableType.REGISTERED_MODEL;
import static io.gatehouse.policy.SecurableType.SCHEMA;
import static io.gatehouse.policy.SecurableType.STORAGE_CREDENTIAL;
import static io.gatehouse.policy.SecurableType.TABLE;
import static io.gatehouse.policy.SecurableType.VOLUME;
import static io.gatehouse.server.authz.Requirement.authenticated;
import static io.gatehouse.server.authz.Requirement.changeDeny;
import static io.gatehouse.server.authz.Requirement.check;
import static io.gatehouse.server.authz.Requirement.create;
import static io.gatehouse.server.authz.Requirement.drop;
import static io.gatehouse.server.authz.Requirement.filtered;
import static io.gatehouse.server.authz.Requirement.hold;
import static io.gatehouse.server.authz.Requirement.list;
import static io.gatehouse.server.authz.Requirement.manage;
import static io.gatehouse.server.authz.Requirement.metastoreAdmin;
import static io.gatehouse.server.authz.Requirement.publicly;
import static io.gatehouse.server.authz.Requirement.see;
import static io.gatehouse.server.authz.Requirement.workspaceAdmin;

import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a caller can ask of the server, over REST, gRPC or SQL: one list. Each operation
 * says which securables it acts on, what it needs of the caller ({@link #requirement()}, which
 * also picks the {@link Authorizer}'s check) and the name its decisions have in the audit trail.
 * Some operations need more than their main requirement in some cases ({@link #further()}):
 * USE of an external location's storage when creating in it, EXECUTE on the function a row
 * filter calls. Every REST endpoint and gRPC method is mapped to one ({@link Performs}, {@link
 * EndpointOperations}); one without a mapping is refused.
 */
public enum Operation {
  // Catalogs, schemas, tables, volumes, functions (REST, and SQL's DDL and SHOW)
  CREATE_CATALOG(CATALOG, create(Privilege.CREATE_CATALOG), hold(Privilege.CREATE_MANAGED_STORAGE)),
  GET_CATALOG(CATALOG, see()),
  LIST_CATALOGS(CATALOG, list(CATALOG)),
  UPDATE_CATALOG(CATALOG, manage()),
  DELETE_CATALOG(CATALOG, drop()),
  CREATE_SCHEMA(SCHEMA, create(Privilege.CREATE_SCHEMA), hold(Privilege.CREATE_MANAGED_STORAGE)),
  GET_SCHEMA(SCHEMA, see()),
  LIST_SCHEMAS(SCHEMA, list(SCHEMA)),
  UPDATE_SCHEMA(SCHEMA, manage()),
  DELETE_SCHEMA(SCHEMA, drop()),
  CREATE_TABLE(TABLE, create(Privilege.CREATE_TABLE), hold(Privilege.CREATE_EXTERNAL_TABLE)),
  GET_TABLE(TABLE, see()),
  LIST_TABLES(TABLE, list(TABLE)),
  UPDATE_TABLE(TABLE, manage()),
  DELETE_TABLE(TABLE, drop()),
  CREATE_VOLUME(VOLUME, create(Privilege.CREATE_VOLUME), hold(Privilege.CREATE_EXTERNAL_VOLUME)),
  GET_VOLUME(VOLUME, see()),
  LIST_VOLUMES(VOLUME, list(VOLUME)),
  UPDATE_VOLUME(VOLUME, manage()),
  DELETE_VOLUME(VOLUME, drop()),
  CREATE_FUNCTION(FUNCTION, create(Privilege.CREATE_FUNCTION)),
  GET_FUNCTION(FUNCTION, see()),
  LIST_FUNCTIONS(FUNCTION, list(FUNCTION)),
  UPDATE_FUNCTION(FUNCTION, manage()),
  DELETE_FUNCTION(FUNCTION, drop()),
  CREATE_REGISTERED_MODEL(REGISTERED_MODEL, create(Privilege.CREATE_MODEL)),
  GET_REGISTERED_MODEL(REGISTERED_MODEL, see()),
  LIST_REGISTERED_MODELS(REGISTERED_MODEL, list(REGISTERED_MODEL)),
  UPDATE_REGISTERED_MODEL(REGISTERED_MODEL, manage()),
  DELETE_REGISTERED_MODEL(REGISTERED_MODEL, drop()),
  // A model's versions are decided on the model: EXECUTE reads them, ownership or MANAGE changes them.
  CREATE_MODEL_VERSION(REGISTERED_MODEL, manage()),
  GET_MODEL_VERSION(REGISTERED_MODEL, hold(Privilege.EXECUTE)),
  LIST_MODEL_VERSIONS(REGISTERED_MODEL, hold(Privilege.EXECUTE)),
  UPDATE_MODEL_VERSION(REGISTERED_MODEL, manage()),
  FINALIZE_MODEL_VERSION(REGISTERED_MODEL, manage()),
  DELETE_MODEL_VERSION(REGISTERED_MODEL, manage()),
  GET_METASTORE_SUMMARY(METASTORE, authenticated()),

  // Storage credentials, external locations, temporary credentials
  CREATE_STORAGE_CREDENTIAL(STORAGE_CREDENTIAL, create(Privilege.CREATE_STORAGE_CREDENTIAL)),
  GET_STORAGE_CREDENTIAL(STORAGE_CREDENTIAL, see()),
  LIST_STORAGE_CREDENTIALS(STORAGE_CREDENTIAL, list(STORAGE_CREDENTIAL)),
  UPDATE_STORAGE_CREDENTIAL(STORAGE_CREDENTIAL, manage()),
  DELETE_STORAGE_CREDENTIAL(STORAGE_CREDENTIAL, manage()),
  /** Further: CREATE EXTERNAL LOCATION on the storage credential it uses. */
  CREATE_EXTERNAL_LOCATION(EXTERNAL_LOCATION, create(Privilege.CREATE_EXTERNAL_LOCATION),
      hold(Privilege.CREATE_EXTERNAL_LOCATION)),
  GET_EXTERNAL_LOCATION(EXTERNAL_LOCATION, see()),
  LIST_EXTERNAL_LOCATIONS(EXTERNAL_LOCATION, list(EXTERNAL_LOCATION)),
  /** Further: CREATE EXTERNAL LOCATION on a storage credential it moves to. */
  UPDATE_EXTERNAL_LOCATION(EXTERNAL_LOCATION, manage(), hold(Privilege.CREATE_EXTERNAL_LOCATION)),
  DELETE_EXTERNAL_LOCATION(EXTERNAL_LOCATION, manage()),
  GENERATE_TEMPORARY_TABLE_CREDENTIALS(TABLE, hold(Privilege.SELECT, Privilege.MODIFY, Privilege.EXTERNAL_USE_SCHEMA)),
  GENERATE_TEMPORARY_VOLUME_CREDENTIALS(VOLUME,
      hold(Privilege.READ_VOLUME, Privilege.WRITE_VOLUME, Privilege.EXTERNAL_USE_SCHEMA)),
  /** Further: ownership or MANAGE on the model, for READ_WRITE on a pending version. */
  GENERATE_TEMPORARY_MODEL_VERSION_CREDENTIALS(REGISTERED_MODEL,
      hold(Privilege.EXECUTE, Privilege.EXTERNAL_USE_SCHEMA), manage()),
  GENERATE_TEMPORARY_PATH_CREDENTIALS(EXTERNAL_LOCATION,
      hold(Privilege.READ_FILES, Privilege.WRITE_FILES, Privilege.CREATE_EXTERNAL_TABLE)),

  // Privileges: the permissions API, explain and who-can, SQL's GRANT/REVOKE/DENY and SHOW GRANTS
  GET_PERMISSIONS(Scope.ANY, see()),
  UPDATE_PERMISSIONS(Scope.ANY, manage()),
  GET_EFFECTIVE_PERMISSIONS(Scope.ANY, see()),
  DENY(Scope.ANY, changeDeny()),
  REVOKE_DENY(Scope.ANY, changeDeny()),
  SHOW_GRANTS(Scope.ANY, see()),
  EXPLAIN(Scope.ANY, manage()),
  WHO_CAN(Scope.ANY, manage()),
  /** The console's search: every match is decided as a GET of it would be; unseen ones are left out. */
  SEARCH_CATALOG(Set.of(CATALOG, SCHEMA, TABLE, VOLUME, FUNCTION, REGISTERED_MODEL), filtered()),
  /** Further: MANAGE on the table to ask about another principal than the caller. */
  GET_DATA_POLICIES(TABLE, see(), manage()),
  /** The caller's own access to an object it may see (BROWSE included): browse only, manage each level. */
  GET_CALLER_ACCESS(Scope.ANY, see()),

  // SQL statements beyond the catalog's own operations
  EXECUTE_SQL(Scope.NONE, authenticated()),
  RENAME_TABLE(TABLE, manage()),
  SET_PROPERTIES(Set.of(CATALOG, SCHEMA, TABLE), manage()),
  COMMENT_ON(Set.of(CATALOG, SCHEMA, TABLE, VOLUME, FUNCTION), manage()),
  COMMENT_ON_COLUMN(TABLE, manage()),
  /** ADD, RENAME and DROP COLUMN. */
  ALTER_COLUMNS(TABLE, manage()),
  REPLACE_FUNCTION(FUNCTION, manage()),
  /** Further: EXECUTE on the function the filter calls. */
  SET_ROW_FILTER(TABLE, manage(), hold(Privilege.EXECUTE)),
  DROP_ROW_FILTER(TABLE, manage()),
  /** Further: EXECUTE on the function the mask calls. */
  SET_COLUMN_MASK(TABLE, manage(), hold(Privilege.EXECUTE)),
  DROP_COLUMN_MASK(TABLE, manage()),
  SET_TAGS(Set.of(CATALOG, SCHEMA, TABLE, VOLUME), manage()),
  /** Metastore admins from any workspace; owners and managers from a workspace bound read-write. */
  GET_WORKSPACE_BINDINGS(Set.of(CATALOG, EXTERNAL_LOCATION, STORAGE_CREDENTIAL), see()),
  UPDATE_WORKSPACE_BINDINGS(Set.of(CATALOG, EXTERNAL_LOCATION, STORAGE_CREDENTIAL), manage()),
  /** CREATE POLICY, DROP POLICY. Further: EXECUTE on the function the policy calls. */
  MANAGE_POLICY(Set.of(CATALOG, SCHEMA, TABLE), manage(), hold(Privilege.EXECUTE)),
  /** SHOW POLICIES, DESCRIBE POLICY. */
  READ_POLICIES(Set.of(CATALOG, SCHEMA, TABLE), manage()),

  // Governed tags (tag policies): read by anyone signed in, changed by metastore admins
  READ_TAG_POLICIES(Scope.NONE, authenticated()),
  MANAGE_TAG_POLICIES(Scope.NONE, metastoreAdmin()),

  // Engines over gRPC
  /** Further: MODIFY when the engine asks for read-write credentials. */
  RESOLVE_TABLE(TABLE, hold(Privilege.SELECT), hold(Privilege.MODIFY)),
  /** Audited as one AUTHORIZE record per call, listing its checks. */
  AUTHORIZE(Scope.ANY, check()),
  LIST_AUTHORIZED(Set.of(CATALOG, SCHEMA, TABLE, VOLUME, FUNCTION), filtered()),
  WATCH_POLICY_VERSION(Scope.NONE, authenticated()),

  // The Iceberg REST catalog, beyond the catalog's own operations (which it shares)
  /** Further: MODIFY, which makes the vended credentials read-write. */
  LOAD_ICEBERG_TABLE(TABLE, hold(Privilege.SELECT), hold(Privilege.MODIFY)),
  COMMIT_ICEBERG_TABLE(TABLE, hold(Privilege.MODIFY)),
  /** Further: MODIFY, which makes the refreshed credentials read-write. */
  LOAD_ICEBERG_CREDENTIALS(TABLE, hold(Privilege.SELECT), hold(Privilege.MODIFY)),
  REPORT_ICEBERG_METRICS(TABLE, see()),

  // Lineage
  EMIT_LINEAGE(METASTORE, hold(Privilege.EMIT_LINEAGE)),
  /** The start must be visible; the graph shows what the caller may see. */
  GET_LINEAGE(TABLE, filtered()),
  SEARCH_LINEAGE(TABLE, filtered()),

  // Instance profiles (the IAM roles SCIM assigns): metastore admins only
  ADD_INSTANCE_PROFILE(Scope.NONE, metastoreAdmin()),
  EDIT_INSTANCE_PROFILE(Scope.NONE, metastoreAdmin()),
  REMOVE_INSTANCE_PROFILE(Scope.NONE, metastoreAdmin()),
  LIST_INSTANCE_PROFILES(Scope.NONE, metastoreAdmin()),

  // Identity and the audit trail (their endpoints check this themselves: the packages sit below authz)
  OAUTH_CLIENT_CREDENTIALS(Scope.NONE, publicly()),
  SIGN_IN(Scope.NONE, publicly()),
  MANAGE_OWN_TOKENS(Scope.NONE, authenticated()),
  /** Listing and revoking tokens; creating them for service principals is metastore admins' alone. */
  MANAGE_TOKENS(Scope.NONE, workspaceAdmin()),
  MANAGE_SECRETS(Scope.NONE, metastoreAdmin()),
  READ_PRINCIPALS(Scope.NONE, authenticated()),
  CHANGE_PRINCIPALS(Scope.NONE, metastoreAdmin()),
  READ_SCIM_SCHEMAS(Scope.NONE, authenticated()),
  READ_AUDIT_TRAIL(Scope.NONE, metastoreAdmin()),
  MANAGE_WORKSPACE_CONF(Scope.NONE, workspaceAdmin()),
  MANAGE_TOKEN_PERMISSIONS(Scope.NONE, workspaceAdmin()),
  MANAGE_WORKSPACES(Scope.NONE, metastoreAdmin()),

  // Network: IP access lists, metastore admins only
  MANAGE_IP_ACCESS_LISTS(Scope.NONE, workspaceAdmin()),

  // Routes that are not REST resources (EndpointOperations.ROUTES)
  HEALTH(Scope.NONE, publicly()),
  GET_OPENAPI(Scope.NONE, authenticated()),
  GET_METRICS(Scope.NONE, authenticated()),
  GET_CONSOLE_PAGE(Scope.NONE, publicly()),
  GET_LINEAGE_PAGE(Scope.NONE, publicly());

  private final Set<SecurableType> on;
  private final Requirement requirement;
  private final List<Requirement> further;

  Operation(SecurableType on, Requirement requirement, Requirement... further) {
    this(Set.of(on), requirement, further);
  }

  Operation(Set<SecurableType> on, Requirement requirement, Requirement... further) {
    this.on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
    this.requirement = requirement;
    this.further = List.of(further);
  }

  /** The name of its decisions in the audit trail. */
  public String auditName() {
    return name();
  }

  /** The kinds of securable it acts on; empty for operations on no securable. */
  public Set<SecurableType> on() {
    return on;
  }

  /** What it needs of every caller; for most operations, all it needs. */
  public Requirement requirement() {
    return requirement;
  }

  /** What it needs besides in some cases, each said at the constant. */
  public List<Requirement> further() {
    return further;
  }

  /** Whether it may ask for {@code privilege}, by its requirement or a further one. */
  boolean asksFor(Privilege privilege) {
    return requirement.privileges().contains(privilege)
        || further.stream().anyMatch(r -> r.privileges().contains(privilege));
  }

  /** Whether it may make a check of {@code kind}, by its requirement or a further one. */
  boolean makes(Requirement.Kind kind) {
    return requirement.kind() == kind || further.stream().anyMatch(r -> r.kind() == kind);
  }

  /** Sets of securable types named in the list above; a nested class, so usable in the constructors. */
  private static final class Scope {
    static final Set<SecurableType> ANY = EnumSet.allOf(SecurableType.class);
    static final Set<SecurableType> NONE = Set.of();
  }
}
