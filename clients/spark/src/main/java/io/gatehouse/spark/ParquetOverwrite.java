package io.gatehouse.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * {@code INSERT OVERWRITE} of a whole Parquet table (Spark's file tables write appends only): the
 * new files are written as for an append, and once the write has committed, the data files the
 * table held before it began are deleted, with the table's READ_WRITE credentials. A failed write
 * leaves the old files; a query that reads the table it overwrites reads the old files only.
 * Between the commit and the deletion a reader sees both.
 */
final class ParquetOverwrite implements WriteBuilder, SupportsTruncate {
  private final WriteBuilder append;
  private final FileSystem fs;
  private final Path location;
  private boolean truncate;

  ParquetOverwrite(WriteBuilder append, FileSystem fs, Path location) {
    this.append = append;
    this.fs = fs;
    this.location = location;
  }

  @Override
  public WriteBuilder truncate() {
    truncate = true;
    return this;
  }

  @Override
  public Write build() {
    Write write = append.build();
    return truncate ? new Replacing(write, dataFiles()) : write;
  }

  /** The table's data files now; names starting with "_" or "." are not data (Spark skips them too). */
  private List<Path> dataFiles() {
    List<Path> files = new ArrayList<>();
    try {
      if (!fs.exists(location)) {
        return files;
      }
      RemoteIterator<LocatedFileStatus> all = fs.listFiles(location, true);
      while (all.hasNext()) {
        Path p = all.next().getPath();
        if (!hidden(p)) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location, e);
    }
    return files;
  }

  private boolean hidden(Path file) {
    for (Path p = file; p != null && !p.equals(location) && p.getParent() != null; p = p.getParent()) {
      if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private final class Replacing implements Write {
    private final Write write;
    private final List<Path> replaced;

    Replacing(Write write, List<Path> replaced) {
      this.write = write;
      this.replaced = replaced;
    }

    @Override
    public String description() {
      return "overwrite: " + write.description();
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
      return write.supportedCustomMetrics();
    }

    @Override
    public CustomTaskMetric[] reportDriverMetrics() {
      return write.reportDriverMetrics();
    }

    @Override
    public BatchWrite toBatch() {
      BatchWrite batch = write.toBatch();
      return new BatchWrite() {
        @Override
        public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
          return batch.createBatchWriterFactory(info);
        }

        @Override
        public boolean useCommitCoordinator() {
          return batch.useCommitCoordinator();
        }

        @Override
        public void onDataWriterCommit(WriterCommitMessage message) {
          batch.onDataWriterCommit(message);
        }

        @Override
        public void commit(WriterCommitMessage[] messages) {
          batch.commit(messages);
          for (Path p : replaced) {
            try {
              fs.delete(p, false);
            } catch (IOException e) {
              throw new UncheckedIOException("the new rows are written, but " + p + " could not be deleted", e);
            }
          }
        }

        @Override
        public void abort(WriterCommitMessage[] messages) {
          batch.abort(messages);
        }
      };
    }
  }
}
