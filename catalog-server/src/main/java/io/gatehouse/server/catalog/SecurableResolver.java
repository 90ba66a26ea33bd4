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
  private final BootstrapConfig bootstrap;
  private final Instance<SecurableLookup> lookups;

  SecurableResolver(
      CatalogService catalogs, SchemaService schemas, TableService tables, VolumeService volumes,
      FunctionService functions, BootstrapConfig bootstrap, Instance<SecurableLookup> lookups) {
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

  private static Resolved child(SecurableType type, SchemaChildEntity x) {
    return new Resolved(type, x.id, Securables.of(x));
  }
}
