package io.gatehouse.server.catalog;

import java.util.List;

/** The rows of one page of a schema's children, with the schema they share. */
public record Listing<T>(SchemaEntity schema, List<T> rows) {}
