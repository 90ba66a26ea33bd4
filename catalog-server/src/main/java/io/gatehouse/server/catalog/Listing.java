package io.gatehouse.server.catalog;

import java.util.List;

/** The rows of one page of a schema's children. */
public record Listing<T>(List<T> rows) {}
