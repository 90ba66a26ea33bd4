package io.gatehouse.client;

/** The caller lacks a privilege; the message names it and the securable (HTTP 403, gRPC PERMISSION_DENIED). */
public class PermissionDeniedException extends GatehouseException {
  public PermissionDeniedException(Details details) {
    super(details);
  }
}
