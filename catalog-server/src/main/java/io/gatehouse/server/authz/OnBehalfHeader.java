package io.gatehouse.server.authz;

import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.identity.CallerContext;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An engine acting on behalf of an end user over REST: it authenticates as itself and names the
 * user in {@value #HEADER}; every decision of the request is then the end user's ({@link
 * OnBehalfOf}, as gRPC's on_behalf_of), made before the endpoint looks at anything. Served by the
 * resources marked {@link ActsForEndUsers} (the Unity Catalog and Iceberg REST catalogs, SQL,
 * explain, the lineage graph); any other endpoint refuses the header rather than quietly serving
 * the engine itself. The header must come once, with a name; a caller outside the engines group
 * is refused whatever it names.
 */
public final class OnBehalfHeader {
  public static final String HEADER = "X-Gatehouse-On-Behalf-Of";

  private final OnBehalfOf onBehalf;
  private final CallerContext caller;
  private final ThreadContext context;
  private final ManagedExecutor workers;

  OnBehalfHeader(OnBehalfOf onBehalf, CallerContext caller, ThreadContext context, ManagedExecutor workers) {
    this.onBehalf = onBehalf;
    this.caller = caller;
    this.context = context;
    this.workers = workers;
  }

  @ServerRequestFilter
  public Uni<Void> actForTheEndUser(HttpHeaders headers, ResourceInfo resource) {
    List<String> named = headers.getRequestHeader(HEADER);
    if (named == null || named.isEmpty() || resource.getResourceMethod() == null) {
      return null;
    }
    if (!resource.getResourceClass().isAnnotationPresent(ActsForEndUsers.class)) {
      throw GatehouseException.invalid("Header " + HEADER + " is not accepted by this endpoint: call it as yourself.");
    }
    if (named.size() > 1) {
      throw GatehouseException.invalid("Header " + HEADER + " may be sent once, naming one end user.");
    }
    String name = named.get(0);
    if (name == null || name.isBlank()) {
      throw GatehouseException.invalid("Header " + HEADER + " must name the end user (a user or service principal).");
    }
    if (BlockingOperationControl.isBlockingAllowed()) {
      actFor(name);
      return null;
    }
    // An endpoint answered on the event loop: the end user may have to be read from the
    // database, so the request waits for that on a worker thread, in its own context.
    Supplier<Void> act = context.contextualSupplier(() -> {
      actFor(name);
      return null;
    });
    return Uni.createFrom().item(act).runSubscriptionOn(workers);
  }

  private void actFor(String name) {
    try {
      onBehalf.actFor(caller.caller(), HEADER, name);
    } catch (GatehouseException e) {
      // A 404 would read as a missing catalog object (NoSuchTable to an Iceberg client): the
      // header is what is wrong.
      if (e.errorCode() == ErrorCode.NOT_FOUND) {
        throw GatehouseException.invalid("Header " + HEADER + " names no principal: " + e.getMessage());
      }
      throw e;
    }
  }
}
