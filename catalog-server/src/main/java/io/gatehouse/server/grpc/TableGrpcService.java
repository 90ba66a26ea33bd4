package io.gatehouse.server.grpc;

import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
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
import io.gatehouse.server.common.FullName;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.credentials.CredentialsApi;
import io.gatehouse.server.credentials.TemporaryCredentialService;
import io.gatehouse.server.sql.parse.QualifiedName;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * ResolveTable for engines over gRPC (gatehouse/v1/tables.proto): one round trip per table read,
 * composing the catalog snapshot, the policy snapshot and credential vending.
 */
@GrpcService
public class TableGrpcService implements TableServiceGrpc.AsyncService, io.grpc.BindableService {

  /** The generated binding, refusing requests that are no message of their type as INVALID_ARGUMENT. */
  @Override
  public io.grpc.ServerServiceDefinition bindService() {
    return MalformedMessages.refusedAsInvalid(TableServiceGrpc.bindService(this));
  }

  private final GrpcCalls calls;
  private final TableRows rows;
  private final Authorizer authorizer;
  private final TemporaryCredentialService credentials;
  private final ViewReads views;

  TableGrpcService(GrpcCalls calls, TableRows rows, Authorizer authorizer, TemporaryCredentialService credentials,
      ViewReads views) {
    this.views = views;
    this.calls = calls;
    this.rows = rows;
    this.authorizer = authorizer;
    this.credentials = credentials;
  }

  /**
   * On the event loop: the table resolves in the request's snapshot and the decision is made in
   * memory. Then, at once, its audit record is written (group commit) while a worker reads what
   * the snapshot does not hold (columns, properties, location, tags: one query) and vends
   * credentials when asked; the answer goes out when both are done.
   */
  @Override
  public void resolveTable(ResolveTableRequest request, StreamObserver<ResolveTableResponse> out) {
    calls.unaryDetached(out, request.getOnBehalfOf(), () -> resolve(request));
  }

  private CompletionStage<ResolveTableResponse> resolve(ResolveTableRequest request) {
    // One snapshot for the whole answer: the name, the decision, filter and masks agree.
    PolicySnapshot snapshot = authorizer.snapshot();
    Target target = find(snapshot.catalog(), request);
    boolean write = request.getCredentials() == CredentialOperation.READ_WRITE;
    // Beneath a view the reader needs SELECT on the view, and the view's owner SELECT on the table
    // (decided on the worker below, ViewReads).
    Target view = request.getThroughView().isEmpty() ? null : ViewReads.view(snapshot, request);
    // A write needs MODIFY, not SELECT (INSERT as Databricks has it); its credentials may still need
    // SELECT, unless an engine acting for the writer asks them (TemporaryCredentialService.forTable).
    List<Authorizer.Need> needs = view != null ? List.of(new Authorizer.Need(view, Privilege.SELECT))
        : write ? List.of(new Authorizer.Need(target, Privilege.MODIFY))
        : List.of(new Authorizer.Need(target, Privilege.SELECT));
    Authorizer.Recorded<Boolean> decided =
        authorizer.requireAllDetached(Operation.RESOLVE_TABLE, view != null ? view : target, needs);
    if (!decided.value()) {
      return decided.recorded().thenApply(refused -> null); // fails with the refusal, once recorded
    }
    Subject subject = authorizer.subject();
    ResolveTableResponse.Builder answer = ResolveTableResponse.newBuilder()
        .setPolicyVersion(snapshot.version())
        .setPrincipal(subject.name())
        .setDialect("spark-sql");
    snapshot.rowFilter(subject, target.securable()).ifPresent(f -> answer
        .setRowFilterFunction(f.function())
        .setRowFilter(QualifiedName.quotingColumns(() -> f.expression().sqlFor(subject))));
    String bearer = bearerOf(GrpcCalls.credential());
    CompletionStage<ResolveTableResponse> read = calls.onWorker(() -> {
      TableMetadata table = rows.read(target);
      if (view != null) {
        views.requireOwnerMayRead(snapshot, view, target, table);
      }
      answer.setTable(table);
      for (Column column : table.getColumnsList()) {
        snapshot.mask(subject, target.securable(), column.getName()).ifPresent(m -> {
          String expression = QualifiedName.quotingColumns(() -> m.expression().sqlFor(subject));
          // A reader the mask exempts reads the column itself: no entry, rather than "email = email".
          if (!isColumn(expression, column.getName())) {
            answer.addColumnMasks(ColumnMask.newBuilder().setColumn(column.getName()).setFunctionName(m.function())
                .setExpression(expression));
          }
        });
      }
      // A view has no files: its answer carries its definition, never credentials.
      if (view != null) {
        answer.setCredentials(convert(credentials.forTableThroughView(table.getTableId(), view, bearer)));
      } else if (request.getCredentials() != CredentialOperation.CREDENTIAL_OPERATION_UNSPECIFIED
          && !"VIEW".equals(table.getTableType())) {
        answer.setCredentials(vend(table.getTableId(), write, bearer));
      }
      return answer.build();
    });
    return decided.recorded().thenCombine(read, (recorded, response) -> response);
  }

