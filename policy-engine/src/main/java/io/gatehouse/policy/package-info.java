/**
 * Plain-Java authorization engine: Unity Catalog privileges compiled into Apache Ranger policies in immutable, versioned snapshots; filled by the authorization issue.
 */
package io.gatehouse.policy;
