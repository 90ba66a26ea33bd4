package io.gatehouse.lineage;

import java.util.Objects;
import java.util.UUID;

/**
 * A catalog table that a dataset maps to.
 *
 * @param id the table's id in the catalog
 * @param fullName {@code catalog.schema.table}
 */
public record TableRef(UUID id, String fullName) {
  public TableRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(fullName, "fullName");
  }
}
