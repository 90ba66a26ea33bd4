package io.gatehouse.client.cli;

import io.gatehouse.client.ErrorCode;

/** The exit status of the {@code gatehouse} command, one per kind of failure (docs/clients.md). */
public final class ExitCodes {
  public static final int OK = 0;
  /** A bad command line: unknown command or option, missing argument, malformed name, unreadable file. */
  public static final int USAGE = 1;
  public static final int NOT_FOUND = 2;
  public static final int PERMISSION_DENIED = 3;
  /** No token, or one the server refuses (unknown, expired, revoked). */
  public static final int UNAUTHENTICATED = 4;
  /** The name exists already, or a concurrent change won (ALREADY_EXISTS and its kinds, ABORTED). */
  public static final int CONFLICT = 5;
  /** The server refused the input (INVALID_ARGUMENT, FAILED_PRECONDITION, REQUEST_TOO_LARGE, ...). */
  public static final int INVALID = 6;
  /** The server could not be reached or failed (UNAVAILABLE, INTERNAL, timeouts, anything else). */
  public static final int UNAVAILABLE = 7;

  private ExitCodes() {}

  public static int of(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> NOT_FOUND;
      case PERMISSION_DENIED -> PERMISSION_DENIED;
      case UNAUTHENTICATED -> UNAUTHENTICATED;
      case ALREADY_EXISTS, CATALOG_ALREADY_EXISTS, SCHEMA_ALREADY_EXISTS, TABLE_ALREADY_EXISTS, ABORTED -> CONFLICT;
      case INVALID_ARGUMENT, FAILED_PRECONDITION, REQUEST_TOO_LARGE, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE -> INVALID;
      default -> UNAVAILABLE;
    };
  }
}
