package io.gatehouse.client;

/** The request body is over the server's limit (HTTP 413). */
public class RequestTooLargeException extends GatehouseException {
  public RequestTooLargeException(Details details) {
    super(details);
  }
}
