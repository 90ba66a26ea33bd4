package io.gatehouse.server.identity;

import io.gatehouse.server.store.StoreConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jboss.logging.Logger;

/**
 * The first start creates the metastore admin: a user and the admin group holding it. Its token
 * is the configured {@code gatehouse.bootstrap.admin-token}, or one generated once and written to
 * a file only its owner can read. Nothing else is open: every other principal and token is
 * created by an authenticated admin.
 */
@Singleton
public class Bootstrap {
  private static final Logger LOG = Logger.getLogger(Bootstrap.class);

  private final BootstrapConfig config;
  private final StoreConfig store;
  private final TokenService tokens;
  private final Memberships memberships;

  Bootstrap(BootstrapConfig config, StoreConfig store, TokenService tokens, Memberships memberships) {
    this.config = config;
    this.store = store;
    this.tokens = tokens;
    this.memberships = memberships;
  }

  @Transactional
  void onStart(@Observes StartupEvent event) {
    PrincipalEntity admin = PrincipalEntity.findByName(Principal.Type.USER, config.adminUser());
    boolean firstStart = admin == null;
    if (firstStart) {
      admin = PrincipalEntity.create(Principal.Type.USER, config.adminUser());
      admin.displayName = "Metastore admin";
      admin.persist();
      LOG.infof("Created the metastore admin user '%s'", admin.name);
    }
    PrincipalEntity group = PrincipalEntity.findByName(Principal.Type.GROUP, config.adminGroup());
    if (group == null) {
      group = PrincipalEntity.create(Principal.Type.GROUP, config.adminGroup());
      group.displayName = config.adminGroup();
      group.persist();
      PrincipalEntity.flush();
      memberships.add(group.id, admin);
      LOG.infof("Created the metastore admin group '%s' with '%s' as member", group.name, admin.name);
    }
    if (PrincipalEntity.findByName(Principal.Type.GROUP, config.allUsersGroup()) == null) {
      PrincipalEntity everyone = PrincipalEntity.create(Principal.Type.GROUP, config.allUsersGroup());
      everyone.displayName = config.allUsersGroup();
      everyone.persist();
      LOG.infof("Created the group '%s', which every active principal belongs to", everyone.name);
    }
    if (config.adminToken().isPresent()) {
      tokens.register(admin, config.adminToken().get(), "bootstrap (gatehouse.bootstrap.admin-token)");
    } else if (firstStart) {
      String token = tokens.issue(admin, admin.id, TokenEntity.Kind.PAT, null, "bootstrap", WorkspaceSettings.DEFAULT_WORKSPACE).tokenValue();
      Path file = tokenFile();
      writeOwnerOnly(file, token);
      LOG.infof("The metastore admin's token is in %s (readable by its owner only)", file);
    }
  }

  private Path tokenFile() {
    return config.tokenFile().map(Path::of).orElse(Path.of(store.dataDir()).resolve("admin-token")).toAbsolutePath();
  }

  private static void writeOwnerOnly(Path file, String token) {
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, token + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin token to " + file, e);
    }
  }
}
