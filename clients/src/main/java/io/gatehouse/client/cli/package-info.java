/**
 * The {@code gatehouse} command (picocli): {@link io.gatehouse.client.cli.Main} is the entry point
 * of {@code clients/target/gatehouse-cli.jar}; {@link io.gatehouse.client.cli.GatehouseCli#run}
 * runs one command line against a {@link io.gatehouse.client.cli.Terminal}, so tests run it
 * in-process. Exit codes: {@link io.gatehouse.client.cli.ExitCodes}.
 */
package io.gatehouse.client.cli;
