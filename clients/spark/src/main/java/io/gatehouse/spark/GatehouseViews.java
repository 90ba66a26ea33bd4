package io.gatehouse.spark;

import io.gatehouse.client.AlreadyExistsException;
import io.gatehouse.client.GatehouseException;
import io.gatehouse.client.NotFoundException;
import io.gatehouse.client.model.ColumnInfo;
import io.gatehouse.client.model.CreateTable;
import io.gatehouse.client.model.TableInfo;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.TableMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Views stored in Gatehouse (table_type VIEW), for a {@link GatehouseCatalog}: loaded by the
 * reader's ResolveTable (SELECT on the view), created, replaced and dropped through the REST API
 * as the reader (who owns what it creates), listed for SHOW VIEWS. The extension expands a view
 * ({@code GatehouseViewRules}); the tables beneath it are loaded {@link #beneath} the view, so
 * that Gatehouse decides them by the view owner's right and answers the reader's filter and masks.
 */
public final class GatehouseViews {
  private static final ThreadLocal<String> BENEATH = new ThreadLocal<>();
  private static final ThreadLocal<String> CREATING = new ThreadLocal<>();

  private GatehouseViews() {}

  /** A view as the reader may read it: its text, owner and columns. */
  public record View(String fullName, String owner, String definition, StructType schema) {}

  static boolean isView(TableMetadata table) {
    return "VIEW".equalsIgnoreCase(table.getTableType());
  }

  /** The view whose tables this thread loads now, or null. */
  static String throughView(GatehouseCatalog catalog) {
    return BENEATH.get();
  }

  /** Runs {@code work} (the analysis of a view's text) with the tables it loads read beneath {@code view}. */
  public static <T> T beneath(String view, Supplier<T> work) {
    String outer = BENEATH.get();
    if (outer != null) {
      throw new GatehouseAccessException("Refused: " + view + " is read beneath view " + outer
          + "; views over views are not served");
    }
    BENEATH.set(view);
    try {
      return work.get();
    } finally {
      BENEATH.remove();
    }
  }

  /** Runs {@code work} (the analysis of a new view's text, with the creator's rights) for view {@code view}. */
  public static <T> T creating(String view, Supplier<T> work) {
    CREATING.set(view);
    try {
      return work.get();
    } finally {
      CREATING.remove();
    }
  }

  /** The view whose text is being analyzed on this thread (read or created), or null. */
  public static String inViewText() {
    return BENEATH.get() != null ? BENEATH.get() : CREATING.get();
  }

  /**
   * The view {@code ident} names, loaded for the reader (who needs SELECT on it and USE on its
   * containers); null when it names no view (a table, or nothing).
   */
  public static View load(GatehouseCatalog catalog, Identifier ident) {
    if (ident.namespace().length != 1) {
      return null;
    }
    ResolveTableRequest.Builder request = ResolveTableRequest.newBuilder().setFullName(catalog.fullName(ident));
    if (catalog.config().user() != null) {
      request.setOnBehalfOf(catalog.config().user());
    }
    ResolveTableResponse resolved;
    try {
      resolved = catalog.grpc().resolveTable(request.build());
    } catch (NotFoundException e) {
      return null;
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused " + catalog.fullName(ident) + ": " + e.getMessage(), e);
    }
    TableMetadata table = resolved.getTable();
    if (!isView(table)) {
      return null;
    }
    List<StructField> fields = new ArrayList<>();
    table.getColumnsList().stream().sorted(Comparator.comparingInt(io.gatehouse.proto.v1.Column::getPosition))
        .forEach(c -> fields.add(new StructField(c.getName(), DataType.fromDDL(c.getTypeText()), c.getNullable(),
            org.apache.spark.sql.types.Metadata.empty())));
    return new View(table.getFullName(), table.getOwner(), table.getViewDefinition(),
        new StructType(fields.toArray(new StructField[0])));
  }

  /**
   * Creates the view as the reader (CREATE TABLE on the schema; the reader owns it), or with
   * {@code replace} drops the view of that name first (never a table).
   */
  public static void create(GatehouseCatalog catalog, Identifier ident, String definition, StructType schema,
      String comment, Map<String, String> properties, List<String> tables, boolean replace, boolean ifNotExists)
      throws TableAlreadyExistsException {
    String schemaName = single(ident);
    List<ColumnInfo> columns = new ArrayList<>();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      DataType type = fields[i].dataType();
      columns.add(new ColumnInfo(fields[i].name(), type.catalogString(), null, GatehouseCatalog.typeName(type), null,
          null, null, i, null, fields[i].nullable(), null, null, null));
    }
    try {
      if (replace) {
        drop(catalog, ident, true);
      }
      catalog.rest().tables().create(CreateTable.view(ident.name(), catalog.config().catalog(), schemaName, columns,
          comment, properties, definition, tables));
    } catch (AlreadyExistsException e) {
      if (!ifNotExists) {
        throw new TableAlreadyExistsException(ident);
      }
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused to create view " + catalog.fullName(ident) + ": "
          + e.getMessage(), e);
    }
  }

  /** Drops the view as the reader; refuses a table (DROP TABLE drops tables). False when there is none. */
  public static boolean drop(GatehouseCatalog catalog, Identifier ident, boolean ifExists) {
    single(ident);
    String fullName = catalog.fullName(ident);
    try {
      TableInfo existing = catalog.rest().tables().get(fullName);
      if (!"VIEW".equalsIgnoreCase(existing.tableType())) {
        throw new GatehouseAccessException(fullName + " is a table, not a view: DROP TABLE drops it");
      }
      catalog.rest().tables().delete(fullName);
      return true;
    } catch (NotFoundException e) {
      if (ifExists) {
        return false;
      }
      throw new GatehouseAccessException("View " + fullName + " does not exist", e);
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused to drop view " + fullName + ": " + e.getMessage(), e);
    }
  }

  /** The names of the views of {@code schema} the reader may see. */
  public static List<String> list(GatehouseCatalog catalog, String schema) {
    List<String> names = new ArrayList<>();
    try {
      for (TableInfo t : catalog.rest().tables().list(catalog.config().catalog(), schema)) {
        if ("VIEW".equalsIgnoreCase(t.tableType())) {
          names.add(t.name());
        }
      }
    } catch (GatehouseException e) {
      throw new GatehouseAccessException("Gatehouse refused to list the views of " + schema + ": " + e.getMessage(), e);
    }
    return names;
  }

  private static String single(Identifier ident) {
    if (ident.namespace().length != 1) {
      throw new IllegalArgumentException("Gatehouse namespaces are schemas: one name, not "
          + String.join(".", ident.namespace()));
    }
    return ident.namespace()[0];
  }
}
