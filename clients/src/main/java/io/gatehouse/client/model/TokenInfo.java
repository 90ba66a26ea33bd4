package io.gatehouse.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A personal access token, without its value ({@code expiry_time} -1 when it does not expire). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenInfo(
    String tokenId,
    Long creationTime,
    Long expiryTime,
    String comment,
    String ownerId,
    String ownerName,
    String createdById,
    String createdByUsername,
    Long lastUsedTime) {}
