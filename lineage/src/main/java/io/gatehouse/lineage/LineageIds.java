package io.gatehouse.lineage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Stable ids of the graph's nodes. Datasets and jobs are identified by namespace and name; their
 * ids are name-based UUIDs (RFC 4122 version 5) of those names, so any replica computes the same
 * id without asking the database, and the ingestion statement never reads ids back.
 */
public final class LineageIds {
  private static final UUID DATASETS = UUID.fromString("6f0c3b8e-4f1e-5a36-9c1e-6a1f5b0d2a01");
  private static final UUID JOBS = UUID.fromString("6f0c3b8e-4f1e-5a36-9c1e-6a1f5b0d2a02");
  private static final UUID COLUMNS = UUID.fromString("6f0c3b8e-4f1e-5a36-9c1e-6a1f5b0d2a03");

  /** The job of a column edge that a DatasetEvent declared: no job. */
  static final UUID NO_JOB = new UUID(0L, 0L);

  private LineageIds() {}

  /** The id of the dataset {@code namespace}/{@code name}. */
  public static UUID datasetId(String namespace, String name) {
    return nameBased(DATASETS, namespace + '\0' + name);
  }

  /** The id of the job {@code namespace}/{@code name}. */
  public static UUID jobId(String namespace, String name) {
    return nameBased(JOBS, namespace + '\0' + name);
  }

  /** The id of a column (a field of a dataset) in column-lineage results. */
  public static UUID columnId(UUID datasetId, String field) {
    return nameBased(COLUMNS, datasetId + "\0" + field);
  }

  private static UUID nameBased(UUID space, String name) {
    MessageDigest sha1 = digest("SHA-1");
    sha1.update(ByteBuffer.allocate(16)
        .putLong(space.getMostSignificantBits())
        .putLong(space.getLeastSignificantBits())
        .array());
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    return uuid(hash, 5);
  }

  /** A UUID from the first 16 bytes of {@code hash}, with the given version and RFC 4122 variant. */
  static UUID uuid(byte[] hash, int version) {
    hash[6] = (byte) ((hash[6] & 0x0f) | (version << 4));
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }
}
