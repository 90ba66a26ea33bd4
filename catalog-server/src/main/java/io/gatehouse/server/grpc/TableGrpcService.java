package io.gatehouse.server.grpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.proto.v1.Column;
import io.gatehouse.proto.v1.ColumnMask;
import io.gatehouse.proto.v1.CredentialOperation;
import io.gatehouse.proto.v1.ResolveTableRequest;
import io.gatehouse.proto.v1.ResolveTableResponse;
import io.gatehouse.proto.v1.TableMetadata;
import io.gatehouse.proto.v1.TableServiceGrpc;
import io.gatehouse.proto.v1.TemporaryCredentials;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.Securables;
import io.gatehouse.server.catalog.TableEntity;
import io.gatehouse.server.catalog.TableService;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.credentials.CredentialsApi;
import io.gatehouse.server.credentials.TemporaryCredentialService;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import java.util.Iterator;
import java.util.Map;

/**
 * ResolveTable for engines over gRPC (gatehouse/v1/tables.proto): one round trip per table read,
 * composing the catalog, the policy snapshot and credential vending.
 */
@GrpcService
public class TableGrpcService extends TableServiceGrpc.TableServiceImplBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GrpcCalls calls;
  private final TableService tables;
  private final Authorizer authorizer;
  private final TemporaryCredentialService credentials;

  TableGrpcService(GrpcCalls calls, TableService tables, Authorizer authorizer, TemporaryCredentialService credentials) {
    this.calls = calls;
    this.tables = tables;
    this.authorizer = authorizer;
    this.credentials = credentials;
  }

  @Override
  @Blocking
  public void resolveTable(ResolveTableRequest request, StreamObserver<ResolveTableResponse> out) {
    calls.unary(out, request.getOnBehalfOf(), () -> resolve(request));
  }

  private ResolveTableResponse resolve(ResolveTableRequest request) {
    TableEntity table = switch (request.getTableCase()) {
      case FULL_NAME -> tables.get(Validation.required("full_name", request.getFullName(), 1024));
      case TABLE_ID -> byId(request.getTableId());
      default -> throw GatehouseException.invalid("ResolveTable needs a full_name or a table_id.");
    };
    Target target = Securables.of(table);
    // One snapshot for the whole answer: decisions, filter and masks agree.
    PolicySnapshot snapshot = authorizer.snapshot();
    authorizer.requirePrivilege(Operation.RESOLVE_TABLE, target, Privilege.SELECT);
    if (request.getCredentials() == CredentialOperation.READ_WRITE) {
      authorizer.requirePrivilege(Operation.RESOLVE_TABLE, target, Privilege.MODIFY);
    }
    Subject subject = authorizer.subject();
    ResolveTableResponse.Builder answer = ResolveTableResponse.newBuilder()
        .setTable(metadata(table))
        .setPolicyVersion(snapshot.version())
        .setPrincipal(subject.name());
    snapshot.rowFilter(subject, target.securable()).ifPresent(f -> answer
        .setRowFilterFunction(f.function())
        .setRowFilter(f.expression().sqlFor(subject)));
    for (Column column : answer.getTable().getColumnsList()) {
      snapshot.mask(subject, target.securable(), column.getName()).ifPresent(m -> answer.addColumnMasks(
          ColumnMask.newBuilder().setColumn(column.getName()).setFunctionName(m.function())
              .setExpression(m.expression().sqlFor(subject))));
    }
    if (request.getCredentials() != CredentialOperation.CREDENTIAL_OPERATION_UNSPECIFIED) {
      // The same rules, audit and cache as temporary-table-credentials on REST.
      CredentialsApi.TemporaryCredentials vended = credentials.forTable(new CredentialsApi.GenerateTemporaryTableCredential(
          table.id.toString(),
          request.getCredentials() == CredentialOperation.READ_WRITE
              ? CredentialsApi.TableOperation.READ_WRITE : CredentialsApi.TableOperation.READ,
          null), jwtOf(GrpcCalls.credential()));
      TemporaryCredentials.Builder c = TemporaryCredentials.newBuilder()
          .setAccessKeyId(vended.awsTempCredentials().accessKeyId())
          .setSecretAccessKey(vended.awsTempCredentials().secretAccessKey())
          .setSessionToken(vended.awsTempCredentials().sessionToken());
      if (vended.expirationTime() != null) {
        c.setExpirationTime(vended.expirationTime());
      }
      if (vended.url() != null) {
        c.setUrl(vended.url());
      }
      answer.setCredentials(c);
    }
    return answer.build();
  }

  /** The caller's bearer JWT, for OIDC passthrough; null for access tokens. */
  private static String jwtOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    return token.chars().filter(ch -> ch == '.').count() == 2 ? token : null;
  }

  private TableEntity byId(String id) {
    java.util.UUID uuid;
    try {
      uuid = java.util.UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("table_id '" + Validation.printable(id) + "' is not an id.");
    }
    TableEntity table = TableEntity.findById(uuid);
    if (table == null) {
      throw GatehouseException.notFound("No table has id '" + uuid + "'.");
    }
    authorizer.require(Operation.GET_TABLE, Securables.of(table));
    return table;
  }

  static TableMetadata metadata(TableEntity t) {
    TableMetadata.Builder m = TableMetadata.newBuilder()
        .setFullName(t.fullName())
        .setTableId(t.id.toString())
        .setTableType(t.tableType)
        .setOwner(t.owner);
    if (t.dataSourceFormat != null) {
      m.setDataSourceFormat(t.dataSourceFormat);
    }
    if (t.storageLocation != null) {
      m.setStorageLocation(t.storageLocation);
    }
    if (t.comment != null) {
      m.setComment(t.comment);
    }
    if (t.viewDefinition != null) {
      m.setViewDefinition(t.viewDefinition);
    }
    try {
      for (JsonNode c : JSON.readTree(t.columns)) {
        Column.Builder column = Column.newBuilder()
            .setName(c.path("name").asText())
            .setTypeText(c.path("type_text").asText())
            .setTypeName(c.path("type_name").asText())
            .setNullable(c.path("nullable").asBoolean(true))
            .setPosition(c.path("position").asInt())
            .setPartitionIndex(c.hasNonNull("partition_index") ? c.get("partition_index").asInt() : -1);
        if (c.hasNonNull("comment")) {
          column.setComment(c.get("comment").asText());
        }
        column.putAllTags(strings(c.path("tags")));
        m.addColumns(column);
      }
      m.putAllProperties(strings(JSON.readTree(t.properties)));
      m.putAllTags(strings(JSON.readTree(t.tags)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored table documents are not JSON", e);
    }
    return m.build();
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> result = new java.util.LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      result.put(e.getKey(), e.getValue().asText());
    }
    return result;
  }
}
