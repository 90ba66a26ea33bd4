package io.gatehouse.server.catalog;

import io.gatehouse.policy.Target;
import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Visibility;
import io.gatehouse.server.catalog.ModelApi.CreateModelVersion;
import io.gatehouse.server.catalog.ModelApi.CreateRegisteredModel;
import io.gatehouse.server.catalog.ModelApi.FinalizeModelVersion;
import io.gatehouse.server.catalog.ModelApi.ModelVersionStatus;
import io.gatehouse.server.catalog.ModelApi.UpdateModelVersion;
import io.gatehouse.server.catalog.ModelApi.UpdateRegisteredModel;
import io.gatehouse.server.catalog.ModelVersionEntity.Status;
import io.gatehouse.server.catalog.StorageLocations.Holder;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;

/**
 * Registered models and their versions (docs/models.md). A model is a schema's child like a
 * volume, with a managed location assigned here; its versions are numbered from 1, start
 * PENDING_REGISTRATION, and are finalized READY (or FAILED_REGISTRATION) once their artifacts
 * are written under {@code <model location>/versions/<version>}. Versions are decided on their
 * model: EXECUTE to read them, ownership or MANAGE to create, change, finalize or delete them.
 */
@ApplicationScoped
@Transactional
public class ModelService {
  static final String PAGE_KIND = "registered-models";
  static final String ACROSS_PAGE_KIND = "registered-models-across";
  static final String VERSION_PAGE_KIND = "model-versions";
  static final int MAX_SOURCE_LENGTH = 4096;

  private final CallerContext caller;
  private final SchemaService schemas;
  private final CatalogService catalogs;
  private final Authorizer authorizer;
  private final StorageLocations locations;
  private final ManagedStorage managedStorage;
  private final SchemaChildren<RegisteredModelEntity> children;
  private final AuditTrail trail;

  ModelService(CallerContext caller, SchemaService schemas, CatalogService catalogs, Authorizer authorizer,
      StorageLocations locations, ManagedStorage managedStorage, AuditTrail trail, PinnedSecurables pinned) {
    this.caller = caller;
    this.schemas = schemas;
    this.catalogs = catalogs;
    this.authorizer = authorizer;
    this.locations = locations;
    this.managedStorage = managedStorage;
    this.children = new SchemaChildren<>(RegisteredModelEntity.class, "Registered model", ErrorCode.ALREADY_EXISTS,
        schemas, pinned);
    this.trail = trail;
  }

  public RegisteredModelEntity create(CreateRegisteredModel request) {
    Validation.required("body", request);
    String name = Validation.name("name", request.name());
    RegisteredModelEntity model = new RegisteredModelEntity();
    model.stampCreated(caller.name());
    model.name = name;
    model.comment = Validation.comment("comment", request.comment());
    model.schema = schemas.find("catalog_name", request.catalogName(), "schema_name", request.schemaName());
    authorizer.require(Operation.CREATE_REGISTERED_MODEL, Securables.of(model.schema));
    children.requireFreeName(model.schema, name);
    StorageLocation location = managedStorage.modelLocation(model.schema, model.id);
    model.storageLocation = location.toString();
    locations.claim(location, Holder.MODEL, model.id);
    model.persistAndFlush();
    return model;
  }

  /** The model, for a caller that may see it; with {@code includeBrowse}, BROWSE alone is enough. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public RegisteredModelEntity get(String fullName, boolean includeBrowse) {
    return children.get(fullName, target -> authorizer.require(Operation.GET_REGISTERED_MODEL, target, includeBrowse));
  }

  /** The model, without an authorization check: for operations that check their own rights. */
  @Transactional(Transactional.TxType.SUPPORTS)
  RegisteredModelEntity find(String fullName) {
    return children.find(fullName);
  }

