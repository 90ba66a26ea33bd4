package io.gatehouse.server.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.gatehouse.policy.Target;
import io.gatehouse.proto.v1.Column;
import io.gatehouse.proto.v1.TableMetadata;
import io.gatehouse.server.common.GatehouseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What ResolveTable answers that the catalog snapshot does not hold: a table's columns (with
 * their tags), format, location, comment, view text, properties and tags, in one query by id.
 * Name and owner come from the snapshot the call decided on.
 */
@ApplicationScoped
public class TableRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SELECT = "SELECT table_type, data_source_format, storage_location, comment, view_definition,"
      + " columns::text, properties::text, tags::text FROM tables WHERE id = ?";

  private final AgroalDataSource dataSource;

  TableRows(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The table's metadata; NOT_FOUND when it was dropped after the snapshot was taken. Blocking. */
  TableMetadata read(Target table) {
    String fullName = table.names().get(table.names().size() - 1);
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT)) {
      s.setObject(1, UUID.fromString(table.securable().id()));
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw GatehouseException.notFound("Table '" + fullName + "' does not exist.");
        }
        TableMetadata.Builder m = TableMetadata.newBuilder()
            .setFullName(fullName)
            .setTableId(table.securable().id())
            .setTableType(rs.getString(1))
            .setOwner(table.owner());
        setIfPresent(rs.getString(2), m::setDataSourceFormat);
        setIfPresent(rs.getString(3), m::setStorageLocation);
        setIfPresent(rs.getString(4), m::setComment);
        setIfPresent(rs.getString(5), m::setViewDefinition);
        for (JsonNode col : JSON.readTree(rs.getString(6))) {
          Column.Builder column = Column.newBuilder()
              .setName(col.path("name").asText())
              .setTypeText(col.path("type_text").asText())
              .setTypeName(col.path("type_name").asText())
              .setNullable(col.path("nullable").asBoolean(true))
              .setPosition(col.path("position").asInt())
              .setPartitionIndex(col.hasNonNull("partition_index") ? col.get("partition_index").asInt() : -1);
          if (col.hasNonNull("comment")) {
            column.setComment(col.get("comment").asText());
          }
          column.putAllTags(strings(col.path("tags")));
          m.addColumns(column);
        }
        m.putAllProperties(strings(JSON.readTree(rs.getString(7))));
        m.putAllTags(strings(JSON.readTree(rs.getString(8))));
        return m.build();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading table " + table.securable().id() + " failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException("stored table documents are not JSON", e);
    }
  }

  /**
   * The full names of the tables {@code view} names in its {@code view_dependencies}, as stored
   * (empty for a view without them); null when it is no view; NOT_FOUND when it was dropped after
   * the snapshot was taken. Blocking.
   */
  java.util.List<String> viewDependencies(Target view) {
    String fullName = view.names().get(view.names().size() - 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT table_type, view_dependencies::text FROM tables WHERE id = ?")) {
      s.setObject(1, UUID.fromString(view.securable().id()));
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw GatehouseException.notFound("Table '" + fullName + "' does not exist.");
        }
        if (!"VIEW".equals(rs.getString(1))) {
          return null;
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        if (rs.getString(2) != null) {
          for (JsonNode d : JSON.readTree(rs.getString(2)).path("dependencies")) {
            String name = d.path("table").path("table_full_name").asText("");
            if (!name.isEmpty()) {
              names.add(name);
            }
          }
        }
        return names;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading view " + view.securable().id() + " failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException("stored view dependencies are not JSON", e);
    }
  }

  private static void setIfPresent(String value, java.util.function.Consumer<String> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> result = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      result.put(e.getKey(), e.getValue().asText());
    }
    return result;
  }
}
