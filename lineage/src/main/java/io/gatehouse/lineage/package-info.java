/**
 * Plain-Java OpenLineage ingestion and table/column lineage graph; filled by the lineage issue.
 */
package io.gatehouse.lineage;
