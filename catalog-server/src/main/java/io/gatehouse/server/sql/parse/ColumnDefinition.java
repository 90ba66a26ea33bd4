package io.gatehouse.server.sql.parse;

/** A column of CREATE TABLE; comment and mask are null when not given. */
public record ColumnDefinition(String name, DataType type, boolean nullable, String comment, ColumnMask mask) {
}
