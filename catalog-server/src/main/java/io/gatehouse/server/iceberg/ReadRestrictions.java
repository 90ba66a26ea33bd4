package io.gatehouse.server.iceberg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.policy.ColumnMask;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.RowFilter;
import io.gatehouse.policy.Securable;
import io.gatehouse.policy.Subject;
import io.gatehouse.server.authz.Authorizer;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The row filter and column masks in force for the request's principal on a table, for engines
 * that enforce them, in the shape of Iceberg's {@code read-restrictions} (the loadTable answer of
 * the REST spec, apache/iceberg PR 13879): {@code required-row-filter} and
 * {@code required-column-projections} by field id. Gatehouse's filters and masks are SQL
 * functions, which the spec's closed set of expressions and actions cannot say, so each is of
 * the type {@value #SQL_FUNCTION}: a reader that follows the spec and does not know it must fail
 * the read rather than return raw rows. Each names the function, what it is called with, and its
 * body rendered for this principal (as gRPC ResolveTable gives it). A filter that is TRUE for the
 * principal, and a mask that gives the column itself back, are left out.
 */
@ApplicationScoped
class ReadRestrictions {
  static final String FIELD = "read-restrictions";
  /** Where an engine that reads the answer with iceberg-core finds them: the table's FileIO properties. */
  static final String CONFIG_KEY = "gatehouse.read-restrictions";
  static final String SQL_FUNCTION = "gatehouse-sql-function";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Authorizer authorizer;

  ReadRestrictions(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** The restrictions for the request's principal on {@code table}, whose current schema is {@code schema}. */
  Map<String, Object> of(Securable table, Schema schema) {
    PolicySnapshot snapshot = authorizer.snapshot();
    Subject subject = authorizer.subject();
    Map<String, Object> restrictions = new LinkedHashMap<>();
    Optional<RowFilter> filter = snapshot.rowFilter(subject, table);
    if (filter.isPresent()) {
      String expression = filter.get().expression().sqlFor(subject);
      if (!expression.equalsIgnoreCase("TRUE")) {
        Map<String, Object> rowFilter = new LinkedHashMap<>();
        rowFilter.put("type", SQL_FUNCTION);
        rowFilter.put("function", filter.get().function());
        rowFilter.put("arguments", filterArguments(table));
        rowFilter.put("expression", expression);
        restrictions.put("required-row-filter", rowFilter);
      }
    }
    List<Map<String, Object>> projections = new ArrayList<>();
    Map<String, List<String>> using = null;
    for (Types.NestedField column : schema.columns()) {
      Optional<ColumnMask> mask = snapshot.mask(subject, table, column.name());
      if (mask.isEmpty()) {
        continue;
      }
      String expression = mask.get().expression().sqlFor(subject);
      if (expression.replace("`", "").equalsIgnoreCase(column.name())) {
        continue; // the principal is exempt: the mask gives the value as it is
      }
      if (using == null) {
        using = maskArguments(table);
      }
      Map<String, Object> projection = new LinkedHashMap<>();
      projection.put("field-id", column.fieldId());
      projection.put("action", SQL_FUNCTION);
      projection.put("column", column.name());
      projection.put("function", mask.get().function());
      projection.put("using-columns", using.getOrDefault(column.name().toLowerCase(Locale.ROOT), List.of()));
      projection.put("expression", expression);
      projections.add(projection);
    }
    if (!projections.isEmpty()) {
      restrictions.put("required-column-projections", projections);
    }
    return restrictions;
  }

  static String json(Map<String, Object> restrictions) {
    try {
      return JSON.writeValueAsString(restrictions);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("read restrictions did not serialize", e);
    }
  }

  /** The row filter's arguments as set (columns, or constants), as SQL. */
  private static List<String> filterArguments(Securable table) {
    List<?> rows = Panache.getEntityManager()
        .createNativeQuery("SELECT CAST(columns AS text) FROM row_filters WHERE table_id = ?1")
        .setParameter(1, UUID.fromString(table.id()))
        .getResultList();
    return rows.isEmpty() ? List.of() : strings((String) rows.get(0));
  }

  /** The further arguments of each masked column's function (after the column itself), by lower-cased column. */
  private static Map<String, List<String>> maskArguments(Securable table) {
    List<?> rows = Panache.getEntityManager()
        .createNativeQuery("SELECT column_name, CAST(using_columns AS text) FROM column_masks WHERE table_id = ?1")
        .setParameter(1, UUID.fromString(table.id()))
        .getResultList();
    Map<String, List<String>> using = new HashMap<>();
    for (Object row : rows) {
      Object[] r = (Object[]) row;
      using.put(((String) r[0]).toLowerCase(Locale.ROOT), strings((String) r[1]));
    }
    return using;
  }

  private static List<String> strings(String json) {
    try {
      return List.of(JSON.readValue(json, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored arguments are not a JSON array of strings", e);
    }
  }
}
