package io.gatehouse.server.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.policy.Privilege;
import io.gatehouse.server.catalog.StorageAdmission.Use;
import io.gatehouse.server.catalog.StorageLocation;
import io.gatehouse.server.common.ErrorCode;
import io.gatehouse.server.common.GatehouseException;
import org.junit.jupiter.api.Test;

/** The rules of ExternalLocationAdmission that do not need the database (the rest: adversarial Storage* tests). */
class ExternalLocationAdmissionTest {
  static final StorageLocation OUTSIDE = StorageLocation.parse("storage_location", "s3://nowhere/raw/t");

  @Test
  void outsideEveryLocationIsAcceptedByDefault() {
    for (Use use : Use.values()) {
      assertThatCode(() -> ExternalLocationAdmission.outsideEveryLocation(false, OUTSIDE, use)).doesNotThrowAnyException();
    }
  }

  @Test
  void outsideEveryLocationIsRefusedWhenRequired() {
    for (Use use : Use.values()) {
      assertThatThrownBy(() -> ExternalLocationAdmission.outsideEveryLocation(true, OUTSIDE, use))
          .isInstanceOfSatisfying(GatehouseException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            assertThat(e.getMessage()).contains("s3://nowhere/raw/t").contains("require-external-location");
          });
    }
  }

  @Test
  void eachUseNeedsItsPrivilege() {
    assertThat(ExternalLocationAdmission.privilege(Use.EXTERNAL_TABLE)).isEqualTo(Privilege.CREATE_EXTERNAL_TABLE);
    assertThat(ExternalLocationAdmission.privilege(Use.EXTERNAL_VOLUME)).isEqualTo(Privilege.CREATE_EXTERNAL_VOLUME);
    assertThat(ExternalLocationAdmission.privilege(Use.MANAGED_STORAGE)).isEqualTo(Privilege.CREATE_MANAGED_STORAGE);
  }
}
