package io.gatehouse.client.cli;

/** The entry point of {@code gatehouse-cli.jar} and of {@code scripts/gatehouse}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(GatehouseCli.run(Terminal.system(), args));
  }
}
