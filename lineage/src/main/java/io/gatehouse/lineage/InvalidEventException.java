package io.gatehouse.lineage;

/**
 * An event that is not a valid OpenLineage event. The message names the JSON field path first,
 * e.g. {@code run.runId: not a UUID} or {@code inputs[2].name: missing}; in a batch the path
 * starts with the event's position, e.g. {@code [3].eventTime: missing}. The server answers 400
 * with this message.
 */
public final class InvalidEventException extends RuntimeException {
  private final String path;
  private final String problem;

  public InvalidEventException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  /** The JSON path of the offending field, empty for the event as a whole. */
  public String path() {
    return path;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }

  /** The same problem, for the event at {@code index} of a batch. */
  InvalidEventException inBatch(int index) {
    String prefixed = "[" + index + "]" + (path.isEmpty() || path.startsWith("[") ? path : "." + path);
    return new InvalidEventException(prefixed, problem);
  }
}