  /** The table named by the request, in the snapshot; NOT_FOUND as the catalog says it. */
  private static Target find(CatalogSnapshot catalog, ResolveTableRequest request) {
    switch (request.getTableCase()) {
      case FULL_NAME -> {
        FullName name = FullName.ofObject(Validation.required("full_name", request.getFullName(), 1024));
        Target table = catalog.byName(SecurableType.TABLE, name.toString());
        if (table != null) {
          return table;
        }
        if (catalog.byName(SecurableType.CATALOG, name.catalog()) == null) {
          throw GatehouseException.notFound("Catalog '" + name.catalog() + "' does not exist.");
        }
        if (catalog.byName(SecurableType.SCHEMA, name.catalog() + "." + name.schema()) == null) {
          throw GatehouseException.notFound("Schema '" + name.catalog() + "." + name.schema() + "' does not exist.");
        }
        throw GatehouseException.notFound("Table '" + name + "' does not exist.");
      }
      case TABLE_ID -> {
        UUID id;
        try {
          id = UUID.fromString(request.getTableId());
        } catch (IllegalArgumentException e) {
          throw GatehouseException.invalid("table_id '" + Validation.printable(request.getTableId()) + "' is not an id.");
        }
        Target table = catalog.byId(SecurableType.TABLE, id.toString());
        if (table == null) {
          throw GatehouseException.notFound("No table has id '" + id + "'.");
        }
        return table;
      }
      default -> throw GatehouseException.invalid("ResolveTable needs a full_name or a table_id.");
    }
  }

  /** Whether a rendered mask is just the column, plain or backquoted. */
  static boolean isColumn(String expression, String column) {
    String e = expression.strip();
    if (e.length() > 1 && e.startsWith("`") && e.endsWith("`")) {
      e = e.substring(1, e.length() - 1).replace("``", "`");
    }
    return e.equalsIgnoreCase(column);
  }

  /**
   * The same rules, audit and cache as temporary-table-credentials on REST; an engine of the
   * engines group acting for a user also gets them for a filtered or masked table, since it applies
   * the filter and masks of this answer itself. Any other caller never does.
   */
  private TemporaryCredentials vend(String tableId, boolean write, String bearer) {
    return convert(credentials.forTable(new CredentialsApi.GenerateTemporaryTableCredential(
        tableId, write ? CredentialsApi.TableOperation.READ_WRITE : CredentialsApi.TableOperation.READ, null), bearer, true));
  }

  private static TemporaryCredentials convert(CredentialsApi.TemporaryCredentials vended) {
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
    return c.build();
  }

  /**
   * The caller's bearer token: a JWT for OIDC passthrough, or an access token (a SAML sign-in's
   * for SAML passthrough); the credential service tells them apart.
   */
  private static String bearerOf(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }
}
