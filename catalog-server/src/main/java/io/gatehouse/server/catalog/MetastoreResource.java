package io.gatehouse.server.catalog;

import io.gatehouse.server.catalog.CatalogApi.MetastoreSummary;
import io.gatehouse.server.identity.Principal;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/2.1/unity-catalog/metastore_summary")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Metastores")
public class MetastoreResource {
  private final ManagedStorage managedStorage;

  MetastoreResource(ManagedStorage managedStorage) {
    this.managedStorage = managedStorage;
  }

  @GET
  public MetastoreSummary summary() {
    MetastoreEntity metastore = MetastoreEntity.get();
    return new MetastoreSummary(
        metastore.id.toString(),
        metastore.name,
        managedStorage.metastoreRoot().toString(),
        SecurableEntity.millis(metastore.createdAt),
        Principal.BUILTIN_ADMIN.name());
  }
}
