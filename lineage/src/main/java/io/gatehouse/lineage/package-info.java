/**
 * OpenLineage ingestion and table/column lineage graph over plain JDBC (PostgreSQL).
 *
 * <p>{@link io.gatehouse.lineage.LineageSchema} migrates the module's tables (schema
 * {@code lineage}); {@link io.gatehouse.lineage.LineageIngest} stores and projects events;
 * {@link io.gatehouse.lineage.LineageGraph} answers graph and column-lineage queries; a
 * {@link io.gatehouse.lineage.TableResolver} supplied by the server maps datasets to catalog
 * tables.
 */
package io.gatehouse.lineage;
