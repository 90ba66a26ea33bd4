package io.gatehouse.server.sql.parse;

/** The kinds of object a statement names, as their SQL keywords say them. */
public enum SecurableKind {
  METASTORE("METASTORE", 0),
  CATALOG("CATALOG", 1),
  SCHEMA("SCHEMA", 2),
  TABLE("TABLE", 3),
  VIEW("VIEW", 3),
  VOLUME("VOLUME", 3),
  FUNCTION("FUNCTION", 3),
  MODEL("MODEL", 3),
  EXTERNAL_LOCATION("EXTERNAL LOCATION", 1),
  STORAGE_CREDENTIAL("STORAGE CREDENTIAL", 1);

  private final String keyword;
  private final int maxNameParts;

  SecurableKind(String keyword, int maxNameParts) {
    this.keyword = keyword;
    this.maxNameParts = maxNameParts;
  }

  /** The keyword as written in SQL: {@code EXTERNAL LOCATION}. */
  public String keyword() {
    return keyword;
  }

  /** How many parts a name of this kind may have: 1 for a catalog, up to 3 for a table. */
  public int maxNameParts() {
    return maxNameParts;
  }
}
