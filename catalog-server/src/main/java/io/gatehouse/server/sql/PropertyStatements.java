package io.gatehouse.server.sql;

import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogEntity;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.SchemaEntity;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.SecurableEntity;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.catalog.VolumeEntity;
import io.gatehouse.server.catalog.VolumeService;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.sql.parse.SecurableKind;
import io.gatehouse.server.sql.parse.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The statements that change what is written on a securable, not what it is: ALTER ... SET and
 * UNSET properties, and COMMENT ON an object or a column. Each needs MANAGE on the object.
 */
@ApplicationScoped
class PropertyStatements {
  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final VolumeService volumes;
  private final Authorizer authorizer;
  private final CallerContext caller;

  PropertyStatements(CatalogService catalogs, SchemaService schemas, TableService tables,
      VolumeService volumes, Authorizer authorizer, CallerContext caller) {
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.volumes = volumes;
    this.authorizer = authorizer;
    this.caller = caller;
  }

  Result setProperties(Session session, Statement.SetProperties p) {
    Validation.properties("properties", p.properties());
    return editProperties(session, p.securable(), p.name(), props -> {
      props.putAll(p.properties());
      return "Set " + p.properties().size() + " propert" + (p.properties().size() == 1 ? "y" : "ies");
    });
  }

  Result unsetProperties(Session session, Statement.UnsetProperties p) {
    return editProperties(session, p.securable(), p.name(), props -> {
      for (String key : p.keys()) {
        if (props.remove(key) == null && !p.ifExists()) {
          throw GatehouseException.invalid("Property '" + Validation.printable(key) + "' is not set; use UNSET TBLPROPERTIES"
              + " IF EXISTS to ignore missing keys.");
        }
      }
      return "Unset " + p.keys().size() + " propert" + (p.keys().size() == 1 ? "y" : "ies");
    });
  }

  @SuppressWarnings("unchecked")
  private Result editProperties(Session session, SecurableKind kind, io.gatehouse.server.sql.parse.QualifiedName name,
      Function<Map<String, String>, String> edit) {
    Edited e = editable(session, kind, name, Operation.SET_PROPERTIES);
    Map<String, String> props = new LinkedHashMap<>(orEmpty(StoredJson.read(e.properties(), Map.class)));
    String done = edit.apply(props);
    Validation.properties("properties", props);
    e.store().accept(StoredJson.write(props));
    e.entity().stampUpdated(caller.name());
    return Result.status(done + " on " + kind.keyword().toLowerCase(Locale.ROOT) + " " + e.fullName() + ".");
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  /** An object whose properties or comment a statement changes, after a MANAGE check. */
  private record Edited(SecurableEntity entity, String fullName, String properties,
      java.util.function.Consumer<String> store) {}

  private Edited editable(Session session, SecurableKind kind, io.gatehouse.server.sql.parse.QualifiedName name, Operation action) {
    switch (kind) {
      case CATALOG -> {
        CatalogEntity c = catalogs.get(session.catalog(name));
        authorizer.require(action, Securables.of(c));
        return new Edited(c, c.name, c.properties, v -> c.properties = v);
      }
      case SCHEMA -> {
        SchemaEntity s = schemas.get(Session.dotted(session.schema(name)));
        authorizer.require(action, Securables.of(s));
        return new Edited(s, s.fullName(), s.properties, v -> s.properties = v);
      }
      case TABLE, VIEW -> {
        TableEntity t = tables.get(Session.dotted(session.object(name)));
        authorizer.require(action, Securables.of(t));
        return new Edited(t, t.fullName(), t.properties, v -> t.properties = v);
      }
      default -> throw GrantStatements.unsupported(kind, "properties");
    }
  }

  Result commentOn(Session session, Statement.CommentOn c) {
    String comment = Validation.comment("comment", c.comment());
    if (c.column() != null) {
      TableEntity t = tables.get(Session.dotted(session.object(c.name())));
      authorizer.require(Operation.COMMENT_ON_COLUMN, Securables.of(t));
      TableColumns.edit(t, c.column(), column -> {
        if (comment == null) {
          column.remove("comment");
        } else {
          column.put("comment", comment);
        }
      });
      t.stampUpdated(caller.name());
      return Result.status("Set the comment of column " + t.fullName() + "." + c.column() + ".");
    }
    SecurableEntity entity;
    String fullName;
    switch (c.securable()) {
      case VOLUME -> {
        VolumeEntity v = volumes.get(Session.dotted(session.object(c.name())));
        authorizer.require(Operation.COMMENT_ON, Securables.of(v));
        entity = v;
        fullName = v.fullName();
      }
      default -> {
        Edited e = editable(session, c.securable(), c.name(), Operation.COMMENT_ON);
        entity = e.entity();
        fullName = e.fullName();
      }
    }
    entity.comment = comment;
    entity.stampUpdated(caller.name());
    return Result.status("Set the comment of " + c.securable().keyword().toLowerCase(Locale.ROOT) + " " + fullName + ".");
  }
}
