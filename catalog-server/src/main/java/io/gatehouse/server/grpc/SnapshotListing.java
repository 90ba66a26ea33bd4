package io.gatehouse.server.grpc;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.CatalogSnapshot;
import io.gatehouse.policy.PolicySnapshot;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.SecurableType;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.proto.v1.AuthorizedSecurable;
import io.gatehouse.proto.v1.ListAuthorizedRequest;
import io.gatehouse.proto.v1.ListAuthorizedResponse;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Visibility;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.PageRequest;
import io.gatehouse.server.common.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * ListAuthorized from the request's snapshot, without the database: the parent's children of
 * the asked type in name order ({@link CatalogSnapshot#children}), kept when the caller may see
 * them (the listing's {@link Visibility}, by the rules of the REST listings without
 * include_browse) and, with a privilege, when it holds that privilege with USE on the
 * containers. Never a decision, nor a name, outside what the caller may see: a page ends on a
 * child it returned, and its token names the listing (type, parent id, privilege) it continues,
 * so a token of another listing is refused and an edited one only moves where the filtered
 * listing starts.
 */
@ApplicationScoped
public class SnapshotListing {
  /** How many children are read from the snapshot at a time while filling a page. */
  private static final int CHUNK = 256;

  private final Authorizer authorizer;

  SnapshotListing(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  CompletionStage<ListAuthorizedResponse> list(ListAuthorizedRequest request) {
    SecurableType type = AuthorizationGrpcService.type(request.getType());
    Operation op = switch (type) {
      case CATALOG -> Operation.LIST_CATALOGS;
      case SCHEMA -> Operation.LIST_SCHEMAS;
      case TABLE -> Operation.LIST_TABLES;
      case VOLUME -> Operation.LIST_VOLUMES;
      case FUNCTION -> Operation.LIST_FUNCTIONS;
      default -> throw GatehouseException.invalid("ListAuthorized lists catalogs, schemas, tables, volumes or functions.");
    };
    boolean filter = request.getPrivilege() != io.gatehouse.proto.v1.Privilege.PRIVILEGE_UNSPECIFIED;
    Privilege wanted = filter ? AuthorizationGrpcService.privilege(request.getPrivilege()) : null;
    PolicySnapshot snapshot = authorizer.snapshot();
    Target parent = parent(snapshot.catalog(), type, request.getParent());
    String parentId = type == SecurableType.CATALOG ? null : parent.securable().id();
    String kind = "grpc-" + type.apiName() + ":" + parent.securable().id() + ":" + (filter ? wanted.name() : "");
    PageRequest page = PageRequest.parse(kind, Integer.toString(Math.max(0, request.getPageSize())), request.getPageToken());

    Authorizer.Recorded<Visibility> visible = authorizer.visibleChildrenDetached(op, parent, false);
    ListAuthorizedResponse.Builder answer = ListAuthorizedResponse.newBuilder();
    if (visible.value() != null) {
      Subject subject = authorizer.subject();
      // The containers are the same for every child: USE on them is decided once.
      boolean usable = !filter || type == SecurableType.CATALOG
          || AccessCheck.canUse(snapshot, subject, parent).allowed();
      if (usable) {
        fill(answer, page, kind, snapshot, subject, visible.value(), type, parentId, request.getType(), wanted);
      }
    }
    ListAuthorizedResponse response = answer.build();
    return visible.recorded().thenApply(written -> response);
  }

  /** One page of what the caller may see, plus one child more to tell whether a next page exists. */
  private static void fill(ListAuthorizedResponse.Builder answer, PageRequest page, String kind, PolicySnapshot snapshot,
      Subject subject, Visibility visibility, SecurableType type, String parentId, io.gatehouse.proto.v1.SecurableType wireType,
      Privilege wanted) {
    String after = page.after();
    String lastReturned = null;
    while (true) {
      GrpcCalls.checkNotCancelled();
      List<Target> chunk = snapshot.catalog().children(type, parentId, after, CHUNK);
      for (Target child : chunk) {
        if (!visible(visibility, child) || wanted != null && !AccessCheck.has(snapshot, subject, wanted, child).allowed()) {
          continue;
        }
        if (answer.getSecurablesCount() == page.size()) {
          // A next page exists; it starts after the last child this page returned.
          answer.setNextPageToken(PageRequest.tokenAfter(kind, lastReturned));
          return;
        }
        String fullName = child.names().get(child.names().size() - 1);
        answer.addSecurables(AuthorizedSecurable.newBuilder()
            .setFullName(fullName)
            .setId(child.securable().id())
            .setType(wireType)
            .setOwner(child.owner()));
        lastReturned = lastName(fullName);
      }
      if (chunk.size() < CHUNK) {
        return;
      }
      after = lastName(chunk.get(chunk.size() - 1).names().get(chunk.get(chunk.size() - 1).names().size() - 1));
    }
  }

  private static boolean visible(Visibility visibility, Target child) {
    return visibility.everything() || visibility.shows(UUID.fromString(child.securable().id()), child.owner());
  }

  /** The child's own name, lower-cased: the key the snapshot orders children by. */
  private static String lastName(String fullName) {
    return fullName.substring(fullName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  /** The container listed: the metastore, a catalog or a schema, as the REST listings find it. */
  private Target parent(CatalogSnapshot catalog, SecurableType type, String parent) {
    switch (type) {
      case CATALOG -> {
        Target metastore = catalog.metastore();
        if (metastore == null) {
          throw new IllegalStateException("the snapshot holds no metastore");
        }
        return metastore;
      }
      case SCHEMA -> {
        return catalogNamed(catalog, Validation.name("parent", parent));
      }
      default -> {
        String[] parts = parent.split("\\.", -1);
        if (parts.length != 2) {
          throw GatehouseException.invalid("parent must be a schema's full name 'catalog.schema', not '"
              + Validation.printable(parent) + "'.");
        }
        Validation.name("catalog_name", parts[0]);
        Validation.name("schema_name", parts[1]);
        Target schema = catalog.byName(SecurableType.SCHEMA, parts[0] + "." + parts[1]);
        if (schema == null) {
          catalogNamed(catalog, parts[0]);
          throw GatehouseException.notFound("Schema '" + parts[0] + "." + parts[1] + "' does not exist.");
        }
        return schema;
      }
    }
  }

  private static Target catalogNamed(CatalogSnapshot catalog, String name) {
    Target found = catalog.byName(SecurableType.CATALOG, name);
    if (found == null) {
      throw GatehouseException.notFound("Catalog '" + name + "' does not exist.");
    }
    return found;
  }
}
