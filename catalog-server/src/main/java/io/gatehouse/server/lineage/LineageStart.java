package io.gatehouse.server.lineage;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.lineage.LineageIds;
import io.gatehouse.lineage.LineageNode;
import io.gatehouse.lineage.NodeRef;
import io.gatehouse.lineage.TableRef;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where a lineage query starts, named by exactly one of: {@code table} (a catalog table's full
 * name), {@code model} with {@code version} (a registered model's full name and a version number),
 * {@code dataset} (a public id) or {@code namespace} with {@code name}, {@code job} (a public id)
 * or {@code job_namespace} with {@code job_name}. The start must exist and the caller
 * must be able to see it ({@link LineageView}); a start that does not exist and one the caller
 * may not see get the same 404, built by the same statements, so neither status, body nor the
 * work done tells them apart. The decision is audited.
 *
 * @param dataset the start dataset, for dataset starts
 * @param job the start job, for job starts
 */
public record LineageStart(NodeRef ref, LineageNode.Dataset dataset, LineageNode.Job job) {

  /** The query parameters that name a start. */
  public record Params(String table, String dataset, String namespace, String name, String job, String jobNamespace,
      String jobName, String model, String version) {}

  @ApplicationScoped
  public static class Resolver {
    private static final Operation ACTION = Operation.GET_LINEAGE;
    private static final UUID NONE = new UUID(0, 0);
    private final LineageStore store;
    private final Authorizer authorizer;
    private final AgroalDataSource dataSource;
    private final CatalogTableResolver tables;

    Resolver(LineageStore store, Authorizer authorizer, AgroalDataSource dataSource, CatalogTableResolver tables) {
      this.store = store;
      this.authorizer = authorizer;
      this.dataSource = dataSource;
      this.tables = tables;
    }

    public LineageStart resolve(Params p) {
      List<String> given = new ArrayList<>();
      if (p.table() != null) given.add("table");
      if (p.model() != null || p.version() != null) given.add("model and version");
      if (p.dataset() != null) given.add("dataset");
      if (p.namespace() != null || p.name() != null) given.add("namespace and name");
      if (p.job() != null) given.add("job");
      if (p.jobNamespace() != null || p.jobName() != null) given.add("job_namespace and job_name");
      if (given.size() != 1) {
        throw GatehouseException.invalid("Name the start with exactly one of: table; model and version; dataset;"
            + " namespace and name;"
            + " job; job_namespace and job_name" + (given.isEmpty() ? "." : " (got " + String.join(", ", given) + ")."));
      }
      if (p.table() != null) {
        return table(p.table());
      }
      if (p.model() != null || p.version() != null) {
        return modelVersion(Validation.required("model", p.model(), 1200), version(p.version()));
      }
      if (p.dataset() != null || p.namespace() != null || p.name() != null) {
        UUID id = p.dataset() != null ? store.ids().reveal(uuid("dataset", p.dataset()))
            : LineageIds.datasetId(Validation.required("namespace", p.namespace(), 1200), Validation.required("name", p.name(), 1200));
        return dataset(id);
      }
      UUID id = p.job() != null ? store.ids().reveal(uuid("job", p.job()))
          : LineageIds.jobId(Validation.required("job_namespace", p.jobNamespace(), 1200), Validation.required("job_name", p.jobName(), 1200));
      return job(id);
    }

    /** Every dataset mapped to a catalog table the caller may see. */
    public LineageStart table(String fullName) {
      FullName name = FullName.ofObject(fullName);
      return mapped(tables.byFullName(name.toString()), "table " + name);
    }

    /** Every dataset mapped to version {@code version} of a registered model the caller may see. */
    public LineageStart modelVersion(String model, long version) {
      FullName name = FullName.ofObject(model);
      return mapped(tables.byModelVersion(name.toString(), version), "model version " + name + "/" + version);
    }

    /**
     * Every dataset mapped to {@code found}, when the caller may see it; a missing one is decided
     * too (over the nil id), so both answer the same 404 after the same work.
     */
    private LineageStart mapped(Optional<TableRef> found, String what) {
      UUID id = found.map(TableRef::id).orElse(NONE);
      String visible = TableVisibility.decide(dataSource, authorizer.snapshot(), authorizer.subject(), Set.of(id)).get(id);
      decided(visible != null, what);
      return new LineageStart(NodeRef.table(visible), null, null);
    }

    /** A dataset by its stored id. */
    public LineageStart dataset(UUID id) {
      Optional<LineageNode.Dataset> dataset = store.graph().dataset(id);
      UUID table = dataset.map(LineageNode.Dataset::tableId).orElse(null);
      LineageView view = view(Set.of(id), Set.of(), table == null ? Set.of() : Set.of(table));
      decided(dataset.isPresent() && view.dataset(id), "dataset " + store.ids().hide(id));
      return new LineageStart(NodeRef.dataset(id), dataset.get(), null);
    }

    /** A job by its stored id. */
    public LineageStart job(UUID id) {
      Optional<LineageNode.Job> job = store.graph().job(id);
      LineageView view = view(Set.of(), Set.of(id), Set.of());
      decided(job.isPresent() && view.job(id), "job " + store.ids().hide(id));
      return new LineageStart(NodeRef.job(id), null, job.get());
    }

    private LineageView view(Set<UUID> datasets, Set<UUID> jobs, Set<UUID> mapped) {
      return LineageView.of(store, dataSource, authorizer.snapshot(), authorizer.subject(), datasets, jobs, mapped);
    }

    /** Audits the decision; a start that is unknown or hidden is the same 404. */
    private void decided(boolean shown, String what) {
      if (!shown) {
        authorizer.denied(ACTION, null, what);
        throw LineageQueries.notFound();
      }
      authorizer.allowed(ACTION, null, what);
    }

    private static long version(String value) {
      String text = Validation.required("version", value, 20).strip();
      try {
        long version = Long.parseLong(text);
        if (version >= 1) {
          return version;
        }
      } catch (NumberFormatException e) {
        // the message below
      }
      throw GatehouseException.invalid("Field 'version' must be a model version number (1 or more).");
    }

    private static UUID uuid(String field, String value) {
      try {
        return UUID.fromString(value.trim());
      } catch (IllegalArgumentException e) {
        throw GatehouseException.invalid("Field '" + field + "' must be a UUID.");
      }
    }
  }
}
