package io.gatehouse.server.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "functions")
public class FunctionEntity extends SchemaChildEntity {
  /** Signature and body: the fields of Unity Catalog's CreateFunction beyond names and comment. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public String definition;
}
