package io.gatehouse.bench.lineage;

import io.gatehouse.lineage.LineageWorkload;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one workload of shared/notes/performance-targets.md as newline-delimited JSON, one
 * OpenLineage event per line, built and serialized by the OpenLineage Java client (the lineage
 * module's {@link LineageWorkload}): 20 layers of jobs, each reading 1-3 datasets of the layer
 * before and writing one dataset of 5 columns with column lineage; START and COMPLETE per run.
 *
 * <p>Usage: {@code WriteEvents <file> <jobsPerLayer> <seed> <namespace> <jobNamespace>}
 */
public final class WriteEvents {
  private WriteEvents() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 5) {
      System.err.println("usage: WriteEvents <file> <jobsPerLayer> <seed> <namespace> <jobNamespace>");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    var workload = new LineageWorkload(20, Integer.parseInt(args[1]), Long.parseLong(args[2]), args[3], args[4]);
    long bytes = 0;
    int count = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String event : workload.events()) {
        out.write(event);
        out.write('\n');
        bytes += event.length();
        count++;
      }
    }
    System.out.printf("%s: %,d events, %,d bytes on average%n", file, count, bytes / count);
  }
}
