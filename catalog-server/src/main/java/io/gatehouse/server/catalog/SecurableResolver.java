package io.gatehouse.server.catalog;

import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Target;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.BootstrapConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.UUID;

/** Finds a securable named as the permissions API names it: a type and a full name. */
@ApplicationScoped
public class SecurableResolver {
  /** The object, its type, its id and what the policy engine needs to decide on it. */
  public record Resolved(SecurableType type, UUID id, Target target) {}

  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final VolumeService volumes;
  private final FunctionService functions;
  private final ModelService models;
  private final BootstrapConfig bootstrap;
  private final Instance<SecurableLookup> lookups;

  SecurableResolver(
      CatalogService catalogs, SchemaService schemas, TableService tables, VolumeService volumes,
      FunctionService functions, ModelService models, BootstrapConfig bootstrap, Instance<SecurableLookup> lookups) {
    this.models = models;
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.volumes = volumes;
    this.functions = functions;
    this.bootstrap = bootstrap;
    this.lookups = lookups;
  }

  public Resolved resolve(String securableType, String fullName) {
    SecurableType type;
    try {
      type = SecurableType.fromApiName(securableType);
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("Unknown securable type '" + Validation.printable(securableType) + "'.");
    }
    return switch (type) {
      case METASTORE -> {
        MetastoreEntity m = MetastoreEntity.get();
        if (!m.id.toString().equalsIgnoreCase(fullName) && !m.name.equalsIgnoreCase(fullName)) {
          throw GatehouseException.notFound("Metastore '" + Validation.printable(fullName) + "' does not exist.");
        }
        yield new Resolved(type, m.id, Securables.metastore(m, bootstrap.adminGroup()));
      }
      case CATALOG -> {
        CatalogEntity c = catalogs.find(fullName);
        yield new Resolved(type, c.id, Securables.of(c));
      }
      case SCHEMA -> {
        SchemaEntity s = schemas.find(io.gatehouse.server.common.FullName.ofSchema(fullName));
        yield new Resolved(type, s.id, Securables.of(s));
      }
      case TABLE -> child(type, tables.find(fullName));
      case VOLUME -> child(type, volumes.find(fullName));
      case FUNCTION -> child(type, functions.find(fullName));
      case REGISTERED_MODEL -> child(type, models.find(fullName));
      default -> {
        for (SecurableLookup lookup : lookups) {
          if (lookup.handles(type)) {
            yield lookup.resolve(type, fullName);
          }
        }
        throw GatehouseException.invalid("Permissions on " + type.apiName() + " securables are not supported yet.");
      }
    };
  }

  /** The securable of {@code type} with {@code id}; NOT_FOUND when there is none. */
  public Resolved resolveById(SecurableType type, String id) {
    java.util.UUID uuid;
    try {
      uuid = java.util.UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("'" + Validation.printable(id) + "' is not an id.");
    }
    Object found = switch (type) {
      case METASTORE -> MetastoreEntity.get().id.equals(uuid) ? MetastoreEntity.get() : null;
      case CATALOG -> CatalogEntity.findById(uuid);
      case SCHEMA -> SchemaEntity.findById(uuid);
      case TABLE -> TableEntity.findById(uuid);
      case VOLUME -> VolumeEntity.findById(uuid);
      case FUNCTION -> FunctionEntity.findById(uuid);
      case REGISTERED_MODEL -> RegisteredModelEntity.findById(uuid);
      default -> throw GatehouseException.invalid(type.apiName() + " securables are not supported yet.");
    };
    if (found == null) {
      throw GatehouseException.notFound("No " + type.apiName() + " has id '" + uuid + "'.");
    }
    if (found instanceof MetastoreEntity m) {
      return new Resolved(type, m.id, Securables.metastore(m, bootstrap.adminGroup()));
    }
    if (found instanceof CatalogEntity c) {
      return new Resolved(type, c.id, Securables.of(c));
    }
    if (found instanceof SchemaEntity s) {
      return new Resolved(type, s.id, Securables.of(s));
    }
    return child(type, (SchemaChildEntity) found);
  }

  private static Resolved child(SecurableType type, SchemaChildEntity x) {
    return new Resolved(type, x.id, Securables.of(x));
  }
}
