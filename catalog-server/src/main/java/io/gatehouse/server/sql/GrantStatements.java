package io.gatehouse.server.sql;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.AttributePolicies;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.GrantStore;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogApi.UpdateCatalog;
import io.gatehouse.server.catalog.CatalogApi.UpdateSchema;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.FunctionApi.UpdateFunction;
import io.gatehouse.server.catalog.FunctionService;
import io.gatehouse.server.catalog.MetastoreEntity;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.SecurableResolver.Resolved;
import io.gatehouse.server.catalog.SecurableResolver;
import io.gatehouse.server.catalog.TableApi.UpdateTable;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.catalog.VolumeApi.UpdateVolume;
import io.gatehouse.server.catalog.VolumeService;
import io.gatehouse.server.catalog.ModelApi.UpdateRegisteredModel;
import io.gatehouse.server.catalog.ModelService;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.credentials.CredentialsApi.UpdateCredentialRequest;
import io.gatehouse.server.credentials.CredentialsApi.UpdateExternalLocation;
import io.gatehouse.server.credentials.ExternalLocationService;
import io.gatehouse.server.credentials.StorageCredentialService;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.PrincipalEntity;
import io.gatehouse.server.permissions.PermissionsService;
import io.gatehouse.server.sql.parse.QualifiedName;
import io.gatehouse.server.sql.parse.SecurableKind;
import io.gatehouse.server.sql.parse.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/** GRANT, REVOKE, DENY, REVOKE DENY, SHOW GRANTS and ALTER ... OWNER TO. */
@ApplicationScoped
class GrantStatements {
  private final SecurableResolver resolver;
  private final PermissionsService permissions;
  private final GrantStore grantStore;
  private final Authorizer authorizer;
  private final CallerContext caller;
  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final VolumeService volumes;
  private final FunctionService functions;
  private final ModelService models;
  private final ExternalLocationService externalLocations;
  private final StorageCredentialService credentials;

  GrantStatements(SecurableResolver resolver, PermissionsService permissions, GrantStore grantStore, Authorizer authorizer,
      CallerContext caller, CatalogService catalogs, SchemaService schemas, TableService tables, VolumeService volumes,
      FunctionService functions, ModelService models, ExternalLocationService externalLocations,
      StorageCredentialService credentials) {
    this.models = models;
    this.resolver = resolver;
    this.permissions = permissions;
    this.grantStore = grantStore;
    this.authorizer = authorizer;
    this.caller = caller;
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.volumes = volumes;
    this.functions = functions;
    this.externalLocations = externalLocations;
    this.credentials = credentials;
  }

  Result change(Session session, List<String> privileges, SecurableKind kind, QualifiedName name, String principal,
      boolean add, boolean deny) {
    Resolved r = resolve(session, kind, name);
    int changed = permissions.change(r.target(), r.type(), r.id(), principal, privileges, add, deny);
    String verb = deny ? (add ? "Denied" : "Lifted the deny of") : (add ? "Granted" : "Revoked");
    String what = String.join(", ", privileges.stream().map(p -> p.replace('_', ' ')).toList());
    return Result.status(verb + " " + what + " on " + r.target().describe(r.target().securable())
        + (add ? " to " : " from ") + principal + (changed == 0 ? " (no change)" : "") + ".");
  }

  /** SHOW GRANTS [principal] ON securable: grants on the object and those it inherits. */
  Result showGrantsOn(Session session, Statement.ShowGrants show) {
    Resolved r = resolve(session, show.securable(), show.name());
    Target target = r.target();
    authorizer.require(Operation.SHOW_GRANTS, target);
    Subject subject = authorizer.subject();
    boolean manager = AccessCheck.canManage(authorizer.snapshot(), subject, target).allowed();
    Result.Builder rows = Result.rows("principal", "action_type", "object_type", "object_key");
    List<Securable> chain = target.securable().selfAndAncestors();
    for (int level = chain.size() - 1; level >= 0; level--) {
      Securable s = chain.get(level);
      String objectType = s.type() == SecurableType.STORAGE_CREDENTIAL ? "STORAGE CREDENTIAL"
          : s.type().name().replace('_', ' ');
      for (GrantStore.Row row : grantStore.on(java.util.UUID.fromString(s.id()))) {
        boolean wanted = show.principal() == null || row.principal().equalsIgnoreCase(show.principal());
        if (wanted && (manager || subject.is(row.principal()))) {
          rows.row(row.principal(), (row.deny() ? "DENY " : "") + row.privilege().sqlName(), objectType,
              target.names().get(level));
        }
      }
    }
    // GRANT and DENY policies whose condition matches the object or a container above it, as
    // object type POLICY keyed by the policy ("no_pii on catalog main"): one row per principal of
    // its TO list and privilege (EXCEPT names who are spared; DESCRIBE POLICY shows them).
    for (AttributePolicies.BoundAccess a : authorizer.snapshot().attributePolicies().accessOn(target.securable())) {
      for (String principal : a.principals().to()) {
        boolean wanted = show.principal() == null || principal.equalsIgnoreCase(show.principal());
        if (wanted && (manager || subject.is(principal))) {
          for (String privilege : a.privileges().stream().map(Privilege::sqlName).sorted().toList()) {
            rows.row(principal, (a.deny() ? "DENY " : "") + privilege, "POLICY", a.policy());
          }
        }
      }
    }
    return rows.build();
  }

