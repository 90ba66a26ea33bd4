package io.gatehouse.server.clients;

import io.gatehouse.client.AlreadyExistsException;
import io.gatehouse.client.FailedPreconditionException;
import io.gatehouse.client.GatehouseClient;
import io.gatehouse.client.GatehouseException;
import io.gatehouse.client.InvalidArgumentException;
import io.gatehouse.client.NotFoundException;
import io.gatehouse.client.PermissionDeniedException;
import io.gatehouse.client.SecurableType;
import io.gatehouse.client.UnauthenticatedException;
import io.gatehouse.client.model.CatalogInfo;
import io.gatehouse.client.model.ColumnInfo;
import io.gatehouse.client.model.CreateFunction;
import io.gatehouse.client.model.CreateTable;
import io.gatehouse.client.model.CreateVolume;
import io.gatehouse.client.model.CreateModelVersion;
import io.gatehouse.client.model.CreateRegisteredModel;
import io.gatehouse.client.model.UpdateRegisteredModel;
import io.gatehouse.client.model.ModelVersionInfo;
import io.gatehouse.client.model.RegisteredModelInfo;
import io.gatehouse.client.model.CreatedToken;
import io.gatehouse.client.model.FunctionInfo;
import io.gatehouse.client.model.Identity;
import io.gatehouse.client.model.PrivilegeAssignment;
import io.gatehouse.client.model.SchemaInfo;
import io.gatehouse.client.model.SqlResult;
import io.gatehouse.client.model.TableInfo;
import io.gatehouse.client.model.TokenInfo;
import io.gatehouse.client.model.UpdateCatalog;
import io.gatehouse.client.model.UpdateSchema;
import io.gatehouse.client.model.UpdateVolume;
import io.gatehouse.client.model.VolumeInfo;
import java.util.List;
import java.util.function.Supplier;

/** The suite's operations through the Java client, refusals read from the exception's class. */
final class JavaClientOperations implements Operations {
  private final String host;
  private final GatehouseClient client;

  JavaClientOperations(String host, String token) {
    this.host = host;
    this.client = GatehouseClient.builder(host).token(token).build();
  }

  @Override
  public Operations as(String token) {
    return new JavaClientOperations(host, token);
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (GatehouseException e) {
      Failure failure;
      if (e instanceof InvalidArgumentException || e instanceof FailedPreconditionException) {
        failure = Failure.INVALID;
      } else if (e instanceof NotFoundException) {
        failure = Failure.NOT_FOUND;
      } else if (e instanceof AlreadyExistsException) {
        failure = Failure.CONFLICT;
      } else if (e instanceof PermissionDeniedException) {
        failure = Failure.PERMISSION_DENIED;
      } else if (e instanceof UnauthenticatedException) {
        failure = Failure.UNAUTHENTICATED;
      } else {
        throw new AssertionError("unexpected " + e, e);
      }
      throw new OperationFailed(failure, e.getMessage(), e.requestId());
    }
  }

  private static void run(Runnable call) {
    call(() -> {
      call.run();
      return null;
    });
  }

  @Override
  public CatalogInfo createCatalog(String name, String comment) {
    return call(() -> client.catalogs().create(name, comment));
  }

  @Override
  public CatalogInfo getCatalog(String name) {
    return call(() -> client.catalogs().get(name));
  }

  @Override
  public List<CatalogInfo> listCatalogs(int pageSize) {
    return call(() -> client.catalogs().list(pageSize).toList());
  }

  @Override
  public CatalogInfo updateCatalog(String name, String newName, String comment) {
    return call(() -> client.catalogs().update(name, new UpdateCatalog(newName, comment, null, null)));
  }

  @Override
  public void deleteCatalog(String name, boolean force) {
    run(() -> client.catalogs().delete(name, force));
  }

  @Override
  public SchemaInfo createSchema(String catalog, String name, String comment) {
    return call(() -> client.schemas().create(catalog, name, comment));
  }

  @Override
  public SchemaInfo getSchema(String fullName) {
    return call(() -> client.schemas().get(fullName));
  }

  @Override
  public List<SchemaInfo> listSchemas(String catalog, int pageSize) {
    return call(() -> client.schemas().list(catalog, pageSize).toList());
  }

  @Override
  public SchemaInfo updateSchema(String fullName, String newName, String comment) {
    return call(() -> client.schemas().update(fullName, new UpdateSchema(newName, comment, null, null)));
  }

  @Override
  public void deleteSchema(String fullName, boolean force) {
    run(() -> client.schemas().delete(fullName, force));
  }

  @Override
  public TableInfo createTable(String catalog, String schema, String name, String location, List<Column> columns) {
    List<ColumnInfo> cols = columns.stream().map(c -> ColumnInfo.of(c.name(), c.typeName())).toList();
    return call(() -> client.tables().create(
        new CreateTable(name, catalog, schema, "EXTERNAL", "DELTA", cols, location, null, null, null)));
  }

