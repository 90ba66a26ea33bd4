/**
 * What operators watch: the server's own metrics on the management interface and its readiness.
 * A feature package: it reads the state of the packages below and changes none of it.
 */
package io.gatehouse.server.operations;
