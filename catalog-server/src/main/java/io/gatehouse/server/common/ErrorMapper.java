package io.gatehouse.server.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become responses. Messages of our own exceptions go to the caller;
 * anything unexpected is logged here with the request id and answered with that id only, never
 * with SQL text or a stack trace.
 */
public final class ErrorMapper {
  private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

  @ServerExceptionMapper
  public Response gatehouse(GatehouseException e, ContainerRequestContext request) {
    if (e.retryAfter() != null) {
      long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
      return Response.fromResponse(respond(e.errorCode(), e.getMessage(), request))
          .header("Retry-After", Long.toString(seconds))
          .build();
    }
    if (isIceberg(request)) {
      return iceberg(e.errorCode(), e.getMessage(), e.metadata().get(ErrorBody.ICEBERG_TYPE));
    }
    if (!e.metadata().isEmpty() && !isScim(request)) {
      return Response.status(e.errorCode().httpStatus())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ErrorBody.of(e.errorCode(), e.getMessage(), RequestIds.current(request), e.metadata()))
          .build();
    }
    return respond(e.errorCode(), e.getMessage(), request);
  }

  private static boolean isIceberg(ContainerRequestContext request) {
    return request != null && request.getUriInfo().getRequestUri().getRawPath().startsWith(ErrorBody.ICEBERG_PATH);
  }

  private static Response iceberg(ErrorCode code, String message, String type) {
    return Response.status(code.httpStatus())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.IcebergError.of(code, message, type))
        .build();
  }

  private static boolean isScim(ContainerRequestContext request) {
    return request != null && request.getUriInfo().getRequestUri().getRawPath().startsWith(ErrorBody.SCIM_PATH);
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e, ContainerRequestContext request) {
    return respond(ErrorCode.INVALID_ARGUMENT, describe(e), request);
  }

  // Quarkus ships mappers for these subtypes; more specific ones of ours must exist to win.
  @ServerExceptionMapper
  public Response mismatch(MismatchedInputException e, ContainerRequestContext request) {
    return json(e, request);
  }

  @ServerExceptionMapper
  public Response parse(JsonParseException e, ContainerRequestContext request) {
    return json(e, request);
  }

  @ServerExceptionMapper
  public Response mapping(JsonMappingException e, ContainerRequestContext request) {
    return json(e, request);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, ContainerRequestContext request) {
    JsonProcessingException json = find(e, JsonProcessingException.class);
    if (json != null) {
      return json(json, request);
    }
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    ErrorCode code = ErrorCode.forHttpStatus(status);
    if (status >= 500) {
      return internal(e, request);
    }
    return respond(code, describeHttp(status, request), request);
  }

  @ServerExceptionMapper
  public Response constraint(ConstraintViolationException e, ContainerRequestContext request) {
    // Services check first and name the object; this covers the races where the database decides.
    LOG.debugf(e, "constraint violation %s", e.getConstraintName());
    GatehouseException answer = ConstraintViolations.translate(e);
    return gatehouse(answer != null ? answer : new GatehouseException(ErrorCode.ALREADY_EXISTS,
        "The request conflicts with an object that was created concurrently; retry to see it."), request);
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, ContainerRequestContext request) {
    GatehouseException ours = find(e, GatehouseException.class);
    if (ours != null) {
      return gatehouse(ours, request);
    }
    io.gatehouse.policy.PolicyConflictException conflict = find(e, io.gatehouse.policy.PolicyConflictException.class);
    if (conflict != null) {
      return respond(ErrorCode.FAILED_PRECONDITION, conflict.getMessage(), request);
    }
    GatehouseException constraint = ConstraintViolations.translate(e);
    if (constraint != null) {
      LOG.debugf(e, "constraint violation");
      return gatehouse(constraint, request);
    }
    JsonProcessingException json = find(e, JsonProcessingException.class);
    if (json != null) {
      return json(json, request);
    }
    if (find(e, org.hibernate.StaleStateException.class) != null || find(e, jakarta.persistence.OptimisticLockException.class) != null) {
      // Two requests changed the same row (a SCIM group's members, say): the later one lost.
      LOG.debugf(e, "optimistic lock lost to a concurrent change");
      return respond(
          ErrorCode.ABORTED, "The request conflicted with a concurrent change and was rolled back; retry it.", request);
    }
    if (isMalformedUrlEncoding(e)) {
      // A form body or parameter with a stray '%': the framework's decoder refuses it before any resource runs.
      return respond(ErrorCode.INVALID_ARGUMENT, "The request is not valid URL encoding.", request);
    }
    if (DatabaseFailures.unreachable(e)) {
      LOG.warnf("request %s: the database cannot be reached (%s)", RequestIds.current(request), e.getMessage());
      return gatehouse(DatabaseFailures.unavailable(), request);
    }
    java.sql.SQLException sql = find(e, java.sql.SQLException.class);
    if (sql != null && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
      LOG.debugf(e, "transaction aborted by the database (%s)", sql.getSQLState());
      return respond(
          ErrorCode.ABORTED, "The request conflicted with a concurrent change and was rolled back; retry it.", request);
    }
    return internal(e, request);
  }

  private static boolean isMalformedUrlEncoding(Throwable e) {
    StackTraceElement[] stack = e.getStackTrace();
    return e instanceof IllegalArgumentException && stack.length > 0
        && stack[0].getClassName().equals("org.jboss.resteasy.reactive.common.util.URLUtils");
  }

  // Deadlock detected, serialization failure.
  private static final java.util.Set<String> RETRYABLE_SQL_STATES = java.util.Set.of("40P01", "40001");

  private Response internal(Throwable e, ContainerRequestContext request) {
    String requestId = RequestIds.current(request);
    LOG.errorf(e, "request %s failed", requestId);
    return respond(
        ErrorCode.INTERNAL,
        "Internal error; quote request id " + requestId + " when reporting it.",
        request);
  }

  static Response respond(ErrorCode code, String message, ContainerRequestContext request) {
    if (isScim(request)) {
      return scim(code.httpStatus(), ErrorBody.ScimError.typeOf(code), message);
    }
    if (isIceberg(request)) {
      return iceberg(code, message, null);
    }
    return Response.status(code.httpStatus())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of(code, message, RequestIds.current(request)))
        .build();
  }

  public static Response scim(int status, String scimType, String detail) {
    return Response.status(status)
        .type("application/scim+json")
        .entity(ErrorBody.ScimError.of(status, scimType, detail))
        .build();
  }

  private static String describe(JsonProcessingException e) {
    if (e instanceof JsonParseException parse) {
      return "Malformed JSON in request body: " + parse.getOriginalMessage() + location(parse);
    }
    if (e instanceof InvalidFormatException format
        && format.getTargetType() != null
        && format.getTargetType().isEnum()) {
      return "Field '" + path(format) + "' has an invalid value; allowed values are "
          + java.util.Arrays.toString(format.getTargetType().getEnumConstants()) + ".";
    }
    if (e instanceof MismatchedInputException mismatch) {
      String path = path(mismatch);
      if (path.isEmpty()) {
        return "Request body must be a JSON object.";
      }
      return "Field '" + path + "' has the wrong type"
          + (mismatch.getTargetType() != null ? "; expected " + typeName(mismatch.getTargetType()) : "")
          + ".";
    }
    if (e instanceof JsonMappingException mapping && !path(mapping).isEmpty()) {
      return "Field '" + path(mapping) + "' is invalid.";
    }
    return "Request body is not valid JSON for this operation.";
  }

  private static String location(JsonParseException e) {
    return e.getLocation() == null
        ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  private static String typeName(Class<?> type) {
    if (type == String.class) return "a string";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) return "an integer";
    if (type == Boolean.class || type == boolean.class) return "a boolean";
    if (java.util.Map.class.isAssignableFrom(type)) return "an object of string values";
    if (java.util.Collection.class.isAssignableFrom(type)) return "an array";
    if (type.isEnum()) return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    return "an object";
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) path.append('.');
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describeHttp(int status, ContainerRequestContext request) {
    String target = request == null
        ? "this path"
        : request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath();
    return switch (status) {
      case 404 -> "No such endpoint or object: " + target + ".";
      case 405 -> "Method not allowed: " + target + ".";
      case 406 -> "The endpoint answers application/json only.";
      case 413 -> "Request body is too large.";
      case 415 -> "Request body must be application/json.";
      default -> "Bad request: " + target + ".";
    };
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
