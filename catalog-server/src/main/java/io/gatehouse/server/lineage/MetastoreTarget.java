package io.gatehouse.server.lineage;

import io.gatehouse.policy.Target;
import io.gatehouse.server.catalog.MetastoreEntity;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.identity.BootstrapConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The metastore as the policy engine sees it, read once: its row is written by the first
 * migration and never changes, and the admin group comes from configuration.
 */
@ApplicationScoped
public class MetastoreTarget {
  private final BootstrapConfig bootstrap;
  private volatile Target target;

  MetastoreTarget(BootstrapConfig bootstrap) {
    this.bootstrap = bootstrap;
  }

  public Target get() {
    Target t = target;
    if (t == null) {
      t = Securables.metastore(MetastoreEntity.get(), bootstrap.adminGroup());
      target = t;
    }
    return t;
  }
}
