package io.gatehouse.lineage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gatehouse.lineage.ParsedEvent.ColumnEdgeInfo;
import io.gatehouse.lineage.ParsedEvent.DatasetInfo;
import io.gatehouse.lineage.ParsedEvent.JobInfo;
import io.gatehouse.lineage.ParsedEvent.Kind;
import io.gatehouse.lineage.ParsedEvent.Name;
import io.openlineage.server.OpenLineage;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads and validates OpenLineage events (spec 1.x) through openlineage-java's server models. The
 * typed models check types (UUIDs, times, URIs, the event type); the required fields are checked
 * here, with the JSON path in the message. Facets are taken from the JSON tree as they came, known
 * or not.
 */
final class EventParser {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();
  private static final ObjectWriter CANONICAL =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build().writer();

  ParsedEvent parse(String json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidEventException("", "not valid JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new InvalidEventException("", "an event must be a JSON object");
    }
    return parse((ObjectNode) tree, json);
  }

  ParsedEvent parse(ObjectNode tree, String json) {
    // BaseEvent is not polymorphic: the shape decides, as in the spec's own oneOf.
    Kind kind = tree.has("run") ? Kind.RUN : tree.has("dataset") ? Kind.DATASET : Kind.JOB;
    requireText(tree, "eventTime");
    requireText(tree, "producer");
    requireText(tree, "schemaURL");
    switch (kind) {
      case RUN -> {
        requireText(object(tree, "run", "run"), "runId", "run.runId");
        requireJob(tree);
        requireDatasets(tree, "inputs");
        requireDatasets(tree, "outputs");
      }
      case JOB -> {
        requireJob(tree);
        requireDatasets(tree, "inputs");
        requireDatasets(tree, "outputs");
      }
      case DATASET -> requireDataset(object(tree, "dataset", "dataset"), "dataset");
    }
    Class<? extends OpenLineage.BaseEvent> type =
        switch (kind) {
          case RUN -> OpenLineage.RunEvent.class;
          case DATASET -> OpenLineage.DatasetEvent.class;
          case JOB -> OpenLineage.JobEvent.class;
        };
    OpenLineage.BaseEvent typed;
    try {
      typed = MAPPER.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      throw invalid(e);
    } catch (JacksonException e) {
      throw new InvalidEventException("", "not a valid event: " + e.getOriginalMessage());
    }
    return build(kind, tree, typed, json);
  }

