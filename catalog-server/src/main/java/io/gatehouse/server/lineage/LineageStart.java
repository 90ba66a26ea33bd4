package io.gatehouse.server.lineage;

import io.gatehouse.lineage.LineageIds;
import io.gatehouse.lineage.LineageNode;
import io.gatehouse.lineage.NodeRef;
import io.gatehouse.lineage.TableRef;
import io.gatehouse.server.audit.AuditEvent;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.lineage.TableVisibility.VisibleTable;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where a lineage query starts, named by exactly one of: {@code table} (a catalog table's full
 * name), {@code dataset} (an id) or {@code namespace} with {@code name}, {@code job} (an id) or
 * {@code job_namespace} with {@code job_name}. The start must exist and the caller must be able
 * to see it: a table as GET table decides, a dataset mapped to a table likewise (without naming
 * the table in the refusal), a job or unmapped dataset always. The decision is audited.
 *
 * @param dataset the start dataset, for dataset starts
 * @param job the start job, for job starts
 */
public record LineageStart(NodeRef ref, LineageNode.Dataset dataset, LineageNode.Job job) {

  /** The query parameters that name a start. */
  public record Params(String table, String dataset, String namespace, String name, String job, String jobNamespace,
      String jobName) {}

  @ApplicationScoped
  public static class Resolver {
    private static final String ACTION = "GET_LINEAGE";
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
      if (p.dataset() != null) given.add("dataset");
      if (p.namespace() != null || p.name() != null) given.add("namespace and name");
      if (p.job() != null) given.add("job");
      if (p.jobNamespace() != null || p.jobName() != null) given.add("job_namespace and job_name");
      if (given.size() != 1) {
        throw GatehouseException.invalid("Name the start with exactly one of: table; dataset; namespace and name;"
            + " job; job_namespace and job_name" + (given.isEmpty() ? "." : " (got " + String.join(", ", given) + ")."));
      }
      if (p.table() != null) {
        return table(p.table());
      }
      if (p.dataset() != null || p.namespace() != null || p.name() != null) {
        UUID id = p.dataset() != null ? uuid("dataset", p.dataset())
            : LineageIds.datasetId(Validation.required("namespace", p.namespace(), 1200), Validation.required("name", p.name(), 1200));
        return dataset(id);
      }
      UUID id = p.job() != null ? uuid("job", p.job())
          : LineageIds.jobId(Validation.required("job_namespace", p.jobNamespace(), 1200), Validation.required("job_name", p.jobName(), 1200));
      return job(id);
    }

    /** Every dataset mapped to a catalog table the caller may see. */
    public LineageStart table(String fullName) {
      FullName name = FullName.ofObject(fullName);
      TableRef ref = tables.byFullName(name.toString())
          .orElseThrow(() -> GatehouseException.notFound("Table '" + name + "' does not exist."));
      Map<UUID, VisibleTable> loaded = TableVisibility.load(dataSource, Set.of(ref.id()));
      VisibleTable table = loaded.get(ref.id());
      if (table == null) {
        throw GatehouseException.notFound("Table '" + name + "' does not exist.");
      }
      authorizer.requireSee(ACTION, table.target());
      return new LineageStart(NodeRef.table(table.fullName()), null, null);
    }

    public LineageStart dataset(UUID id) {
      LineageNode.Dataset dataset = store.graph().dataset(id)
          .orElseThrow(() -> GatehouseException.notFound("No lineage has been recorded for dataset " + id + "."));
      if (dataset.tableId() != null && !TableVisibility.decide(
          dataSource, authorizer.snapshot(), authorizer.subject(), Set.of(dataset.tableId())).containsKey(dataset.tableId())) {
        authorizer.audit(ACTION, null, AuditEvent.Result.DENIED, "dataset " + id);
        throw LineageQueries.denied("Dataset " + id + " maps to a table that the caller may not see.");
      }
      authorizer.audit(ACTION, null, AuditEvent.Result.ALLOWED, "dataset " + id);
      return new LineageStart(NodeRef.dataset(id), dataset, null);
    }

    public LineageStart job(UUID id) {
      LineageNode.Job job = store.graph().job(id)
          .orElseThrow(() -> GatehouseException.notFound("No lineage has been recorded for job " + id + "."));
      authorizer.audit(ACTION, null, AuditEvent.Result.ALLOWED, "job " + id);
      return new LineageStart(NodeRef.job(id), null, job);
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
