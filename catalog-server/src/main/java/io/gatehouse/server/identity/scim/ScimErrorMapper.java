package io.gatehouse.server.identity.scim;

import io.gatehouse.server.common.ErrorMapper;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** SCIM failures in the SCIM error shape, with the status and scimType the RFC assigns. */
public final class ScimErrorMapper {
  @ServerExceptionMapper
  public Response scim(ScimException e) {
    return ErrorMapper.scim(e.status(), e.scimType(), e.getMessage());
  }
}
