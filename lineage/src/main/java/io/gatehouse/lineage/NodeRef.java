package io.gatehouse.lineage;

import java.util.Objects;
import java.util.UUID;

/**
 * Where a lineage query starts: a dataset (by id, or by namespace and name), every dataset mapped
 * to a catalog table (by the table's full name), or a job.
 */
public record NodeRef(Kind kind, UUID id, String tableFullName) {
  /** What the reference names. */
  public enum Kind {
    DATASET,
    TABLE,
    JOB
  }

  public NodeRef {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.TABLE) != (tableFullName != null) || (kind == Kind.TABLE) == (id != null)) {
      throw new IllegalArgumentException("A TABLE reference has a full name, the others an id");
    }
  }

  public static NodeRef dataset(UUID id) {
    return new NodeRef(Kind.DATASET, Objects.requireNonNull(id, "id"), null);
  }

  public static NodeRef dataset(String namespace, String name) {
    return dataset(LineageIds.datasetId(namespace, name));
  }

  /** Every dataset mapped to the catalog table {@code catalog.schema.table} (case-insensitive). */
  public static NodeRef table(String fullName) {
    return new NodeRef(Kind.TABLE, null, Objects.requireNonNull(fullName, "fullName"));
  }

  public static NodeRef job(UUID id) {
    return new NodeRef(Kind.JOB, Objects.requireNonNull(id, "id"), null);
  }

  public static NodeRef job(String namespace, String name) {
    return job(LineageIds.jobId(namespace, name));
  }
}
