package io.gatehouse.server.sql;

import io.gatehouse.server.audit.AuditTrail;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.CatalogEntity;
import io.gatehouse.server.catalog.CatalogService;
import io.gatehouse.server.catalog.SchemaEntity;
import io.gatehouse.server.catalog.SchemaService;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.StoredJson;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.catalog.VolumeEntity;
import io.gatehouse.server.catalog.VolumeService;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.sql.parse.QualifiedName;
import io.gatehouse.server.sql.parse.SecurableKind;
import io.gatehouse.server.sql.parse.Statement;
import io.gatehouse.server.sql.parse.Tag;
import io.gatehouse.server.tags.GovernedTags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ALTER ... SET TAGS and UNSET TAGS on catalogs, schemas, tables, their columns, and volumes. Tags
 * are key-value labels kept with the object (a column's inside the table's columns document);
 * changing them needs MANAGE, and governed keys also ASSIGN and an allowed value ({@link
 * GovernedTags}); keys are one tag whatever their case. Every change is audited.
 */
@ApplicationScoped
class TagStatements {
  static final int MAX_TAG_KEY = 255;
  static final int MAX_TAG_VALUE = 1000;

  private final CatalogService catalogs;
  private final SchemaService schemas;
  private final TableService tables;
  private final VolumeService volumes;
  private final Authorizer authorizer;
  private final AuditTrail trail;
  private final GovernedTags governed;

  TagStatements(CatalogService catalogs, SchemaService schemas, TableService tables, VolumeService volumes,
      Authorizer authorizer, AuditTrail trail, GovernedTags governed) {
    this.governed = governed;
    this.catalogs = catalogs;
    this.schemas = schemas;
    this.tables = tables;
    this.volumes = volumes;
    this.authorizer = authorizer;
    this.trail = trail;
  }

  Result setTags(Session session, Statement.SetTags t) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag tag : t.tags()) {
      Validation.required("tag key", tag.key(), MAX_TAG_KEY);
      tags.put(tag.key(), Validation.text("tag value", tag.value() == null ? "" : tag.value(), MAX_TAG_VALUE));
    }
    // Governed keys are checked, and spelled as governed, once the caller may manage the object.
    String where = editTags(session, t.securable(), t.name(), t.column(), current -> {
      Map<String, String> checked = governed.checkAssign(tags);
      current.keySet().removeIf(key -> checked.keySet().stream().anyMatch(key::equalsIgnoreCase));
      current.putAll(checked);
    });
    return Result.status("Set " + tags.size() + " tag" + (tags.size() == 1 ? "" : "s") + " on " + where + ".");
  }

  Result unsetTags(Session session, Statement.UnsetTags t) {
    String where = editTags(session, t.securable(), t.name(), t.column(), current -> {
      governed.checkUnassign(t.keys());
      current.keySet().removeIf(key -> t.keys().stream().anyMatch(key::equalsIgnoreCase));
    });
    return Result.status("Unset " + t.keys().size() + " tag" + (t.keys().size() == 1 ? "" : "s") + " on " + where + ".");
  }

  @SuppressWarnings("unchecked")
  private String editTags(Session session, SecurableKind kind, QualifiedName name, String column,
      java.util.function.Consumer<Map<String, String>> edit) {
    switch (kind) {
      case CATALOG -> {
        CatalogEntity c = catalogs.get(session.catalog(name));
        authorizer.requireTagChange(Operation.SET_TAGS, Securables.of(c));
        c.tags = edited(c.tags, edit);
        tagged(Securables.of(c), c.tags);
        return "catalog " + c.name;
      }
      case SCHEMA -> {
        SchemaEntity s = schemas.get(Session.dotted(session.schema(name)));
        authorizer.requireTagChange(Operation.SET_TAGS, Securables.of(s));
        s.tags = edited(s.tags, edit);
        tagged(Securables.of(s), s.tags);
        return "schema " + s.fullName();
      }
      case TABLE, VIEW -> {
        TableEntity t = tables.get(Session.dotted(session.object(name)));
        authorizer.requireTagChange(Operation.SET_TAGS, Securables.of(t));
        if (column == null) {
          t.tags = edited(t.tags, edit);
          tagged(Securables.of(t), t.tags);
          return "table " + t.fullName();
        }
        String columnName = TableColumns.existing(t, column);
        TableColumns.edit(t, columnName, c -> {
          Map<String, String> current = new LinkedHashMap<>(c.get("tags") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of());
          edit.accept(current);
          if (current.isEmpty()) {
            c.remove("tags");
          } else {
            c.put("tags", current);
          }
        });
        tagged(Securables.of(t), columnName);
        return "column " + t.fullName() + "." + columnName;
      }
      case VOLUME -> {
        VolumeEntity v = volumes.get(Session.dotted(session.object(name)));
        authorizer.requireTagChange(Operation.SET_TAGS, Securables.of(v));
        v.tags = edited(v.tags, edit);
        tagged(Securables.of(v), v.tags);
        return "volume " + v.fullName();
      }
      default -> throw GrantStatements.unsupported(kind, "tags");
    }
  }

  @SuppressWarnings("unchecked")
  private static String edited(String json, java.util.function.Consumer<Map<String, String>> edit) {
    Map<String, String> current = new LinkedHashMap<>(json == null ? Map.of() : StoredJson.read(json, Map.class));
    edit.accept(current);
    return StoredJson.write(current);
  }

  private void tagged(io.gatehouse.policy.Target target, String detail) {
    trail.succeeded("SET_TAGS", target, detail);
  }
}
