package io.gatehouse.server.identity.scim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A SQL boolean expression with JDBC {@code ?} placeholders and the values to bind to them, in
 * order. Client values only ever appear in {@code params}, never in {@code sql}.
 */
public record SqlFragment(String sql, List<Object> params) {
  public SqlFragment {
    Objects.requireNonNull(sql, "sql");
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }
}
