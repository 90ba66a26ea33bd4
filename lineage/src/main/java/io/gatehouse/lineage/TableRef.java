package io.gatehouse.lineage;

import java.util.Objects;
import java.util.UUID;

/**
 * A catalog table, or a version of a registered model, that a dataset maps to. A model version's
 * full name is {@link #modelVersionName}: {@code catalog.schema.model/version}; catalog names
 * hold no slash, so the two kinds never share a name.
 *
 * @param id the table's id in the catalog, or the model version's
 * @param fullName {@code catalog.schema.table}, or {@code catalog.schema.model/version}
 */
public record TableRef(UUID id, String fullName) {
  public TableRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(fullName, "fullName");
  }

  /** The mapped name of version {@code version} of the model {@code catalog.schema.model}. */
  public static String modelVersionName(String modelFullName, long version) {
    return modelFullName + "/" + version;
  }

  /** Whether a mapped name is a model version's rather than a table's. */
  public static boolean isModelVersion(String fullName) {
    return fullName.indexOf('/') >= 0;
  }
}
