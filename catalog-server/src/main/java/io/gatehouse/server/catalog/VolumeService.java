package io.gatehouse.server.catalog;

import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.StorageLocations.Holder;
import io.gatehouse.server.catalog.VolumeApi.CreateVolume;
import io.gatehouse.server.catalog.VolumeApi.UpdateVolume;
import io.gatehouse.server.catalog.VolumeApi.VolumeType;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Volumes: governed folders of files, managed (location assigned here) or external. */
@ApplicationScoped
@Transactional
public class VolumeService {
  static final String PAGE_KIND = "volumes";

  private final CallerContext caller;
  private final SchemaService schemas;
  private final Authorizer authorizer;
  private final StorageLocations locations;
  private final ManagedStorage managedStorage;
  private final StorageAdmission admission;
  private final SchemaChildren<VolumeEntity> children;
  private final AuditTrail trail;

  VolumeService(CallerContext caller, SchemaService schemas, Authorizer authorizer, StorageLocations locations,
      ManagedStorage managedStorage, StorageAdmission admission,
      AuditTrail trail, PinnedSecurables pinned) {
    this.admission = admission;
    this.caller = caller;
    this.schemas = schemas;
    this.authorizer = authorizer;
    this.locations = locations;
    this.managedStorage = managedStorage;
    this.children = new SchemaChildren<>(VolumeEntity.class, "Volume", ErrorCode.ALREADY_EXISTS, schemas, pinned);
    this.trail = trail;
  }

  public VolumeEntity create(CreateVolume request) {
    Validation.required("body", request);
    String name = Validation.name("name", request.name());
    VolumeType type = Validation.required("volume_type", request.volumeType());
    VolumeEntity volume = new VolumeEntity();
    volume.stampCreated(caller.name());
    volume.name = name;
    volume.volumeType = type.name();
    volume.comment = Validation.comment("comment", request.comment());
    StorageLocation location;
    if (type == VolumeType.EXTERNAL) {
      location = StorageLocation.parse("storage_location", request.storageLocation());
    } else if (request.storageLocation() != null) {
      throw GatehouseException.invalid(
          "Field 'storage_location' must not be set for a MANAGED volume; the catalog assigns it.");
    } else {
      location = null;
    }
    volume.schema = schemas.find("catalog_name", request.catalogName(), "schema_name", request.schemaName());
    authorizer.require(Operation.CREATE_VOLUME, Securables.of(volume.schema));
    children.requireFreeName(volume.schema, name);
    if (location == null) {
      location = managedStorage.volumeLocation(volume.schema, volume.id);
    } else {
      admission.admit(Operation.CREATE_VOLUME, location, StorageAdmission.Use.EXTERNAL_VOLUME);
    }
    volume.storageLocation = location.toString();
    locations.claim(location, Holder.VOLUME, volume.id);
    volume.persistAndFlush();
    return volume;
  }

  /** The volume, for a caller that may see it. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public VolumeEntity get(String fullName) {
    return get(fullName, false);
  }

  /** As {@link #get(String)}; with {@code includeBrowse}, BROWSE alone is enough (metadata only). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public VolumeEntity get(String fullName, boolean includeBrowse) {
    return children.get(fullName, target -> authorizer.require(Operation.GET_VOLUME, target, includeBrowse));
  }

  /** The volume, without an authorization check: for operations that check their own rights. */
  // Lookups join the caller's transaction if there is one and start none.
  @Transactional(Transactional.TxType.SUPPORTS)
  VolumeEntity find(String fullName) {
    return children.find(fullName);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Listing<VolumeEntity> list(String catalogName, String schemaName, PageRequest page) {
    return list(catalogName, schemaName, page, false);
  }

  /** As {@link #list}; with {@code includeBrowse} also the children the caller may only BROWSE. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Listing<VolumeEntity> list(String catalogName, String schemaName, PageRequest page, boolean includeBrowse) {
    return children.list(catalogName, schemaName, page,
        schema -> authorizer.visibleChildren(Operation.LIST_VOLUMES, schema, includeBrowse));
  }

  public VolumeEntity update(String fullName, UpdateVolume request) {
    Validation.required("body", request);
    VolumeEntity volume = find(fullName);
    authorizer.require(Operation.UPDATE_VOLUME, Securables.of(volume));
    if (request.newName() != null && !request.newName().equals(volume.name)) {
      String newName = Validation.name("new_name", request.newName());
      VolumeEntity other =
          SchemaChildEntity.findByName(
              VolumeEntity.class, new FullName(volume.schema.catalog.name, volume.schema.name, newName));
      if (other != null && !other.id.equals(volume.id)) {
        throw children.alreadyExists(volume.schema, newName);
      }
      volume.name = newName;
    }
    if (request.comment() != null) {
      volume.comment = Validation.comment("comment", request.comment());
    }
    Owners.transfer(volume, request.owner(), () -> Securables.of(volume), trail);
    volume.stampUpdated(caller.name());
    volume.flush();
    return volume;
  }

  public void delete(String fullName) {
    VolumeEntity volume = find(fullName);
    authorizer.require(Operation.DELETE_VOLUME, Securables.of(volume));
    locations.release(volume.id);
    volume.delete();
  }
}
