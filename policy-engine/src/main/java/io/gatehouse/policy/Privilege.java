package io.gatehouse.policy;

import static io.gatehouse.policy.SecurableType.CATALOG;
import static io.gatehouse.policy.SecurableType.EXTERNAL_LOCATION;
import static io.gatehouse.policy.SecurableType.FUNCTION;
import static io.gatehouse.policy.SecurableType.METASTORE;
import static io.gatehouse.policy.SecurableType.REGISTERED_MODEL;
import static io.gatehouse.policy.SecurableType.SCHEMA;
import static io.gatehouse.policy.SecurableType.STORAGE_CREDENTIAL;
import static io.gatehouse.policy.SecurableType.TABLE;
import static io.gatehouse.policy.SecurableType.VOLUME;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The privileges of Unity Catalog, each grantable only on the securable types where Databricks
 * allows it. A privilege granted on a container is inherited by everything below it, so
 * table privileges are grantable on schemas and catalogs too.
 */
public enum Privilege {
  CREATE_CATALOG(METASTORE),
  CREATE_EXTERNAL_LOCATION(METASTORE, STORAGE_CREDENTIAL),
  CREATE_STORAGE_CREDENTIAL(METASTORE),
  /**
   * Send OpenLineage events (Gatehouse's own; Unity Catalog records lineage from its own compute
   * only). Granted to the service principals of pipelines; not part of ALL PRIVILEGES, which is
   * not grantable on the metastore.
   */
  EMIT_LINEAGE(METASTORE),
  USE_CATALOG(CATALOG),
  USE_SCHEMA(CATALOG, SCHEMA),
  BROWSE(CATALOG, SCHEMA, EXTERNAL_LOCATION),
  CREATE_SCHEMA(CATALOG),
  CREATE_TABLE(CATALOG, SCHEMA),
  CREATE_VOLUME(CATALOG, SCHEMA),
  CREATE_FUNCTION(CATALOG, SCHEMA),
  CREATE_MODEL(CATALOG, SCHEMA),
  SELECT(CATALOG, SCHEMA, TABLE),
  MODIFY(CATALOG, SCHEMA, TABLE),
  EXECUTE(CATALOG, SCHEMA, FUNCTION, REGISTERED_MODEL),
  READ_VOLUME(CATALOG, SCHEMA, VOLUME),
  WRITE_VOLUME(CATALOG, SCHEMA, VOLUME),
  EXTERNAL_USE_SCHEMA(CATALOG, SCHEMA),
  CREATE_EXTERNAL_TABLE(EXTERNAL_LOCATION, STORAGE_CREDENTIAL),
  CREATE_EXTERNAL_VOLUME(EXTERNAL_LOCATION),
  CREATE_MANAGED_STORAGE(EXTERNAL_LOCATION),
  READ_FILES(EXTERNAL_LOCATION, STORAGE_CREDENTIAL),
  WRITE_FILES(EXTERNAL_LOCATION, STORAGE_CREDENTIAL),
  /** Grant, revoke, transfer ownership and drop without owning; not implied by ALL PRIVILEGES. */
  MANAGE(CATALOG, SCHEMA, TABLE, VOLUME, FUNCTION, REGISTERED_MODEL, EXTERNAL_LOCATION, STORAGE_CREDENTIAL),
  /** Every privilege valid on the securable and below it, except MANAGE. */
  ALL_PRIVILEGES(CATALOG, SCHEMA, TABLE, VOLUME, FUNCTION, REGISTERED_MODEL, EXTERNAL_LOCATION, STORAGE_CREDENTIAL);

  private final Set<SecurableType> grantableOn;
  private final String accessType;

  Privilege(SecurableType first, SecurableType... rest) {
    this.grantableOn = EnumSet.of(first, rest);
    this.accessType = name().toLowerCase(Locale.ROOT);
  }

  public boolean grantableOn(SecurableType type) {
    return grantableOn.contains(type);
  }

  public Set<SecurableType> grantableOn() {
    return grantableOn;
  }

  /**
   * Whether this privilege is checked on objects of {@code type}: what a grant on a container
   * passes down to it. USE SCHEMA granted on a catalog reaches its schemas but not its tables;
   * SELECT reaches tables; BROWSE and MANAGE reach everything below.
   */
  public boolean checkedOn(SecurableType type) {
    return switch (this) {
      case USE_CATALOG, CREATE_SCHEMA -> type == CATALOG;
      case USE_SCHEMA, EXTERNAL_USE_SCHEMA, CREATE_TABLE, CREATE_VOLUME, CREATE_FUNCTION, CREATE_MODEL -> type == SCHEMA;
      case SELECT, MODIFY -> type == TABLE;
      case EXECUTE -> type == FUNCTION || type == REGISTERED_MODEL;
      case READ_VOLUME, WRITE_VOLUME -> type == VOLUME;
      case BROWSE, MANAGE -> type != METASTORE;
      case ALL_PRIVILEGES -> false;
      default -> grantableOn.contains(type);
    };
  }

  /** As Unity Catalog writes it: {@code USE CATALOG}. */
  public String sqlName() {
    return name().replace('_', ' ');
  }

  /** The Ranger access type: {@code use_catalog}. */
  public String accessType() {
    return accessType;
  }

  /** Whether ALL PRIVILEGES includes this privilege. */
  public boolean impliedByAll() {
    return this != MANAGE && this != ALL_PRIVILEGES;
  }

  /**
   * Whether the privilege only reads: what a workspace bound read-only to a catalog may still use
   * ({@link WorkspaceBindings}). Every other privilege changes something.
   */
  public boolean onlyReads() {
    return switch (this) {
      case USE_CATALOG, USE_SCHEMA, BROWSE, SELECT, EXECUTE, READ_VOLUME, EXTERNAL_USE_SCHEMA, READ_FILES -> true;
      default -> false;
    };
  }

  /** Reads {@code USE CATALOG}, {@code use_catalog} or {@code USE_CATALOG}. */
  public static Privilege parse(String text) {
    String key = text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s_]+", "_");
    return Privilege.valueOf(key);
  }
}
