package io.gatehouse.lineage;

import java.util.Set;
import java.util.regex.Pattern;

/** Constants of {@link TableResolver}'s naming rules. */
final class Naming {
  static final Set<String> STORAGE_SCHEMES =
      Set.of("s3", "s3a", "s3n", "gs", "gcs", "abfs", "abfss", "wasb", "wasbs", "hdfs", "file", "oss", "r2");
  static final Pattern FULL_NAME = Pattern.compile("[^.\\s/]+\\.[^.\\s/]+\\.[^.\\s/]+");
  /** MLflow's URI of a registered model's version: {@code models:/catalog.schema.model/3}. */
  static final Pattern MODEL_VERSION_URI =
      Pattern.compile("models:/+([^.\\s/]+\\.[^.\\s/]+\\.[^.\\s/]+)/([1-9][0-9]{0,17})", Pattern.CASE_INSENSITIVE);

  private Naming() {}
}
