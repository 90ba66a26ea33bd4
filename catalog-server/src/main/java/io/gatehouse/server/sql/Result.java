package io.gatehouse.server.sql;

import io.gatehouse.server.sql.SqlApi.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a statement returns: a status line, or rows under named columns. */
record Result(String status, List<Column> columns, List<List<String>> rows) {

  static Result status(String status) {
    return new Result(status, null, null);
  }

  /** A query result whose columns are all strings, as SHOW and DESCRIBE return. */
  static Builder rows(String... columns) {
    return new Builder(Arrays.stream(columns).map(c -> new Column(c, "STRING")).toList());
  }

  static final class Builder {
    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    private Builder(List<Column> columns) {
      this.columns = columns;
    }

    Builder row(String... values) {
      rows.add(Arrays.asList(values));
      return this;
    }

    Result build() {
      return new Result(null, columns, rows);
    }
  }
}
