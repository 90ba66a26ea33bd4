package io.gatehouse.server.credentials;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Wire shapes of the Databricks instance-profiles API ({@code /api/2.0/instance-profiles}). */
public final class InstanceProfileApi {
  private InstanceProfileApi() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record AddInstanceProfile(
      String instanceProfileArn, String iamRoleArn, Boolean isMetaInstanceProfile, Boolean skipValidation) {}

  /** Gatehouse also reads {@code skip_validation} here, as for add. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record EditInstanceProfile(
      String instanceProfileArn, String iamRoleArn, Boolean isMetaInstanceProfile, Boolean skipValidation) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record RemoveInstanceProfile(String instanceProfileArn) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InstanceProfile(String instanceProfileArn, String iamRoleArn, Boolean isMetaInstanceProfile) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record InstanceProfiles(List<InstanceProfile> instanceProfiles) {}
}
