package io.gatehouse.server.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The first metastore admin, created on the first start. */
@ConfigMapping(prefix = "gatehouse.bootstrap")
public interface BootstrapConfig {
  /** userName of the admin created on the first start. */
  @WithDefault("admin")
  String adminUser();

  /** The group whose members are metastore admins; the admin user is its first member. */
  @WithDefault("admins")
  String adminGroup();

  /**
   * The group that every active user and service principal belongs to without being added, like
   * Databricks' {@code account users}: a grant to it is a grant to everyone.
   */
  @WithDefault("account users")
  String allUsersGroup();

  /**
   * A token for the admin, for automation (env GATEHOUSE_BOOTSTRAP_ADMIN_TOKEN). When unset, the
   * first start generates one and writes it to {@link #tokenFile()}.
   */
  Optional<String> adminToken();

  /** Where the generated admin token is written, readable by its owner only. */
  Optional<String> tokenFile();
}