  /**
   * One page of the models the caller may see: in a schema (both names given), across a
   * catalog's schemas (only {@code catalogName}) or across every catalog (neither). Schemas the
   * caller may not see are left out of a listing across them, not refused.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Listing<RegisteredModelEntity> list(String catalogName, String schemaName, PageRequest page, boolean includeBrowse) {
    if (schemaName != null) {
      if (catalogName == null) {
        throw GatehouseException.invalid("Parameter 'schema_name' needs 'catalog_name'.");
      }
      return children.list(catalogName, schemaName, page,
          schema -> authorizer.visibleChildren(Operation.LIST_REGISTERED_MODELS, schema, includeBrowse));
    }
    CatalogEntity catalog = catalogName == null ? null : catalogs.find(Validation.name("catalog_name", catalogName));
    var schemaQuery = Panache.getEntityManager()
        .createQuery("from SchemaEntity s join fetch s.catalog c" + (catalog == null ? "" : " where s.catalog = :catalog"),
            SchemaEntity.class);
    if (catalog != null) {
      schemaQuery.setParameter("catalog", catalog);
    }
    List<SchemaEntity> scope = schemaQuery.setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
    return new Listing<>(across(scope, page, includeBrowse, catalog));
  }

  /** The listing across {@code scope}'s schemas, by {@code catalog.schema.name} in lower case. */
  private List<RegisteredModelEntity> across(List<SchemaEntity> scope, PageRequest page, boolean includeBrowse,
      CatalogEntity catalog) {
    List<String> terms = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    for (SchemaEntity schema : scope) {
      Visibility visible = authorizer.visibleChildrenIfSeen(Operation.LIST_REGISTERED_MODELS, Securables.of(schema),
          includeBrowse);
      if (visible == null) {
        continue;
      }
      String n = "s" + params.size();
      params.put(n, schema.id);
      VisibleFilter filter = VisibleFilter.of(visible, "x");
      String condition = filter.condition();
      for (Map.Entry<String, Object> p : filter.parameters().entrySet()) {
        String renamed = n + p.getKey();
        condition = condition.replace(":" + p.getKey(), ":" + renamed);
        params.put(renamed, p.getValue());
      }
      terms.add("(s.id = :" + n + condition + ")");
    }
    Target audited = catalog == null ? null : Securables.of(catalog);
    authorizer.allowed(Operation.LIST_REGISTERED_MODELS, audited,
        "models of " + terms.size() + " of " + scope.size() + " schema(s) the caller may see");
    if (terms.isEmpty()) {
      return List.of();
    }
    String key = "lower(c.name) || '.' || lower(s.name) || '.' || lower(x.name)";
    var query = Panache.getEntityManager()
        .createQuery("from RegisteredModelEntity x join fetch x.schema s join fetch s.catalog c where " + key
            + " > :after and (" + String.join(" or ", terms) + ") order by " + key, RegisteredModelEntity.class)
        .setParameter("after", page.after() == null ? "" : page.after());
    params.forEach(query::setParameter);
    return query.setMaxResults(page.size() + 1).setHint(HibernateHints.HINT_READ_ONLY, true).getResultList();
  }

  /** The sort key of a listing across schemas. */
  static String acrossKey(RegisteredModelEntity m) {
    return SchemaChildEntity.key(m.schema.catalog.name) + "." + SchemaChildEntity.key(m.schema.name) + "."
        + SchemaChildEntity.key(m.name);
  }

  public RegisteredModelEntity update(String fullName, UpdateRegisteredModel request) {
    Validation.required("body", request);
    RegisteredModelEntity model = find(fullName);
    authorizer.require(Operation.UPDATE_REGISTERED_MODEL, Securables.of(model));
    if (request.newName() != null && !request.newName().equals(model.name)) {
      String newName = Validation.name("new_name", request.newName());
      RegisteredModelEntity other = SchemaChildEntity.findByName(
          RegisteredModelEntity.class, new FullName(model.schema.catalog.name, model.schema.name, newName));
      if (other != null && !other.id.equals(model.id)) {
        throw children.alreadyExists(model.schema, newName);
      }
      model.name = newName;
    }
    if (request.comment() != null) {
      model.comment = Validation.comment("comment", request.comment());
    }
    Owners.transfer(model, request.owner(), () -> Securables.of(model), trail);
    model.stampUpdated(caller.name());
    model.flush();
    return model;
  }

  /** Deletes the model; one with versions only with {@code force} (they go with it). */
  public void delete(String fullName, boolean force) {
    RegisteredModelEntity model = find(fullName);
    authorizer.require(Operation.DELETE_REGISTERED_MODEL, Securables.of(model));
    long versions = ModelVersionEntity.count("model", model);
    if (versions > 0 && !force) {
      throw GatehouseException.failedPrecondition("Registered model '" + model.fullName() + "' has " + versions
          + " version(s); delete them first or pass force=true.");
    }
    locations.release(model.id);
    model.delete();
  }

  // Versions

  public ModelVersionEntity createVersion(CreateModelVersion request) {
    Validation.required("body", request);
    String modelName = Validation.name("model_name", request.modelName());
    String source = Validation.required("source", request.source(), MAX_SOURCE_LENGTH);
    String runId = Validation.text("run_id", request.runId(), Validation.MAX_NAME_LENGTH);
    String comment = Validation.comment("comment", request.comment());
    Validation.name("catalog_name", request.catalogName());
    Validation.name("schema_name", request.schemaName());
    RegisteredModelEntity model = find(new FullName(request.catalogName(), request.schemaName(), modelName).toString());
    authorizer.require(Operation.CREATE_MODEL_VERSION, Securables.of(model));
    long number = ((Number) Panache.getEntityManager()
        .createNativeQuery("UPDATE registered_models SET last_version = last_version + 1 WHERE id = ?1 RETURNING last_version")
        .setParameter(1, model.id)
        .getSingleResult()).longValue();
    ModelVersionEntity version = new ModelVersionEntity();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    version.id = UUID.randomUUID();
    version.model = model;
    version.version = number;
    version.source = source;
    version.runId = runId;
    version.comment = comment;
    version.status = Status.PENDING_REGISTRATION.name();
    version.storageLocation = versionLocation(model, number).toString();
    version.createdAt = now;
    version.createdBy = caller.name();
    version.updatedAt = now;
    version.updatedBy = caller.name();
    version.persistAndFlush();
    return version;
  }

