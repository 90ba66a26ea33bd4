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
 * <p>Two database roles: Flyway migrates as the owner of the schema ({@code
 * gatehouse.db.owner-username}; the superuser of the embedded cluster), the connection pool logs
 * in as the application's role ({@code gatehouse.db.username}; {@code gatehouse_app} in the
 * embedded cluster), which cannot change the audit trail.
 *
 * <p>The embedded source answers lookups but lists no property names: the build reads the names
 * of every source and records runtime values it finds as defaults, which would freeze one run's
 * random port into the packaged application.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {
  public static final String URL = "quarkus.datasource.jdbc.url";
  public static final String USERNAME = "quarkus.datasource.username";
  public static final String PASSWORD = "quarkus.datasource.password";
  static final String FLYWAY_URL = "quarkus.flyway.jdbc-url";
  static final String FLYWAY_USERNAME = "quarkus.flyway.username";
  static final String FLYWAY_PASSWORD = "quarkus.flyway.password";
  /**
   * Flyway insists on a password with its own user; the embedded cluster trusts loopback
   * connections and does not check it.
   */
  static final String EMBEDDED_PASSWORD = "embedded-trust";
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
      String owner = value(context, "gatehouse.db.owner-username");
      if (owner != null) {
        String ownerPassword = value(context, "gatehouse.db.owner-password");
        if (ownerPassword == null) {
          throw new IllegalStateException("gatehouse.db.owner-username needs gatehouse.db.owner-password (env GATEHOUSE_DB_OWNER_PASSWORD).");
        }
        props.put(FLYWAY_USERNAME, owner);
        props.put(FLYWAY_PASSWORD, ownerPassword);
      }
      return List.of(new PropertiesConfigSource(props, "gatehouse-external-db", ORDINAL));
    }
    String dataDir = value(context, "gatehouse.data-dir");
    boolean durable = !"false".equalsIgnoreCase(value(context, "gatehouse.db.embedded-durable"));
    return List.of(new EmbeddedSource(Path.of(dataDir == null ? "data" : dataDir), durable));
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
    private final boolean durable;

    EmbeddedSource(Path dataDir, boolean durable) {
      this.dataDir = dataDir;
      this.durable = durable;
    }

    @Override
    public Set<String> getPropertyNames() {
      return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
      return switch (propertyName) {
        case URL -> EmbeddedDatabase.start(dataDir, durable).applicationUrl();
        case FLYWAY_URL -> EmbeddedDatabase.start(dataDir, durable).jdbcUrl();
        case USERNAME -> EmbeddedDatabase.APP_ROLE;
        case FLYWAY_USERNAME -> EmbeddedDatabase.OWNER;
        case FLYWAY_PASSWORD -> EMBEDDED_PASSWORD;
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
