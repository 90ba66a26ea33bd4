/**
 * Java client (REST and gRPC) and the gatehouse command-line tool; filled by the clients issue.
 */
package io.gatehouse.client;
