package io.gatehouse.server.sql.parse;

/** Unity Catalog's ColumnTypeName: the type_name of a column or function parameter. */
public enum TypeName {
  BOOLEAN,
  BYTE,
  SHORT,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  DATE,
  TIMESTAMP,
  TIMESTAMP_NTZ,
  STRING,
  BINARY,
  DECIMAL,
  INTERVAL,
  ARRAY,
  STRUCT,
  MAP,
  CHAR,
  NULL,
  USER_DEFINED_TYPE,
  TABLE_TYPE,
  VARIANT
}
