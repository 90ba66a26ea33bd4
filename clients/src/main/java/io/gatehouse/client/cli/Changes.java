package io.gatehouse.client.cli;

/** Updates that name nothing to change are a usage error, not an empty request. */
final class Changes {
  private Changes() {}

  static void require(Object... changes) {
    for (Object c : changes) {
      if (c != null) {
        return;
      }
    }
    throw new CliException("Nothing to change: give at least one of the update's options (see --help).");
  }
}
