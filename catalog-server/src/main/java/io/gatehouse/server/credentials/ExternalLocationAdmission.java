package io.gatehouse.server.credentials;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.catalog.StorageAdmission;
import io.gatehouse.server.catalog.StorageLocation;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A location inside an external location needs the matching privilege on it, as in Databricks:
 * CREATE EXTERNAL TABLE, CREATE EXTERNAL VOLUME or CREATE MANAGED STORAGE. A location inside
 * none is accepted, as Unity Catalog OSS accepts it, but no credentials are ever vended for it;
 * with {@code gatehouse.credentials.require-external-location} it is refused.
 */
@ApplicationScoped
public class ExternalLocationAdmission implements StorageAdmission {
  private final Authorizer authorizer;
  private final ExternalLocations locations;
  private final boolean requireExternalLocation;

  ExternalLocationAdmission(Authorizer authorizer, ExternalLocations locations, CredentialsConfig config) {
    this.authorizer = authorizer;
    this.locations = locations;
    this.requireExternalLocation = config.requireExternalLocation();
  }

  @Override
  public void admit(Operation operation, StorageLocation location, Use use) {
    ExternalLocationEntity containing = locations.containingUnderSharedLock(ExternalLocations.s3(location.toString()));
    if (containing == null) {
      outsideEveryLocation(requireExternalLocation, location, use);
      return;
    }
    Privilege privilege = privilege(use);
    Target target = StorageSecurables.of(containing);
    try {
      authorizer.requirePrivilege(operation, target, privilege);
    } catch (GatehouseException e) {
      if (e.errorCode() != ErrorCode.PERMISSION_DENIED
          || AccessCheck.canSee(authorizer.snapshot(), authorizer.subject(), target).allowed()) {
        throw e;
      }
      // The refusal would name an external location the caller may not see.
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "Principal '" + authorizer.subject().name()
          + "' may not use '" + location + "': that needs " + privilege.sqlName()
          + " on the external location that contains it.");
    }
  }

  /** A location inside no external location: accepted (no credentials will ever be vended), or refused when required. */
  static void outsideEveryLocation(boolean required, StorageLocation location, Use use) {
    if (required) {
      throw new GatehouseException(ErrorCode.PERMISSION_DENIED, "'" + location + "' lies inside no external location;"
          + " this catalog requires one for every " + what(use) + " (gatehouse.credentials.require-external-location).");
    }
  }

  static Privilege privilege(Use use) {
    return switch (use) {
      case EXTERNAL_TABLE -> Privilege.CREATE_EXTERNAL_TABLE;
      case EXTERNAL_VOLUME -> Privilege.CREATE_EXTERNAL_VOLUME;
      case MANAGED_STORAGE -> Privilege.CREATE_MANAGED_STORAGE;
    };
  }

  private static String what(Use use) {
    return switch (use) {
      case EXTERNAL_TABLE -> "external table";
      case EXTERNAL_VOLUME -> "external volume";
      case MANAGED_STORAGE -> "managed storage root";
    };
  }
}
