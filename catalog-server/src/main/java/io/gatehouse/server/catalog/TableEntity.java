package io.gatehouse.server.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "tables")
public class TableEntity extends SchemaChildEntity {
  @Column(name = "table_type", nullable = false)
  public String tableType;

  @Column(name = "data_source_format")
  public String dataSourceFormat;

  /** The column list as Unity Catalog's ColumnInfo JSON array. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String columns;

  @Column(name = "storage_location")
  public String storageLocation;

  @Column(name = "view_definition")
  public String viewDefinition;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "view_dependencies")
  public String viewDependencies;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String properties;

  /** What table info shows of the row filter: {"function_name", "input_column_names"}. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "row_filter")
  public String rowFilter;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String tags = "{}";
}
