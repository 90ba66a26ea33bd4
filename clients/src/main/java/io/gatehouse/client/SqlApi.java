package io.gatehouse.client;

import io.gatehouse.client.model.SqlResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scripts of Databricks SQL statements: {@code POST /api/gatehouse/v1/sql}, run as the caller in
 * one transaction. A failing statement fails the whole script and nothing is applied; the
 * exception's metadata names the statement and line.
 */
public final class SqlApi {
  static final String PATH = "/api/gatehouse/v1/sql";
  private final RestTransport rest;

  SqlApi(RestTransport rest) {
    this.rest = rest;
  }

  public SqlResult execute(String script) {
    return execute(script, null, null);
  }

  /** {@code catalog} and {@code schema} are the defaults for names of one or two parts (may be null). */
  public SqlResult execute(String script, String catalog, String schema) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("statement", script);
    if (catalog != null) {
      body.put("catalog", catalog);
    }
    if (schema != null) {
      body.put("schema", schema);
    }
    return rest.post(PATH, body, SqlResult.class);
  }
}
