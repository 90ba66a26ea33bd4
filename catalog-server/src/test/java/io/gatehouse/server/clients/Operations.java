package io.gatehouse.server.clients;

import io.gatehouse.client.model.CatalogInfo;
import io.gatehouse.client.model.CreatedToken;
import io.gatehouse.client.model.FunctionInfo;
import io.gatehouse.client.model.Identity;
import io.gatehouse.client.model.ModelVersionInfo;
import io.gatehouse.client.model.RegisteredModelInfo;
import io.gatehouse.client.model.PrivilegeAssignment;
import io.gatehouse.client.model.SchemaInfo;
import io.gatehouse.client.model.SqlResult;
import io.gatehouse.client.model.TableInfo;
import io.gatehouse.client.model.TokenInfo;
import io.gatehouse.client.model.VolumeInfo;
import java.util.List;

/**
 * What {@link CatalogCrudAndAuthorizationSuite} does, one way: through REST, the Java client or
 * the CLI. Results come back as the client's wire models; a refusal is an {@link
 * OperationFailed} whose {@link Failure} each way derives from its own signal (HTTP status and
 * error code, exception class, exit code), so the suite checks all three against one expectation.
 * Lists read every page with the given page size.
 */
public interface Operations {
  /** The same way, authenticated with {@code token}. */
  Operations as(String token);

  /** A column to create: name and Unity Catalog type name (LONG, STRING, INT, ...). */
  record Column(String name, String typeName) {}

  CatalogInfo createCatalog(String name, String comment);

  CatalogInfo getCatalog(String name);

  List<CatalogInfo> listCatalogs(int pageSize);

  CatalogInfo updateCatalog(String name, String newName, String comment);

  void deleteCatalog(String name, boolean force);

  SchemaInfo createSchema(String catalog, String name, String comment);

  SchemaInfo getSchema(String fullName);

  List<SchemaInfo> listSchemas(String catalog, int pageSize);

  SchemaInfo updateSchema(String fullName, String newName, String comment);

  void deleteSchema(String fullName, boolean force);

  /** EXTERNAL Delta at {@code location}. */
  TableInfo createTable(String catalog, String schema, String name, String location, List<Column> columns);

  TableInfo getTable(String fullName);

  List<TableInfo> listTables(String catalog, String schema, int pageSize);

  TableInfo updateTableOwner(String fullName, String owner);

  void deleteTable(String fullName);

  /** MANAGED. */
  VolumeInfo createVolume(String catalog, String schema, String name, String comment);

  VolumeInfo getVolume(String fullName);

  List<VolumeInfo> listVolumes(String catalog, String schema, int pageSize);

  VolumeInfo updateVolume(String fullName, String newName, String comment);

  void deleteVolume(String fullName);

  RegisteredModelInfo createModel(String catalog, String schema, String name, String comment);

  RegisteredModelInfo getModel(String fullName);

  /** With a null schema, the models of every schema of the catalog. */
  List<RegisteredModelInfo> listModels(String catalog, String schema, int pageSize);

  RegisteredModelInfo updateModel(String fullName, String newName, String comment, String owner);

  void deleteModel(String fullName, boolean force);

  ModelVersionInfo createModelVersion(String catalog, String schema, String model, String source);

  List<ModelVersionInfo> listModelVersions(String fullName, int pageSize);

  ModelVersionInfo finalizeModelVersion(String fullName, long version);

  /** A SQL function of one STRING parameter returning BOOLEAN. */
  FunctionInfo createFunction(String catalog, String schema, String name, String parameter, String body);

  FunctionInfo getFunction(String fullName);

  List<FunctionInfo> listFunctions(String catalog, String schema, int pageSize);

  void deleteFunction(String fullName);

  /** Answers the grants on the securable after the change. */
  List<PrivilegeAssignment> grant(String securableType, String fullName, String principal, List<String> privileges);

  List<PrivilegeAssignment> revoke(String securableType, String fullName, String principal, List<String> privileges);

  List<PrivilegeAssignment> showGrants(String securableType, String fullName);

  SqlResult sql(String script);

  Identity whoami();

  CreatedToken createToken(String comment);

  List<TokenInfo> listTokens();

  void revokeToken(String tokenId);

  /** The kinds of refusal the suite tells apart. */
  enum Failure { INVALID, NOT_FOUND, CONFLICT, PERMISSION_DENIED, UNAUTHENTICATED }

  /** A refusal, as one way reported it: its kind, the server's message and the request id. */
  final class OperationFailed extends RuntimeException {
    private final Failure failure;
    private final String requestId;

    public OperationFailed(Failure failure, String message, String requestId) {
      super(failure + ": " + message + " (request id " + requestId + ")");
      this.failure = failure;
      this.requestId = requestId;
    }

    public Failure failure() {
      return failure;
    }

    public String requestId() {
      return requestId;
    }
  }
}
