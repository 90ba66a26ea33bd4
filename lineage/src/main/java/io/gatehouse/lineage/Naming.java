package io.gatehouse.lineage;

import java.util.Set;
import java.util.regex.Pattern;

/** Constants of {@link TableResolver}'s naming rules. */
final class Naming {
  static final Set<String> STORAGE_SCHEMES =
      Set.of("s3", "s3a", "s3n", "gs", "gcs", "abfs", "abfss", "wasb", "wasbs", "hdfs", "file", "oss", "r2");
  static final Pattern FULL_NAME = Pattern.compile("[^.\\s/]+\\.[^.\\s/]+\\.[^.\\s/]+");

  private Naming() {}
}
