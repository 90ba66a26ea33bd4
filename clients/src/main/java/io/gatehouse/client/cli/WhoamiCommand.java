package io.gatehouse.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "whoami", description = "Show who the token belongs to.")
final class WhoamiCommand implements Runnable {
  @ParentCommand RootCommand root;

  @Override
  public void run() {
    root.output().object(root.client().whoami());
  }
}
