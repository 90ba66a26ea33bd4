package io.gatehouse.server.sql.parse;

/** A parameter of CREATE FUNCTION; comment is null when not given. */
public record FunctionParameter(String name, DataType type, String comment) {
}
