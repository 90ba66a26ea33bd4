package io.gatehouse.server.store;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Decides where the datasource points before it opens. With {@code gatehouse.db.url} set (env
 * {@code GATEHOUSE_DB_URL}) the datasource uses that PostgreSQL; with nothing configured it uses
 * the embedded PostgreSQL under {@code gatehouse.data-dir}, started the first time the datasource
 * asks for its URL. {@code QUARKUS_DATASOURCE_JDBC_URL} or a system property still win.
 *
 * <p>The embedded source answers lookups but lists no property names: the build reads the names
 * of every source and records runtime values it finds as defaults, which would freeze one run's
 * random port into the packaged application.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {
  static final String URL = "quarkus.datasource.jdbc.url";
  static final String USERNAME = "quarkus.datasource.username";
  static final String PASSWORD = "quarkus.datasource.password";
  // Above application.properties (250), below environment variables (300) and system properties.
  private static final int ORDINAL = 275;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    String external = value(context, "gatehouse.db.url");
    if (external != null) {
      Map<String, String> props = new HashMap<>();
      props.put(URL, external);
      putIfSet(props, USERNAME, value(context, "gatehouse.db.username"));
      putIfSet(props, PASSWORD, value(context, "gatehouse.db.password"));
      return List.of(new PropertiesConfigSource(props, "gatehouse-external-db", ORDINAL));
    }
    String dataDir = value(context, "gatehouse.data-dir");
    return List.of(new EmbeddedSource(Path.of(dataDir == null ? "data" : dataDir)));
  }

  private static String value(ConfigSourceContext context, String name) {
    ConfigValue v = context.getValue(name);
    return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue();
  }

  private static void putIfSet(Map<String, String> props, String key, String value) {
    if (value != null) {
      props.put(key, value);
    }
  }

  /** Starts the embedded cluster lazily, when the datasource first reads its URL. */
  static final class EmbeddedSource implements ConfigSource {
    private final Path dataDir;

    EmbeddedSource(Path dataDir) {
      this.dataDir = dataDir;
    }

    @Override
    public Set<String> getPropertyNames() {
      return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
      return switch (propertyName) {
        case URL -> EmbeddedDatabase.start(dataDir).jdbcUrl();
        case USERNAME -> EmbeddedDatabase.USER;
        default -> null;
      };
    }

    @Override
    public int getOrdinal() {
      return ORDINAL;
    }

    @Override
    public String getName() {
      return "gatehouse-embedded-db";
    }
  }
}
