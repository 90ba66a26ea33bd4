package io.gatehouse.server.catalog;

import io.gatehouse.policy.Target;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.server.audit.AuditLog;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.audit.EventLoopDatabase;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Visibility;
import io.gatehouse.server.catalog.CatalogApi.CreateCatalog;
import io.gatehouse.server.catalog.CatalogApi.UpdateCatalog;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.BootstrapConfig;
import io.gatehouse.server.identity.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.sqlclient.Pool;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Catalogs: the first level of the three-level namespace. */
@ApplicationScoped
@Transactional
public class CatalogService {
  static final String PAGE_KIND = "catalogs";

  private final CallerContext caller;
  private final StorageLocations locations;
  private final Authorizer authorizer;
  private final BootstrapConfig bootstrap;
  private final StorageAdmission admission;
  private final AuditTrail trail;
  private final PinnedSecurables pinned;
  private final ObjectMapper json;
  private final AuditLog audit;

  private final EventLoopDatabase eventLoop;

  CatalogService(CallerContext caller, StorageLocations locations, Authorizer authorizer, BootstrapConfig bootstrap,
      StorageAdmission admission, AuditTrail trail, PinnedSecurables pinned, ObjectMapper json, AuditLog audit,
      EventLoopDatabase eventLoop) {
    this.eventLoop = eventLoop;
    this.pinned = pinned;
    this.json = json;
    this.audit = audit;
    this.admission = admission;
    this.caller = caller;
    this.locations = locations;
    this.authorizer = authorizer;
    this.bootstrap = bootstrap;
    this.trail = trail;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  Target metastore() {
    return Securables.metastore(MetastoreEntity.get(), bootstrap.adminGroup());
  }

  public CatalogEntity create(CreateCatalog request) {
    Validation.required("body", request);
    String name = Validation.name("name", request.name());
    authorizer.require(Operation.CREATE_CATALOG, metastore());
    CatalogEntity catalog = new CatalogEntity();
    catalog.stampCreated(caller.name());
    catalog.name = name;
    catalog.comment = Validation.comment("comment", request.comment());
    catalog.properties = StoredJson.write(Validation.properties("properties", request.properties()));
    if (request.storageRoot() != null) {
      StorageLocation root = StorageLocation.parse("storage_root", request.storageRoot());
      admission.admit(Operation.CREATE_CATALOG, root, StorageAdmission.Use.MANAGED_STORAGE);
      catalog.storageRoot = root.toString();
      catalog.storageLocation = ManagedStorage.catalogLocation(root, catalog.id).toString();
    }
    if (CatalogEntity.findByName(name) != null) {
      throw alreadyExists(name);
    }
    catalog.persistAndFlush();
    return catalog;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  /** The catalog, for a caller that may see it. */
  public CatalogEntity get(String name) {
    return get(name, false);
  }

  /** As {@link #get(String)}; with {@code includeBrowse}, BROWSE alone is enough (metadata only). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CatalogEntity get(String name, boolean includeBrowse) {
    Validation.name("name", name);
    Target target = pinned.catalog(name);
    if (target != null) {
      // Decided on the snapshot's catalog, then read by id unless it changed since.
      authorizer.require(Operation.GET_CATALOG, target, includeBrowse);
      CatalogEntity catalog = CatalogEntity.findById(PinnedSecurables.id(target));
      if (catalog != null && catalog.name.equalsIgnoreCase(name)) {
        return catalog;
      }
    }
    CatalogEntity catalog = find(name);
    authorizer.require(Operation.GET_CATALOG, Securables.of(catalog), includeBrowse);
    return catalog;
  }

  /** The catalog, without an authorization check: for operations that check their own rights. */
  // Lookups join the caller's transaction if there is one and start none.
  @Transactional(Transactional.TxType.SUPPORTS)
  CatalogEntity find(String name) {
    Validation.name("name", name);
    CatalogEntity catalog = CatalogEntity.findByName(name);
    if (catalog == null) {
      throw GatehouseException.notFound("Catalog '" + name + "' does not exist.");
    }
    return catalog;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CatalogEntity> list(PageRequest page) {
    return list(page, false);
  }

  /** As {@link #list}; with {@code includeBrowse} also the children the caller may only BROWSE. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CatalogEntity> list(PageRequest page, boolean includeBrowse) {
    Target metastore = pinned.metastore();
    Visibility visible = authorizer.visibleChildren(Operation.LIST_CATALOGS, metastore != null ? metastore : metastore(),
        includeBrowse);
    return VisibleFilter.page(CatalogEntity.class, null, null, visible, page);
  }

  /**
   * As {@link #list}, for REST: the page already written as the response's JSON ({@link
   * CatalogPage}), decided as {@link #list} decides, its record written in the round trip that
   * reads the page.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public byte[] listJson(PageRequest page, boolean includeBrowse) {
    Target metastore = pinned.metastore();
    Authorizer.ReadListing listing = authorizer.visibleChildrenRead(Operation.LIST_CATALOGS,
        metastore != null ? metastore : metastore(), includeBrowse);
    return CatalogPage.render(json, audit, listing.record(), listing.visible(), page);
  }

  /**
   * As {@link #listJson}, on the event loop, without blocking: completes with null where it
   * cannot answer so (the snapshot not yet loaded), and the caller then calls
   * {@link #listJson} on a worker thread. Listing catalogs refuses nobody: the metastore is seen
   * by all, and what each caller sees of it is the page's condition.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public CompletionStage<byte[]> listJsonWithoutBlocking(PageRequest page, boolean includeBrowse) {
    Target metastore = pinned.metastore();
    if (metastore == null) {
      return CompletableFuture.completedFuture(null);
    }
    Pool pool = eventLoop.pool().orElseThrow();
    Authorizer.ReadListing listing = authorizer.visibleChildrenRead(Operation.LIST_CATALOGS, metastore, includeBrowse);
    return CatalogPage.render(json, audit, pool, listing.record(), listing.visible(), page);
  }

  public CatalogEntity update(String name, UpdateCatalog request) {
    Validation.required("body", request);
    CatalogEntity catalog = find(name);
    authorizer.require(Operation.UPDATE_CATALOG, Securables.of(catalog));
    if (request.newName() != null && !request.newName().equals(catalog.name)) {
      String newName = Validation.name("new_name", request.newName());
      CatalogEntity other = CatalogEntity.findByName(newName);
      if (other != null && !other.id.equals(catalog.id)) {
        throw alreadyExists(newName);
      }
      catalog.name = newName;
    }
    if (request.comment() != null) {
      catalog.comment = Validation.comment("comment", request.comment());
    }
    // Unity Catalog clients send an empty map when properties are not being changed.
    if (request.properties() != null && !request.properties().isEmpty()) {
      catalog.properties = StoredJson.write(Validation.properties("properties", request.properties()));
    }
    Owners.transfer(catalog, request.owner(), () -> Securables.of(catalog), trail);
    if (request.isolationMode() != null) {
      isolate(catalog, request.isolationMode());
    }
    catalog.stampUpdated(caller.name());
    catalog.flush();
    return catalog;
  }

  /**
   * Sets the catalog's isolation mode. A catalog isolated with no binding yet is bound read-write
   * to the workspace it was isolated from, as Databricks does, so that it stays reachable there.
   */
  private void isolate(CatalogEntity catalog, String mode) {
    String isolation = Isolation.change(catalog.getEntityManager(), io.gatehouse.policy.SecurableType.CATALOG, catalog.id,
        catalog.isolationMode, mode, caller.workspace());
    if (!isolation.equals(catalog.isolationMode)) {
      trail.succeeded("SET_ISOLATION_MODE", Securables.of(catalog), "isolation_mode=" + isolation);
    }
    catalog.isolationMode = isolation;
  }

  public void delete(String name, boolean force) {
    CatalogEntity catalog = find(name);
    authorizer.require(Operation.DELETE_CATALOG, Securables.of(catalog));
    long schemas = SchemaEntity.count("catalog", catalog);
    if (schemas > 0 && !force) {
      throw GatehouseException.failedPrecondition(
          "Catalog '" + catalog.name + "' is not empty (" + schemas + " schema(s)); delete them first or pass force=true.");
    }
    locations.releaseCatalog(catalog.id);
    catalog.delete();
  }

  private static GatehouseException alreadyExists(String name) {
    return new GatehouseException(ErrorCode.CATALOG_ALREADY_EXISTS, "Catalog '" + name + "' already exists.");
  }
}