  /** SHOW GRANTS TO principal: for admins, and for principals asking about themselves or their groups. */
  Result showGrantsTo(String principalName) {
    PrincipalEntity principal = PrincipalEntity.findByName(principalName);
    if (principal == null) {
      throw GatehouseException.notFound("Principal '" + Validation.printable(principalName) + "' does not exist.");
    }
    if (!caller.isAdmin() && !authorizer.subject().is(principal.name)) {
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + caller.name()
          + "' may not show the grants of '" + principal.name + "': only metastore admins may.");
    }
    Result.Builder rows = Result.rows("principal", "action_type", "object_type", "object_key");
    for (GrantStore.Held held : grantStore.to(principal.id)) {
      rows.row(principal.name, (held.deny() ? "DENY " : "") + held.privilege().sqlName(),
          held.type().name().replace('_', ' '), held.fullName());
    }
    return rows.build();
  }

  Result setOwner(Session session, Statement.SetOwner o) {
    PrincipalEntity owner = PrincipalEntity.findByName(o.owner());
    if (owner == null) {
      throw GatehouseException.notFound("Principal '" + Validation.printable(o.owner()) + "' does not exist.");
    }
    String name;
    switch (o.securable()) {
      case CATALOG -> {
        name = session.catalog(o.name());
        catalogs.update(name, new UpdateCatalog(null, null, null, owner.name, null));
      }
      case SCHEMA -> {
        name = Session.dotted(session.schema(o.name()));
        schemas.update(name, new UpdateSchema(null, null, null, owner.name));
      }
      case TABLE, VIEW -> {
        name = Session.dotted(session.object(o.name()));
        tables.update(name, new UpdateTable(owner.name));
      }
      case VOLUME -> {
        name = Session.dotted(session.object(o.name()));
        volumes.update(name, new UpdateVolume(null, null, owner.name));
      }
      case FUNCTION -> {
        name = Session.dotted(session.object(o.name()));
        functions.update(name, new UpdateFunction(owner.name));
      }
      case MODEL -> {
        name = Session.dotted(session.object(o.name()));
        models.update(name, new UpdateRegisteredModel(null, null, owner.name));
      }
      case EXTERNAL_LOCATION -> {
        name = o.name().last();
        externalLocations.update(name, new UpdateExternalLocation(null, null, null, owner.name, null, null, null));
      }
      case STORAGE_CREDENTIAL -> {
        name = o.name().last();
        credentials.update(name, new UpdateCredentialRequest(null, owner.name, null, null, null));
      }
      default -> throw unsupported(o.securable(), "a change of owner");
    }
    return Result.status("The owner of " + o.securable().keyword().toLowerCase(Locale.ROOT) + " " + name + " is now "
        + owner.name + ".");
  }

  /** The securable a GRANT-like statement names, completed with the session's defaults. */
  Resolved resolve(Session session, SecurableKind kind, QualifiedName name) {
    return switch (kind) {
      case METASTORE -> resolver.resolve("metastore", MetastoreEntity.get().name);
      case CATALOG -> resolver.resolve("catalog", session.catalog(name));
      case SCHEMA -> resolver.resolve("schema", Session.dotted(session.schema(name)));
      case TABLE, VIEW -> resolver.resolve("table", Session.dotted(session.object(name)));
      case VOLUME -> resolver.resolve("volume", Session.dotted(session.object(name)));
      case FUNCTION -> resolver.resolve("function", Session.dotted(session.object(name)));
      case MODEL -> resolver.resolve("registered_model", Session.dotted(session.object(name)));
      case EXTERNAL_LOCATION -> resolver.resolve("external_location", name.last());
      case STORAGE_CREDENTIAL -> resolver.resolve("credential", name.last());
      default -> throw unsupported(kind, "grants");
    };
  }

  static GatehouseException unsupported(SecurableKind kind, String what) {
    return new GatehouseException(ErrorCode.UNIMPLEMENTED,
        kind.keyword() + " securables do not support " + what + " yet.");
  }
}
