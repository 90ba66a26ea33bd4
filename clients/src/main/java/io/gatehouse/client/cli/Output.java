package io.gatehouse.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints results as an aligned table (the default) or as JSON ({@code --output json}: the
 * server's field names, one document per command).
 */
public final class Output {
  public enum Format { TABLE, JSON }

  /** A column of a listing: its header and how to read it from an item. */
  public record Column<T>(String header, Function<T, Object> value) {
    public static <T> Column<T> of(String header, Function<T, Object> value) {
      return new Column<>(header, value);
    }
  }

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final Format format;

  public Output(PrintWriter out, Format format) {
    this.out = out;
    this.format = format;
  }

  public Format format() {
    return format;
  }

  /** A listing: a table with a header row, or a JSON array of the items. */
  public <T> void list(List<T> items, List<Column<T>> columns) {
    if (format == Format.JSON) {
      json(items);
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(columns.stream().map(Column::header).toArray(String[]::new));
    for (T item : items) {
      rows.add(columns.stream().map(c -> text(c.value().apply(item))).toArray(String[]::new));
    }
    table(rows);
  }

  /** One object: its fields as aligned name-value lines, or the JSON document. */
  public void object(Object item) {
    if (format == Format.JSON) {
      json(item);
      return;
    }
    JsonNode node = JSON.valueToTree(item);
    List<String[]> rows = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      rows.add(new String[] {field.getKey(), field(field.getKey(), field.getValue())});
    }
    table(rows);
  }

  /** A confirmation: a line of text, or {@code json} as the document. */
  public void done(String message, Object json) {
    if (format == Format.JSON) {
      json(json == null ? Map.of() : json);
    } else {
      out.println(message);
    }
    out.flush();
  }

  /** A line of text in table mode only (the header of a section, a status). */
  public void line(String text) {
    if (format == Format.TABLE) {
      out.println(text);
    }
  }

  public void json(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  /** Rows with columns padded to their widest cell; no trailing spaces. */
  public void table(List<String[]> rows) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  /** A cell: null as empty, lists joined by commas, maps as k=v, times as ISO instants. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Instant i) {
      return i.toString();
    }
    if (value instanceof List<?> list) {
      return String.join(", ", list.stream().map(Output::text).toList());
    }
    if (value instanceof Map<?, ?> map) {
      List<String> parts = new ArrayList<>();
      map.forEach((k, v) -> parts.add(k + "=" + text(v)));
      return String.join(", ", parts);
    }
    return value.toString().replace('\n', ' ');
  }

  /** Epoch milliseconds as an instant; -1 (a token that does not expire) as "never". */
  static Object time(Long millis) {
    if (millis == null) {
      return null;
    }
    return millis < 0 ? "never" : Instant.ofEpochMilli(millis);
  }

  private static String field(String name, JsonNode value) {
    if (value.isNumber() && (name.endsWith("_at") || name.endsWith("_time"))) {
      return text(time(value.asLong()));
    }
    if (value.isValueNode()) {
      return value.asText().replace('\n', ' ');
    }
    if (value.isArray() && name.equals("columns")) {
      List<String> columns = new ArrayList<>();
      value.forEach(c -> columns.add(c.path("name").asText() + " " + c.path("type_text").asText(c.path("type_name").asText())));
      return String.join(", ", columns);
    }
    if (value.isArray() && value.size() > 0 && value.get(0).isValueNode()) {
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.asText()));
      return String.join(", ", items);
    }
    if (value.isObject() && value.size() > 0 && allValues(value)) {
      List<String> parts = new ArrayList<>();
      value.fields().forEachRemaining(e -> parts.add(e.getKey() + "=" + e.getValue().asText()));
      return String.join(", ", parts);
    }
    return value.toString();
  }

  private static boolean allValues(JsonNode object) {
    for (JsonNode v : object) {
      if (!v.isValueNode()) {
        return false;
      }
    }
    return true;
  }
}
