package io.gatehouse.spark;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.s3a.S3AFileSystem;

/**
 * S3A for governed tables. Hadoop caches one filesystem per bucket, so the first table read would
 * lend its credentials to every other table in the bucket. Loaded tables therefore turn Hadoop's
 * cache off for s3/s3a and name this class instead: it keeps one S3A filesystem per credential
 * scope (table, operation, reader, policy) in a bounded cache, and hands out cheap wrappers whose
 * close leaves the shared filesystem open (turning the cache off alone exhausted S3A's connection
 * pools in the Unity Catalog connector, its issue 1378).
 */
public final class ScopedS3AFileSystem extends FilterFileSystem {
  // Bounded by size only: a running query holds its scope's filesystem without asking the cache
  // again, so an idle-time expiry could close it under a long scan.
  private static final Cache<String, FileSystem> SCOPES = Caffeine.newBuilder()
      .maximumSize(256)
      .removalListener((String key, FileSystem fs, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
        try {
          if (fs != null) {
            fs.close();
          }
        } catch (IOException ignored) {
          // an evicted filesystem that cannot close holds nothing we still use
        }
      })
      .build();

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    String scope = conf.get(TableOptions.SCOPE);
    if (scope == null) {
      throw new IOException("no Gatehouse scope in the configuration of " + name
          + ": governed tables are read through GatehouseCatalog only");
    }
    String key = name.getScheme() + "://" + name.getAuthority() + "\n" + scope;
    try {
      fs = SCOPES.get(key, k -> {
        S3AFileSystem s3a = new S3AFileSystem();
        try {
          s3a.initialize(name, conf);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return s3a;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    super.initialize(name, conf);
  }

  /** The scope's filesystem stays open for the next reader; the cache closes it when evicted. */
  @Override
  public void close() {}
}