  private ParsedEvent build(Kind kind, ObjectNode tree, OpenLineage.BaseEvent typed, String json) {
    UUID id = eventId(tree);
    var eventTime = typed.getEventTime().toInstant();
    if (kind == Kind.DATASET) {
      var event = (OpenLineage.DatasetEvent) typed;
      DatasetInfo dataset = dataset(event.getDataset().getNamespace(), event.getDataset().getName(), tree.get("dataset"));
      return new ParsedEvent(id, kind, json, eventTime, null, null, null, null, List.of(), List.of(), dataset,
          columnEdges(dataset, tree.get("dataset"), "dataset"));
    }
    OpenLineage.Job job;
    String eventType = null;
    UUID runId = null;
    ObjectNode runFacets = null;
    if (kind == Kind.RUN) {
      var event = (OpenLineage.RunEvent) typed;
      job = event.getJob();
      eventType = event.getEventType() == null ? null : event.getEventType().name();
      runId = event.getRun().getRunId();
      runFacets = facets(tree.get("run"));
    } else {
      job = ((OpenLineage.JobEvent) typed).getJob();
    }
    var jobInfo = new JobInfo(LineageIds.jobId(job.getNamespace(), job.getName()), job.getNamespace(), job.getName(),
        facets(tree.get("job")));
    List<DatasetInfo> inputs = datasets(tree.get("inputs"));
    List<DatasetInfo> outputs = datasets(tree.get("outputs"));
    List<ColumnEdgeInfo> columnEdges = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      columnEdges.addAll(columnEdges(outputs.get(i), tree.get("outputs").get(i), "outputs[" + i + "]"));
    }
    return new ParsedEvent(id, kind, json, eventTime, eventType, runId, runFacets, jobInfo, inputs, outputs, null,
        columnEdges);
  }

  /** The event's identity: SHA-256 over its JSON with sorted keys, so re-sends match. */
  static UUID eventId(JsonNode tree) {
    try {
      byte[] hash = LineageIds.digest("SHA-256").digest(CANONICAL.writeValueAsBytes(tree));
      return LineageIds.uuid(hash, 8);
    } catch (JacksonException e) {
      throw new IllegalStateException("Could not serialize a parsed tree", e);
    }
  }

  private static List<DatasetInfo> datasets(JsonNode array) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<DatasetInfo> result = new ArrayList<>(array.size());
    for (JsonNode node : array) {
      result.add(dataset(node.get("namespace").asText(), node.get("name").asText(), node));
    }
    return result;
  }

  private static DatasetInfo dataset(String namespace, String name, JsonNode node) {
    ObjectNode facets = facets(node);
    List<Name> symlinks = new ArrayList<>();
    JsonNode identifiers = facets.path("symlinks").path("identifiers");
    for (JsonNode identifier : identifiers) {
      JsonNode ns = identifier.get("namespace");
      JsonNode n = identifier.get("name");
      if (ns != null && ns.isTextual() && n != null && n.isTextual()) {
        symlinks.add(new Name(ns.asText(), n.asText()));
      }
    }
    return new DatasetInfo(LineageIds.datasetId(namespace, name), namespace, name, facets, symlinks);
  }

  private static ObjectNode facets(JsonNode owner) {
    JsonNode facets = owner == null ? null : owner.get("facets");
    return facets instanceof ObjectNode o ? o : MAPPER.createObjectNode();
  }

  /** The field-level edges of a dataset's columnLineage facet (spec 1-2-0, and the older shape). */
  private static List<ColumnEdgeInfo> columnEdges(DatasetInfo output, JsonNode datasetNode, String path) {
    JsonNode fields = output.facets().path("columnLineage").path("fields");
    if (!fields.isObject()) {
      return List.of();
    }
    List<ColumnEdgeInfo> edges = new ArrayList<>();
    String fieldsPath = path + ".facets.columnLineage.fields";
    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode inputFields = field.getValue().path("inputFields");
      String fieldPath = fieldsPath + "." + field.getKey();
      checkLength(field.getKey(), fieldPath);
      if (!inputFields.isArray()) {
        throw new InvalidEventException(fieldPath + ".inputFields", "missing");
      }
      for (int i = 0; i < inputFields.size(); i++) {
        JsonNode input = inputFields.get(i);
        String inputPath = fieldPath + ".inputFields[" + i + "]";
        String namespace = requireName(input, "namespace", inputPath + ".namespace");
        String name = requireName(input, "name", inputPath + ".name");
        String inputField = requireName(input, "field", inputPath + ".field");
        JsonNode transformations = input.get("transformations");
        JsonNode first = transformations != null && transformations.isArray() && !transformations.isEmpty()
            ? transformations.get(0) : null;
        String type = first != null ? text(first, "type") : text(field.getValue(), "transformationType");
        String subtype = first != null ? text(first, "subtype") : null;
        String description = first != null ? text(first, "description") : text(field.getValue(), "transformationDescription");
        edges.add(new ColumnEdgeInfo(output.id(), field.getKey(), new Name(namespace, name),
            LineageIds.datasetId(namespace, name), inputField, type, subtype, description,
            transformations != null && transformations.isArray() ? transformations : null));
      }
    }
    return edges;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void requireJob(JsonNode tree) {
    JsonNode job = object(tree, "job", "job");
    requireName(job, "namespace", "job.namespace");
    requireName(job, "name", "job.name");
  }

  private static void requireDatasets(JsonNode tree, String field) {
    JsonNode array = tree.get(field);
    if (array == null || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      throw new InvalidEventException(field, "not an array");
    }
    for (int i = 0; i < array.size(); i++) {
      requireDataset(array.get(i), field + "[" + i + "]");
    }
  }

  private static void requireDataset(JsonNode dataset, String path) {
    if (!dataset.isObject()) {
      throw new InvalidEventException(path, "not an object");
    }
    requireName(dataset, "namespace", path + ".namespace");
    requireName(dataset, "name", path + ".name");
  }

  private static JsonNode object(JsonNode parent, String field, String path) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidEventException(path, "missing");
    }
    if (!value.isObject()) {
      throw new InvalidEventException(path, "not an object");
    }
    return value;
  }

  private static void requireText(JsonNode parent, String field) {
    requireText(parent, field, field);
  }

  /**
   * Longest name, namespace or field in UTF-8 bytes: two of them share a btree entry, whose
   * limit is about 2,700 bytes.
   */
  static final int MAX_NAME_BYTES = 1_200;

  private static String requireName(JsonNode parent, String field, String path) {
    return checkLength(requireText(parent, field, path), path);
  }

  private static String checkLength(String value, String path) {
    if (value.length() > MAX_NAME_BYTES / 3 && value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new InvalidEventException(path, "longer than " + MAX_NAME_BYTES + " bytes");
    }
    return value;
  }

  private static String requireText(JsonNode parent, String field, String path) {
    JsonNode value = parent.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidEventException(path, "missing");
    }
    if (!value.isTextual()) {
      throw new InvalidEventException(path, "not a string");
    }
    if (value.asText().isBlank()) {
      throw new InvalidEventException(path, "empty");
    }
    return value.asText();
  }

  /** Turns Jackson's binding failure into the field path and a plain reason. */
  private static InvalidEventException invalid(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    String problem = "not valid";
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> target = mismatch.getTargetType();
      if (target == UUID.class) {
        problem = "not a UUID";
      } else if (ZonedDateTime.class.isAssignableFrom(target) || TemporalAccessor.class.isAssignableFrom(target)) {
        problem = "not an ISO-8601 date-time with a time zone offset";
      } else if (target == URI.class) {
        problem = "not a URI";
      } else if (target.isEnum()) {
        problem = "not one of " + Arrays.toString(target.getEnumConstants());
      } else if (e instanceof InvalidFormatException) {
        problem = "not a valid " + target.getSimpleName();
      } else {
        problem = "wrong type: expected " + describe(target);
      }
    }
    return new InvalidEventException(path.toString(), problem);
  }

  private static String describe(Class<?> target) {
    if (List.class.isAssignableFrom(target)) {
      return "an array";
    }
    if (target == String.class) {
      return "a string";
    }
    return "an object";
  }
}
