package io.gatehouse.lineage;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Maps OpenLineage datasets to catalog tables; the server implements the two look-ups over its
 * catalog, this interface holds the naming rules:
 *
 * <ul>
 *   <li>a dataset whose namespace is a storage URL ({@code s3://bucket}, {@code gs://bucket},
 *       {@code abfss://container@account...}, {@code hdfs://host:port}, {@code file}) is the
 *       object at {@code namespace + "/" + name}; it maps to the table whose storage location
 *       contains that path;
 *   <li>otherwise a dataset named {@code catalog.schema.table} (three non-empty parts) maps to the
 *       table of that full name, whatever its namespace;
 *   <li>a dataset named by MLflow's model URI {@code models:/catalog.schema.model/<version>}
 *       maps to that version of the registered model, whatever its namespace (a storage URL
 *       inside a version's folder maps to it too, by the first rule: the server's look-up by
 *       location answers for models as well as tables);
 *   <li>anything else stays an external node.
 * </ul>
 *
 * <p>{@link LineageIngest} asks at ingestion, for the dataset's own name and then for each name of
 * its {@code symlinks} facet, and stores the answer; answers are cached briefly (see
 * {@link LineageIngest.Options#resolverCacheTtl()}). Implementations must be thread-safe and
 * should be fast: a primary-key or indexed look-up. A resolver that throws leaves the stored
 * mapping as it was.
 */
public interface TableResolver {
  /** Maps nothing: every dataset stays external. */
  TableResolver NONE =
      new TableResolver() {
        @Override
        public Optional<TableRef> byFullName(String fullName) {
          return Optional.empty();
        }

        @Override
        public Optional<TableRef> byStorageLocation(String location) {
          return Optional.empty();
        }
      };

  /** The table named {@code catalog.schema.table} (compared as the catalog compares names). */
  Optional<TableRef> byFullName(String fullName);

  /**
   * The table whose storage location equals {@code location} or is one of its ancestors. The
   * location has no trailing slash, e.g. {@code s3://bucket/warehouse/sales/orders/part-0.parquet}.
   */
  Optional<TableRef> byStorageLocation(String location);

  /**
   * The version {@code version} of the registered model named {@code catalog.schema.model}
   * (compared as the catalog compares names), as a {@link TableRef} whose full name is
   * {@link TableRef#modelVersionName}. Resolvers that know no models keep the default: nothing.
   */
  default Optional<TableRef> byModelVersion(String modelFullName, long version) {
    return Optional.empty();
  }

  /** Applies the naming rules above to one dataset name. */
  default Optional<TableRef> resolve(String namespace, String name) {
    String location = storageLocation(namespace, name);
    if (location != null) {
      return byStorageLocation(location);
    }
    if (isFullTableName(name)) {
      return byFullName(name);
    }
    Matcher model = Naming.MODEL_VERSION_URI.matcher(name);
    if (model.matches()) {
      return byModelVersion(model.group(1), Long.parseLong(model.group(2)));
    }
    return Optional.empty();
  }

  /**
   * The storage URL that {@code namespace} and {@code name} form, or null when the namespace is
   * not a storage URL.
   */
  static String storageLocation(String namespace, String name) {
    String base;
    if (namespace.equals("file")) {
      base = "file://";
    } else {
      int colon = namespace.indexOf("://");
      if (colon <= 0 || !Naming.STORAGE_SCHEMES.contains(namespace.substring(0, colon).toLowerCase(Locale.ROOT))) {
        return null;
      }
      base = namespace;
    }
    while (base.endsWith("/") && !base.endsWith("://")) {
      base = base.substring(0, base.length() - 1);
    }
    String path = name;
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty()) {
      return base;
    }
    return base.endsWith("://") && !base.equals("file://") ? base + path : base + "/" + path;
  }

  /** Whether {@code name} has the shape {@code catalog.schema.table}. */
  static boolean isFullTableName(String name) {
    return Naming.FULL_NAME.matcher(name).matches();
  }
}
