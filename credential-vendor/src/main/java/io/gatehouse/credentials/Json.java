package io.gatehouse.credentials;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Just enough JSON to write IAM policies: objects in insertion order, arrays, strings; compact. */
final class Json {
  private Json() {}

  static final class Object {
    private final Map<String, java.lang.Object> members = new LinkedHashMap<>();

    Object put(String name, java.lang.Object value) {
      members.put(name, value);
      return this;
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      write(this, out);
      return out.toString();
    }
  }

  static final class Array {
    private final List<java.lang.Object> items = new ArrayList<>();

    Array add(java.lang.Object value) {
      items.add(value);
      return this;
    }
  }

  private static void write(java.lang.Object value, StringBuilder out) {
    if (value instanceof Object o) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, java.lang.Object> e : o.members.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof Array a) {
      out.append('[');
      for (int i = 0; i < a.items.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(a.items.get(i), out);
      }
      out.append(']');
    } else {
      string(String.valueOf(value), out);
    }
  }

  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
