package io.gatehouse.server.audit;

import io.gatehouse.server.common.ErrorMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A GET or HEAD may defer the waits for its decisions' records ({@link AuditWaits}); every answer
 * leaves only once what was deferred is written, and becomes a 503 in the documented error shape
 * when it cannot be (or is not within the audit's write timeout).
 */
public final class AuditWaitFilter {
  private static final ErrorMapper ERRORS = new ErrorMapper();

  private final AuditWaits waits;
  private final AuditConfig config;

  AuditWaitFilter(AuditWaits waits, AuditConfig config) {
    this.waits = waits;
    this.config = config;
  }

  @ServerRequestFilter
  public void allowDeferral(ContainerRequestContext request) {
    String method = request.getMethod();
    if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
      waits.allowDeferral();
    }
  }

  @ServerResponseFilter
  public Uni<Void> awaitRecords(ContainerRequestContext request, ContainerResponseContext response) {
    List<CompletionStage<Void>> pending = waits.take();
    if (pending == null) {
      return Uni.createFrom().voidItem();
    }
    CompletableFuture<?>[] all = pending.stream().map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new);
    return Uni.createFrom().completionStage(CompletableFuture.allOf(all))
        .ifNoItem().after(config.writeTimeout()).fail()
        .onFailure().recoverWithItem(failure -> {
          Response unavailable = ERRORS.gatehouse(AuditLog.unavailable(), request);
          response.setStatus(unavailable.getStatus());
          response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
          response.setEntity(unavailable.getEntity(), null, unavailable.getMediaType());
          return null;
        })
        .replaceWithVoid();
  }
}
