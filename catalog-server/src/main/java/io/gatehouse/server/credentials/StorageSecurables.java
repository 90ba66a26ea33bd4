package io.gatehouse.server.credentials;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.Grant;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.catalog.MetastoreEntity;
import io.gatehouse.server.catalog.SecurableLookup;
import io.gatehouse.server.catalog.SecurableResolver.Resolved;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.BootstrapConfig;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Storage credentials and external locations as the policy engine sees them (stand-alone
 * securables: one level, their own owner), found by name for the permissions API and SQL, and
 * the visibility rule of their listings.
 */
@ApplicationScoped
public class StorageSecurables implements SecurableLookup {
  // No principal has this name: principal names are validated and never hold a NUL.
  private static final String NOT_AN_OWNER = "\u0000";
  private final BootstrapConfig bootstrap;

  StorageSecurables(BootstrapConfig bootstrap) {
    this.bootstrap = bootstrap;
  }

  public static Target of(StorageCredentialEntity c) {
    return new Target(Securable.of(SecurableType.STORAGE_CREDENTIAL, c.id.toString()), List.of(c.owner), List.of(c.name));
  }

  public static Target of(ExternalLocationEntity l) {
    return new Target(Securable.of(SecurableType.EXTERNAL_LOCATION, l.id.toString()), List.of(l.owner), List.of(l.name));
  }

  Target metastore() {
    return Securables.metastore(MetastoreEntity.get(), bootstrap.adminGroup());
  }

  @Override
  public boolean handles(SecurableType type) {
    return type == SecurableType.STORAGE_CREDENTIAL || type == SecurableType.EXTERNAL_LOCATION;
  }

  @Override
  public Resolved resolve(SecurableType type, String name) {
    if (type == SecurableType.STORAGE_CREDENTIAL) {
      StorageCredentialEntity c = credential(name);
      return new Resolved(type, c.id, of(c));
    }
    ExternalLocationEntity l = location(name);
    return new Resolved(type, l.id, of(l));
  }

  static StorageCredentialEntity credential(String name) {
    Validation.name("name", name);
    StorageCredentialEntity c = StorageCredentialEntity.findByName(name);
    if (c == null) {
      throw GatehouseException.notFound("Storage credential '" + name + "' does not exist.");
    }
    return c;
  }

  static ExternalLocationEntity location(String name) {
    Validation.name("name", name);
    ExternalLocationEntity l = ExternalLocationEntity.findByName(name);
    if (l == null) {
      throw GatehouseException.notFound("External location '" + name + "' does not exist.");
    }
    return l;
  }

  /**
   * The listing condition on alias {@code x} for the caller: never the isolated rows its
   * workspace is not bound to; of the others, all for admins; otherwise what the caller (or a
   * group of it) owns, or what a grant to it names and the same rule as a get lets it see (so a
   * deny that cancels the grant hides the row), worked out once from the snapshot.
   */
  static Visible visible(Authorizer authorizer, SecurableType type) {
    Subject subject = authorizer.subject();
    PolicySnapshot snapshot = authorizer.snapshot();
    Set<UUID> unreachable = new HashSet<>();
    for (String id : snapshot.bindings().unreachable(subject.workspace(), type)) {
      unreachable.add(UUID.fromString(id));
    }
    if (subject.metastoreAdmin()) {
      return unreachable.isEmpty() ? new Visible("", new Parameters())
          : new Visible(" and x.id not in :unreachable", Parameters.with("unreachable", unreachable));
    }
    if (!unreachable.isEmpty()) {
      Visible owned = visibleToCaller(snapshot, subject, type);
      return new Visible(" and x.id not in :unreachable" + owned.condition(),
          owned.parameters().and("unreachable", unreachable));
    }
    return visibleToCaller(snapshot, subject, type);
  }

  private static Visible visibleToCaller(PolicySnapshot snapshot, Subject subject, SecurableType type) {
    Set<UUID> ids = new HashSet<>();
    for (Grant g : snapshot.grantsTo(subject.names())) {
      Securable securable = g.securable();
      // Owned rows are matched by the owner condition below; this target stands for a row the
      // caller does not own.
      if (!g.deny() && securable.type() == type
          && AccessCheck.canSee(snapshot, subject, new Target(securable, List.of(NOT_AN_OWNER))).allowed()) {
        ids.add(UUID.fromString(securable.id()));
      }
    }
    ids.add(new UUID(0, 0)); // an id no row has, so that the IN list is never empty
    return new Visible(" and (lower(x.owner) in :owners or x.id in :ids)",
        Parameters.with("owners", subject.names()).and("ids", ids));
  }

  record Visible(String condition, Parameters parameters) {}
}
