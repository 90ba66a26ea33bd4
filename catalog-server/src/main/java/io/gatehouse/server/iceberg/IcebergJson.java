package io.gatehouse.server.iceberg;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.server.common.GatehouseException;
import org.apache.iceberg.rest.RESTRequest;
import org.apache.iceberg.rest.RESTSerializers;

/**
 * The Iceberg REST wire format, by iceberg-core's own serializers, on a mapper configured as
 * iceberg-core's REST mapper is (kebab-case names, fields visible, unknown properties ignored):
 * without that configuration no request body parses.
 */
final class IcebergJson {
  private static final ObjectMapper MAPPER = mapper();

  private IcebergJson() {}

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.setPropertyNamingStrategy(new PropertyNamingStrategies.KebabCaseStrategy());
    RESTSerializers.registerAll(mapper);
    return mapper;
  }

  /** The request in {@code body}, validated as iceberg-core validates it; a 400 when it is not one. */
  static <T extends RESTRequest> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      throw GatehouseException.invalid("The request needs a JSON body (" + type.getSimpleName() + ").");
    }
    T request;
    try {
      request = MAPPER.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw GatehouseException.invalid("The body is not a valid " + type.getSimpleName() + ": "
          + (e.getOriginalMessage() == null ? "malformed JSON" : clip(e.getOriginalMessage())) + ".");
    } catch (RuntimeException e) {
      throw GatehouseException.invalid("The body is not a valid " + type.getSimpleName() + ": " + clip(e.getMessage()) + ".");
    }
    if (request == null) {
      throw GatehouseException.invalid("The request needs a JSON body (" + type.getSimpleName() + ").");
    }
    try {
      request.validate();
    } catch (RuntimeException e) {
      throw GatehouseException.invalid("Invalid " + type.getSimpleName() + ": " + clip(e.getMessage()) + ".");
    }
    return request;
  }

  static String write(Object response) {
    try {
      return MAPPER.writeValueAsString(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an Iceberg response did not serialize", e);
    }
  }

  /** {@code response} with one more field, which iceberg-core's classes do not have. */
  static String write(Object response, String field, Object value) {
    ObjectNode node = MAPPER.valueToTree(response);
    node.set(field, MAPPER.valueToTree(value));
    return write(node);
  }

  private static String clip(String message) {
    if (message == null) {
      return "invalid";
    }
    String oneLine = message.replaceAll("\\s+", " ");
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }
}
