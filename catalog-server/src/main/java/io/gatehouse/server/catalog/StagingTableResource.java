package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.StagingTableApi.CreateStagingTable;
import io.gatehouse.server.catalog.StagingTableApi.StagingTableInfo;
import io.gatehouse.server.catalog.StorageLocations.Holder;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Reserves the managed location of a table before the table exists, so an engine can write the
 * first version of its data there and then create the table at that location.
 */
@Performs(Operation.CREATE_TABLE)
@ActsForEndUsers
@Path("/api/2.1/unity-catalog/staging-tables")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tables")
@Transactional
public class StagingTableResource {
  private final CallerContext caller;
  private final SchemaService schemas;
  private final StorageLocations locations;
  private final ManagedStorage managedStorage;
  private final Authorizer authorizer;

  StagingTableResource(
      CallerContext caller, SchemaService schemas, StorageLocations locations, ManagedStorage managedStorage,
      Authorizer authorizer) {
    this.authorizer = authorizer;
    this.caller = caller;
    this.schemas = schemas;
    this.locations = locations;
    this.managedStorage = managedStorage;
  }

  @POST
  public StagingTableInfo create(CreateStagingTable request) {
    Validation.required("body", request);
    String name = Validation.name("name", request.name());
    SchemaEntity schema = schemas.find("catalog_name", request.catalogName(), "schema_name", request.schemaName());
    authorizer.require(Operation.CREATE_TABLE, Securables.of(schema));
    if (SchemaChildEntity.nameTaken(TableEntity.class, schema, name)) {
      throw new GatehouseException(
          ErrorCode.TABLE_ALREADY_EXISTS, "Table '" + schema.fullName() + "." + name + "' already exists.");
    }
    StagingTableEntity staging = new StagingTableEntity();
    staging.id = UUID.randomUUID();
    staging.schema = schema;
    staging.name = name;
    staging.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    staging.createdBy = caller.name();
    StorageLocation location = managedStorage.tableLocation(schema, staging.id);
    staging.stagingLocation = location.toString();
    // The claim carries the id the table will have, so it passes to the table unchanged.
    locations.claim(location, Holder.TABLE, staging.id);
    staging.persistAndFlush();
    return new StagingTableInfo(
        name, schema.catalog.name, schema.name, staging.id.toString(), staging.stagingLocation);
  }
}
