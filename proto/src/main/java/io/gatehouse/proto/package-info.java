/**
 * gRPC contract for compute engines (gatehouse/v1/*.proto) compiled into plain Java stubs; filled by the gRPC issue.
 */
package io.gatehouse.proto;
