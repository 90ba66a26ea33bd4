package io.gatehouse.server.sql;

import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.authz.PolicyStore;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.sql.SqlApi.ExecuteRequest;
import io.gatehouse.server.sql.SqlApi.ExecuteResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Governance SQL in Databricks syntax. The script runs as the caller, with the same authorization
 * as the REST API, in one transaction: all of it or none.
 */
@Performs(Operation.EXECUTE_SQL)
@ActsForEndUsers
@Path("/api/gatehouse/v1/sql")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "SQL")
public class SqlResource {
  /** Scripts longer than this are refused before parsing. */
  static final int MAX_SCRIPT_LENGTH = 1_000_000;

  private final SqlExecutor executor;
  private final PolicyStore policies;

  SqlResource(SqlExecutor executor, PolicyStore policies) {
    this.executor = executor;
    this.policies = policies;
  }

  @POST
  public ExecuteResponse execute(ExecuteRequest request) {
    Validation.required("body", request);
    String script = Validation.required("statement", request.statement(), MAX_SCRIPT_LENGTH);
    var results = executor.execute(script, request.catalog(), request.schema());
    // Committed: grants, denies, filters and masks count on this replica from the next request on.
    policies.refresh();
    return new ExecuteResponse("SUCCEEDED", results);
  }
}
