package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.CatalogApi.MetastoreSummary;
import io.gatehouse.server.identity.BootstrapConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Performs(Operation.GET_METASTORE_SUMMARY)
@ActsForEndUsers
@Path("/api/2.1/unity-catalog/metastore_summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metastores")
public class MetastoreResource {
  private final ManagedStorage managedStorage;
  private final BootstrapConfig bootstrap;

  MetastoreResource(ManagedStorage managedStorage, BootstrapConfig bootstrap) {
    this.managedStorage = managedStorage;
    this.bootstrap = bootstrap;
  }

  @GET
  public MetastoreSummary summary() {
    MetastoreEntity metastore = MetastoreEntity.get();
    return new MetastoreSummary(
        metastore.id.toString(),
        metastore.name,
        managedStorage.metastoreRoot().toString(),
        SecurableEntity.millis(metastore.createdAt),
        // The admin group owns the metastore: its members are the metastore admins.
        bootstrap.adminGroup());
  }
}