  @Override
  public TableInfo getTable(String fullName) {
    return call(() -> client.tables().get(fullName));
  }

  @Override
  public List<TableInfo> listTables(String catalog, String schema, int pageSize) {
    return call(() -> client.tables().list(catalog, schema, pageSize).toList());
  }

  @Override
  public TableInfo updateTableOwner(String fullName, String owner) {
    return call(() -> client.tables().updateOwner(fullName, owner));
  }

  @Override
  public void deleteTable(String fullName) {
    run(() -> client.tables().delete(fullName));
  }

  @Override
  public VolumeInfo createVolume(String catalog, String schema, String name, String comment) {
    return call(() -> client.volumes().create(new CreateVolume(catalog, schema, name, "MANAGED", comment, null)));
  }

  @Override
  public VolumeInfo getVolume(String fullName) {
    return call(() -> client.volumes().get(fullName));
  }

  @Override
  public List<VolumeInfo> listVolumes(String catalog, String schema, int pageSize) {
    return call(() -> client.volumes().list(catalog, schema, pageSize).toList());
  }

  @Override
  public VolumeInfo updateVolume(String fullName, String newName, String comment) {
    return call(() -> client.volumes().update(fullName, new UpdateVolume(newName, comment, null)));
  }

  @Override
  public void deleteVolume(String fullName) {
    run(() -> client.volumes().delete(fullName));
  }

  @Override
  public RegisteredModelInfo createModel(String catalog, String schema, String name, String comment) {
    return call(() -> client.models().create(new CreateRegisteredModel(catalog, schema, name, comment)));
  }

  @Override
  public RegisteredModelInfo getModel(String fullName) {
    return call(() -> client.models().get(fullName));
  }

  @Override
  public List<RegisteredModelInfo> listModels(String catalog, String schema, int pageSize) {
    return call(() -> client.models().list(catalog, schema, pageSize).toList());
  }

  @Override
  public RegisteredModelInfo updateModel(String fullName, String newName, String comment, String owner) {
    return call(() -> client.models().update(fullName, new UpdateRegisteredModel(newName, comment, owner)));
  }

  @Override
  public void deleteModel(String fullName, boolean force) {
    run(() -> client.models().delete(fullName, force));
  }

  @Override
  public ModelVersionInfo createModelVersion(String catalog, String schema, String model, String source) {
    return call(() -> client.models().createVersion(new CreateModelVersion(catalog, schema, model, source, null, null)));
  }

  @Override
  public List<ModelVersionInfo> listModelVersions(String fullName, int pageSize) {
    return call(() -> client.models().listVersions(fullName, pageSize).toList());
  }

  @Override
  public ModelVersionInfo finalizeModelVersion(String fullName, long version) {
    return call(() -> client.models().finalizeVersion(fullName, version, false));
  }

  @Override
  public FunctionInfo createFunction(String catalog, String schema, String name, String parameter, String body) {
    CreateFunction.Type string = new CreateFunction.Type("STRING", "string");
    return call(() -> client.functions().create(CreateFunction.sql(catalog, schema, name,
        List.of(new CreateFunction.Parameter(parameter, string)), new CreateFunction.Type("BOOLEAN", "boolean"), body, null)));
  }

  @Override
  public FunctionInfo getFunction(String fullName) {
    return call(() -> client.functions().get(fullName));
  }

  @Override
  public List<FunctionInfo> listFunctions(String catalog, String schema, int pageSize) {
    return call(() -> client.functions().list(catalog, schema, pageSize).toList());
  }

  @Override
  public void deleteFunction(String fullName) {
    run(() -> client.functions().delete(fullName));
  }

  @Override
  public List<PrivilegeAssignment> grant(String type, String fullName, String principal, List<String> privileges) {
    return call(() -> client.permissions().grant(SecurableType.parse(type), fullName, principal, privileges));
  }

  @Override
  public List<PrivilegeAssignment> revoke(String type, String fullName, String principal, List<String> privileges) {
    return call(() -> client.permissions().revoke(SecurableType.parse(type), fullName, principal, privileges));
  }

  @Override
  public List<PrivilegeAssignment> showGrants(String type, String fullName) {
    return call(() -> client.permissions().get(SecurableType.parse(type), fullName));
  }

  @Override
  public SqlResult sql(String script) {
    return call(() -> client.sql().execute(script));
  }

  @Override
  public Identity whoami() {
    return call(client::whoami);
  }

  @Override
  public CreatedToken createToken(String comment) {
    return call(() -> client.tokens().create(comment, null));
  }

  @Override
  public List<TokenInfo> listTokens() {
    return call(() -> client.tokens().list());
  }

  @Override
  public void revokeToken(String tokenId) {
    run(() -> client.tokens().revoke(tokenId));
  }
}
