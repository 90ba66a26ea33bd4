package io.gatehouse.server.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections as the owner of the schema, for migrations other than the catalog's own (the
 * lineage module's schema), and the grants that give the application's role what it needs in such
 * a schema (migration V9). The owner's credentials are those Flyway uses ({@code
 * quarkus.flyway.*}); without them the application's role is the owner.
 */
@ApplicationScoped
public class SchemaOwner {
  private final AgroalDataSource application;

  SchemaOwner(AgroalDataSource application) {
    this.application = application;
  }

  /** A data source that logs in as the owner (a plain one: used for migrations only). */
  public DataSource dataSource() {
    Config config = ConfigProvider.getConfig();
    Optional<String> user = config.getOptionalValue(DatabaseConfigSourceFactory.FLYWAY_USERNAME, String.class);
    Optional<String> password = config.getOptionalValue(DatabaseConfigSourceFactory.FLYWAY_PASSWORD, String.class);
    if (user.isEmpty() || password.isEmpty()) {
      return application;
    }
    PGSimpleDataSource owner = new PGSimpleDataSource();
    owner.setUrl(config.getOptionalValue(DatabaseConfigSourceFactory.FLYWAY_URL, String.class)
        .orElseGet(() -> config.getValue(DatabaseConfigSourceFactory.URL, String.class)));
    owner.setUser(user.get());
    owner.setPassword(password.get());
    return owner;
  }

  /** Grants the application's role read and write on every table of {@code schema}, as V9 does. */
  public void grantApplicationRole(String schema) throws SQLException {
    String role = ConfigProvider.getConfig().getOptionalValue("quarkus.flyway.placeholders.app_role", String.class).orElse("-");
    try (Connection c = dataSource().getConnection();
        PreparedStatement grant = c.prepareStatement("SELECT gatehouse_grant_application_role(?, ?)")) {
      grant.setString(1, role);
      grant.setString(2, schema);
      grant.execute();
    }
  }
}
