package io.gatehouse.client;

/** The object, or one of its containers, does not exist (HTTP 404, gRPC NOT_FOUND). */
public class NotFoundException extends GatehouseException {
  public NotFoundException(Details details) {
    super(details);
  }
}
