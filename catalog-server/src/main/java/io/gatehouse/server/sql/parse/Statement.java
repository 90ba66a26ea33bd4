package io.gatehouse.server.sql.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One statement of a script, as {@link SqlParser#parse(String)} read it. Names are kept as
 * written ({@link QualifiedName#canonical()} gives the lower-case form); optional parts that were
 * not written are null, or empty for lists and maps; property and tag maps keep their order.
 */
public sealed interface Statement {

  /** The statement's text and where it starts in the script. */
  SourceSpan source();

  /**
   * GRANT privileges ON securable TO principal. Each privilege is its canonical name
   * ({@code USE_CATALOG}, {@code ALL_PRIVILEGES}) when it is one Gatehouse knows, else the words
   * as written ({@code USAGE}, {@code READ METADATA}). The name is null for the metastore.
   */
  record Grant(List<String> privileges, SecurableKind securable, QualifiedName name, String principal,
      SourceSpan source) implements Statement {
    public Grant {
      privileges = List.copyOf(privileges);
    }
  }

  /** REVOKE privileges ON securable FROM principal; privileges as in {@link Grant}. */
  record Revoke(List<String> privileges, SecurableKind securable, QualifiedName name, String principal,
      SourceSpan source) implements Statement {
    public Revoke {
      privileges = List.copyOf(privileges);
    }
  }

  /** DENY privileges ON securable TO principal; privileges as in {@link Grant}. */
  record Deny(List<String> privileges, SecurableKind securable, QualifiedName name, String principal,
      SourceSpan source) implements Statement {
    public Deny {
      privileges = List.copyOf(privileges);
    }
  }

  /** REVOKE DENY privileges ON securable FROM principal; privileges as in {@link Grant}. */
  record RevokeDeny(List<String> privileges, SecurableKind securable, QualifiedName name, String principal,
      SourceSpan source) implements Statement {
    public RevokeDeny {
      privileges = List.copyOf(privileges);
    }
  }

  /**
   * SHOW GRANTS [principal] ON securable (principal may be null; name is null for the metastore),
   * or SHOW GRANTS TO principal (securable and name are null).
   */
  record ShowGrants(String principal, SecurableKind securable, QualifiedName name, SourceSpan source)
      implements Statement {
  }

  /** ALTER securable name [SET] OWNER TO principal. */
  record SetOwner(SecurableKind securable, QualifiedName name, String owner, SourceSpan source)
      implements Statement {
  }

  record CreateCatalog(QualifiedName name, boolean ifNotExists, String managedLocation, String comment,
      SourceSpan source) implements Statement {
  }

  /** CREATE SCHEMA or CREATE DATABASE; properties from WITH DBPROPERTIES. */
  record CreateSchema(QualifiedName name, boolean ifNotExists, String managedLocation, String comment,
      Map<String, String> properties, SourceSpan source) implements Statement {
    public CreateSchema {
      properties = ordered(properties);
    }
  }

  /** CREATE TABLE; format is the USING word as written, rowFilter comes from WITH ROW FILTER. */
  record CreateTable(QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns, String format,
      List<String> partitionColumns, String location, String comment, Map<String, String> properties,
      RowFilter rowFilter, SourceSpan source) implements Statement {
    public CreateTable {
      columns = List.copyOf(columns);
      partitionColumns = List.copyOf(partitionColumns);
      properties = ordered(properties);
    }
  }

  /** CREATE [EXTERNAL] VOLUME; an external volume always has a location. */
  record CreateVolume(QualifiedName name, boolean ifNotExists, boolean external, String location, String comment,
      SourceSpan source) implements Statement {
  }

  /**
   * CREATE [OR REPLACE] FUNCTION ... RETURN expression. returnType is null when RETURNS was not
   * written; bodyText is the expression exactly as written, body the same parsed.
   */
  record CreateFunction(QualifiedName name, boolean orReplace, boolean ifNotExists,
      List<FunctionParameter> parameters, DataType returnType, String comment, boolean deterministic,
      Expression body, String bodyText, SourceSpan source) implements Statement {
    public CreateFunction {
      parameters = List.copyOf(parameters);
    }
  }

  /** DROP securable [IF EXISTS] name [CASCADE | RESTRICT]. */
  record Drop(SecurableKind securable, QualifiedName name, boolean ifExists, boolean cascade, SourceSpan source)
      implements Statement {
  }

  /** ALTER securable name RENAME TO newName. */
  record Rename(SecurableKind securable, QualifiedName name, QualifiedName newName, SourceSpan source)
      implements Statement {
  }

  /** ALTER TABLE table ADD COLUMN[S] (definitions): appended after the table's columns. */
  record AddColumns(QualifiedName table, List<ColumnDefinition> columns, SourceSpan source) implements Statement {
    public AddColumns {
      columns = List.copyOf(columns);
    }
  }

  /** ALTER TABLE table RENAME COLUMN column TO newName. */
  record RenameColumn(QualifiedName table, String column, String newName, SourceSpan source) implements Statement {
  }

  /** ALTER TABLE table DROP COLUMN[S] [IF EXISTS] (columns). */
  record DropColumns(QualifiedName table, List<String> columns, boolean ifExists, SourceSpan source)
      implements Statement {
    public DropColumns {
      columns = List.copyOf(columns);
    }
  }

  /** ALTER TABLE|VIEW ... SET TBLPROPERTIES, ALTER CATALOG|SCHEMA ... SET DBPROPERTIES|PROPERTIES. */
  record SetProperties(SecurableKind securable, QualifiedName name, Map<String, String> properties,
      SourceSpan source) implements Statement {
    public SetProperties {
      properties = ordered(properties);
    }
  }

  /** ALTER TABLE|VIEW ... UNSET TBLPROPERTIES [IF EXISTS] (keys). */
  record UnsetProperties(SecurableKind securable, QualifiedName name, List<String> keys, boolean ifExists,
      SourceSpan source) implements Statement {
    public UnsetProperties {
      keys = List.copyOf(keys);
    }
  }

  /**
   * COMMENT ON securable name IS 'text' | NULL; comment is null for NULL. For COMMENT ON COLUMN
   * the securable is TABLE, name is the table and column the column; column is null otherwise.
   */
  record CommentOn(SecurableKind securable, QualifiedName name, String column, String comment,
      SourceSpan source) implements Statement {
  }

  /**
   * SHOW CATALOGS | SCHEMAS | TABLES | VIEWS | VOLUMES | FUNCTIONS [IN container] [[LIKE] pattern]:
   * kind is what is listed (CATALOG for SHOW CATALOGS); container and pattern may be null.
   */
  record ShowObjects(SecurableKind kind, QualifiedName container, String pattern, SourceSpan source)
      implements Statement {
  }

  /** DESCRIBE CATALOG | SCHEMA | TABLE | VOLUME | FUNCTION [EXTENDED] name. */
  record Describe(SecurableKind securable, QualifiedName name, boolean extended, SourceSpan source)
      implements Statement {
  }

  /** ALTER TABLE table SET ROW FILTER function ON (columns). */
  record SetRowFilter(QualifiedName table, RowFilter filter, SourceSpan source) implements Statement {
  }

  /** ALTER TABLE table DROP ROW FILTER. */
  record DropRowFilter(QualifiedName table, SourceSpan source) implements Statement {
  }

  /** ALTER TABLE table ALTER COLUMN column SET MASK function [USING COLUMNS (...)]. */
  record SetColumnMask(QualifiedName table, String column, ColumnMask mask, SourceSpan source)
      implements Statement {
  }

  /** ALTER TABLE table ALTER COLUMN column DROP MASK. */
  record DropColumnMask(QualifiedName table, String column, SourceSpan source) implements Statement {
  }

  /** ALTER securable name [ALTER COLUMN column] SET TAGS (...); column is null for the object itself. */
  record SetTags(SecurableKind securable, QualifiedName name, String column, List<Tag> tags, SourceSpan source)
      implements Statement {
    public SetTags {
      tags = List.copyOf(tags);
    }
  }

  /** ALTER securable name [ALTER COLUMN column] UNSET TAGS (keys); column as in {@link SetTags}. */
  record UnsetTags(SecurableKind securable, QualifiedName name, String column, List<String> keys,
      SourceSpan source) implements Statement {
    public UnsetTags {
      keys = List.copyOf(keys);
    }
  }

  /** USE CATALOG name (securable CATALOG), or USE [SCHEMA] name (securable SCHEMA). */
  record Use(SecurableKind securable, QualifiedName name, SourceSpan source) implements Statement {
  }

  private static Map<String, String> ordered(Map<String, String> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** One MATCH COLUMNS condition of a policy and the alias its columns go by (null when none). */
  record MatchColumn(String condition, String alias) {}

  /**
   * CREATE [OR REPLACE] POLICY name ON CATALOG | SCHEMA | TABLE x [COMMENT '...'] ROW FILTER f |
   * COLUMN MASK f TO principals [EXCEPT principals] FOR TABLES [WHEN condition] [MATCH COLUMNS
   * condition [AS alias], ...] [ON COLUMN alias] [USING COLUMNS (arguments)]. Conditions are kept
   * as SQL text ({@code hasTag('pii')}); arguments are aliases (column references) or constants.
   */
  record CreatePolicy(boolean orReplace, String name, SecurableKind securable, QualifiedName on, String comment,
      boolean rowFilter, QualifiedName function, List<String> to, List<String> except, String when,
      List<MatchColumn> matchColumns, String onColumn, List<Expression> using, SourceSpan source) implements Statement {
    public CreatePolicy {
      to = List.copyOf(to);
      except = List.copyOf(except);
      matchColumns = List.copyOf(matchColumns);
      using = List.copyOf(using);
    }
  }

  /**
   * CREATE POLICY ... {GRANT | DENY} privileges TO ... [EXCEPT ...] [FOR TABLES | SCHEMAS | VOLUMES]
   * [WHEN condition]: privileges as in {@link Grant}, {@code forKind} TABLE, SCHEMA or VOLUME.
   */
  record CreateAccessPolicy(boolean orReplace, String name, SecurableKind securable, QualifiedName on, String comment,
      boolean deny, List<String> privileges, List<String> to, List<String> except, String forKind, String when,
      SourceSpan source) implements Statement {
    public CreateAccessPolicy {
      privileges = List.copyOf(privileges);
      to = List.copyOf(to);
      except = List.copyOf(except);
    }
  }

  /** DROP POLICY name ON CATALOG | SCHEMA | TABLE x. */
  record DropPolicy(String name, SecurableKind securable, QualifiedName on, SourceSpan source) implements Statement {}

  /** SHOW POLICIES ON CATALOG | SCHEMA | TABLE x. */
  record ShowPolicies(SecurableKind securable, QualifiedName on, SourceSpan source) implements Statement {}

  /** DESCRIBE POLICY name ON CATALOG | SCHEMA | TABLE x. */
  record DescribePolicy(String name, SecurableKind securable, QualifiedName on, SourceSpan source) implements Statement {}
}
