package io.gatehouse.policy;

import java.util.List;
import java.util.Locale;

/**
 * The kinds of securable, with the Ranger resource each one is, and the chain of resources from
 * the top of its hierarchy down to it (a table is catalog > schema > table).
 */
public enum SecurableType {
  METASTORE("metastore", List.of("metastore")),
  CATALOG("catalog", List.of("catalog")),
  SCHEMA("schema", List.of("catalog", "schema")),
  TABLE("table", List.of("catalog", "schema", "table")),
  VOLUME("volume", List.of("catalog", "schema", "volume")),
  FUNCTION("function", List.of("catalog", "schema", "function")),
  REGISTERED_MODEL("registered_model", List.of("catalog", "schema", "registered_model")),
  EXTERNAL_LOCATION("external_location", List.of("external_location")),
  STORAGE_CREDENTIAL("credential", List.of("storage_credential"));

  /** The name Unity Catalog's permissions API uses in its path. */
  private final String apiName;
  /** Ranger resource names from the root of the hierarchy to this type. */
  private final List<String> resourcePath;

  SecurableType(String apiName, List<String> resourcePath) {
    this.apiName = apiName;
    this.resourcePath = resourcePath;
  }

  public String apiName() {
    return apiName;
  }

  public List<String> resourcePath() {
    return resourcePath;
  }

  public String resourceName() {
    return resourcePath.get(resourcePath.size() - 1);
  }

  /** The types directly below this one, whose grants inherit from it. */
  public List<SecurableType> children() {
    return switch (this) {
      case CATALOG -> List.of(SCHEMA);
      case SCHEMA -> List.of(TABLE, VOLUME, FUNCTION, REGISTERED_MODEL);
      default -> List.of();
    };
  }

  public static SecurableType fromApiName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (SecurableType type : values()) {
      if (type.apiName.equals(wanted) || type.name().equalsIgnoreCase(wanted)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown securable type '" + name + "'");
  }
}