  /** Where version {@code number}'s artifacts lie: a folder of the model's managed location. */
  static StorageLocation versionLocation(RegisteredModelEntity model, long number) {
    return StorageLocation.stored(model.storageLocation).child("versions", Long.toString(number));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public ModelVersionEntity getVersion(String fullName, String version) {
    long number = versionNumber(version);
    RegisteredModelEntity model = find(fullName);
    authorizer.requirePrivilege(Operation.GET_MODEL_VERSION, Securables.of(model), io.gatehouse.policy.Privilege.EXECUTE);
    return existingVersion(model, number);
  }

  /** One page of a model's versions, by number, for a caller holding EXECUTE on the model. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ModelVersionEntity> listVersions(String fullName, PageRequest page) {
    RegisteredModelEntity model = find(fullName);
    authorizer.requirePrivilege(Operation.LIST_MODEL_VERSIONS, Securables.of(model), io.gatehouse.policy.Privilege.EXECUTE);
    long after;
    try {
      after = page.after() == null ? 0 : Long.parseLong(page.after());
    } catch (NumberFormatException e) {
      throw GatehouseException.invalid("Parameter 'page_token' is not a token of this listing.");
    }
    return ModelVersionEntity.<ModelVersionEntity>find("model = ?1 and version > ?2 order by version", model, after)
        .range(0, page.size())
        .list();
  }

  public ModelVersionEntity updateVersion(String fullName, String version, UpdateModelVersion request) {
    Validation.required("body", request);
    ModelVersionEntity v = managedVersion(Operation.UPDATE_MODEL_VERSION, fullName, version);
    if (request.comment() != null) {
      v.comment = Validation.comment("comment", request.comment());
    }
    stampUpdated(v);
    return v;
  }

  /**
   * A pending version becomes READY (or FAILED_REGISTRATION, when asked): its artifacts are
   * written, and from then on nobody gets credentials to write them. A version that is not
   * pending any more cannot be finalized again.
   */
  public ModelVersionEntity finalizeVersion(String fullName, String version, FinalizeModelVersion request) {
    Validation.required("body", request);
    long number = versionNumber(version);
    if (request.version() != null && request.version() != number) {
      throw GatehouseException.invalid("Field 'version' (" + request.version() + ") differs from the path's (" + number + ").");
    }
    if (request.fullName() != null && !request.fullName().equalsIgnoreCase(fullName)) {
      throw GatehouseException.invalid("Field 'full_name' ('" + Validation.printable(request.fullName())
          + "') differs from the path's.");
    }
    ModelVersionStatus to = request.status() == null ? ModelVersionStatus.READY : request.status();
    if (to != ModelVersionStatus.READY && to != ModelVersionStatus.FAILED_REGISTRATION) {
      throw GatehouseException.invalid("Field 'status' must be READY or FAILED_REGISTRATION.");
    }
    ModelVersionEntity v = managedVersion(Operation.FINALIZE_MODEL_VERSION, fullName, version);
    if (v.status() != Status.PENDING_REGISTRATION) {
      throw GatehouseException.failedPrecondition("Version " + v.version + " of registered model '" + v.model.fullName()
          + "' is " + v.status + ", not PENDING_REGISTRATION; only a pending version is finalized.");
    }
    v.status = to.name();
    stampUpdated(v);
    return v;
  }

  public void deleteVersion(String fullName, String version) {
    ModelVersionEntity v = managedVersion(Operation.DELETE_MODEL_VERSION, fullName, version);
    v.delete();
  }

  /**
   * The version a change acts on, locked for the rest of the transaction: a finalize and a
   * concurrent change of the comment must not write back each other's older status.
   */
  private ModelVersionEntity managedVersion(Operation op, String fullName, String version) {
    long number = versionNumber(version);
    RegisteredModelEntity model = find(fullName);
    authorizer.require(op, Securables.of(model));
    ModelVersionEntity v = ModelVersionEntity.<ModelVersionEntity>find("model = ?1 and version = ?2", model, number)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult();
    if (v == null) {
      throw GatehouseException.notFound("Version " + number + " of registered model '" + model.fullName() + "' does not exist.");
    }
    return v;
  }

  private void stampUpdated(ModelVersionEntity v) {
    v.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    v.updatedBy = caller.name();
    v.flush();
  }

  private static ModelVersionEntity existingVersion(RegisteredModelEntity model, long number) {
    ModelVersionEntity v = ModelVersionEntity.of(model, number);
    if (v == null) {
      throw GatehouseException.notFound("Version " + number + " of registered model '" + model.fullName() + "' does not exist.");
    }
    return v;
  }

  /** A version number from a path: a positive integer. */
  public static long versionNumber(String version) {
    if (version == null || !version.matches("[0-9]{1,18}") || Long.parseLong(version) < 1) {
      throw GatehouseException.invalid("Version '" + Validation.printable(String.valueOf(version))
          + "' must be a positive integer.");
    }
    return Long.parseLong(version);
  }
}
