package io.gatehouse.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The facets of a visible node as a caller may read them. An allow-list, not a deny-list:
 * facets are whatever integrations send, and any unknown one may name anything, so only facets
 * (and fields) known to describe the node itself are kept.
 *
 * <ul>
 *   <li>datasets: {@code schema}, {@code dataSource}, {@code documentation}, {@code ownership},
 *       {@code version}, {@code datasetType}, {@code storage}, {@code lifecycleStateChange}
 *       without {@code previousIdentifier} (the dataset's former name), and {@code columnLineage}
 *       with every input field of a dataset the caller may not see replaced by a placeholder
 *       ({@code redacted}, the input's public {@code dataset_id}, its transformations' types);
 *   <li>jobs (shown only when every dataset they touch is visible): {@code jobType}, {@code sql},
 *       {@code documentation}, {@code ownership}.
 * </ul>
 *
 * Everything else ({@code symlinks}, which names other datasets; integrations' own facets such
 * as {@code spark_properties}) is dropped.
 */
public final class FacetFilter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> DATASET_KEPT =
      Set.of("schema", "dataSource", "documentation", "ownership", "version", "datasetType", "storage");
  private static final Set<String> JOB_KEPT = Set.of("jobType", "sql", "documentation", "ownership");
  private static final Set<String> META = Set.of("_producer", "_schemaURL", "_deleted");

  private FacetFilter() {}

  /**
   * A dataset's facets (JSON, or null) as the caller may read them.
   *
   * @param visible whether the caller may see a dataset, by stored id
   * @param publicId the shown id of a stored id ({@link PublicIds#hide})
   */
  public static String dataset(String facets, Predicate<UUID> visible, UnaryOperator<UUID> publicId) {
    ObjectNode in = parse(facets);
    if (in == null) {
      return null;
    }
    ObjectNode out = JSON.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!f.getValue().isObject()) {
        continue;
      }
      ObjectNode facet = (ObjectNode) f.getValue();
      switch (f.getKey()) {
        case "columnLineage" -> out.set(f.getKey(), columnLineage(facet, visible, publicId));
        case "lifecycleStateChange" -> out.set(f.getKey(), only(facet, Set.of("lifecycleStateChange")));
        default -> {
          if (DATASET_KEPT.contains(f.getKey())) {
            out.set(f.getKey(), facet);
          }
        }
      }
    }
    return out.toString();
  }

  /** A visible job's facets (JSON, or null) as the caller may read them. */
  public static String job(String facets) {
    ObjectNode in = parse(facets);
    if (in == null) {
      return null;
    }
    ObjectNode out = JSON.createObjectNode();
    JOB_KEPT.forEach(name -> {
      if (in.get(name) != null && in.get(name).isObject()) {
        out.set(name, in.get(name));
      }
    });
    return out.toString();
  }

  /** The stored ids of the datasets that a dataset's {@code columnLineage} facet names. */
  public static Set<UUID> referencedDatasets(String facets) {
    Set<UUID> ids = new HashSet<>();
    ObjectNode in = parse(facets);
    JsonNode lineage = in == null ? null : in.get("columnLineage");
    if (lineage == null || !lineage.isObject()) {
      return ids;
    }
    lineage.path("fields").forEach(field -> field.path("inputFields").forEach(i -> addId(ids, i)));
    lineage.path("dataset").forEach(i -> addId(ids, i));
    return ids;
  }

  private static ObjectNode columnLineage(ObjectNode facet, Predicate<UUID> visible, UnaryOperator<UUID> publicId) {
    ObjectNode out = only(facet, Set.of());
    JsonNode fields = facet.get("fields");
    if (fields != null && fields.isObject()) {
      ObjectNode shown = out.putObject("fields");
      fields.fields().forEachRemaining(f -> {
        ObjectNode field = shown.putObject(f.getKey());
        boolean allVisible = inputs(f.getValue().path("inputFields"), field.putArray("inputFields"), visible, publicId);
        // The older field-level description may name the inputs.
        if (allVisible && f.getValue().hasNonNull("transformationDescription")) {
          field.set("transformationDescription", f.getValue().get("transformationDescription"));
        }
        if (f.getValue().hasNonNull("transformationType")) {
          field.set("transformationType", f.getValue().get("transformationType"));
        }
      });
    }
    if (facet.get("dataset") != null && facet.get("dataset").isArray()) {
      inputs(facet.get("dataset"), out.putArray("dataset"), visible, publicId);
    }
    return out;
  }

  /** Copies input fields, each hidden one as a placeholder; whether all were visible. */
  private static boolean inputs(JsonNode in, ArrayNode out, Predicate<UUID> visible, UnaryOperator<UUID> publicId) {
    boolean all = true;
    for (JsonNode input : in) {
      UUID id = id(input);
      if (id != null && visible.test(id)) {
        out.add(input);
        continue;
      }
      all = false;
      ObjectNode placeholder = out.addObject();
      placeholder.put("redacted", true);
      if (id != null) {
        placeholder.put("dataset_id", publicId.apply(id).toString());
      }
      ArrayNode types = placeholder.putArray("transformations");
      input.path("transformations").forEach(t -> {
        ObjectNode kept = types.addObject();
        for (String k : new String[] {"type", "subtype", "masking"}) {
          if (t.hasNonNull(k) && t.get(k).isValueNode()) {
            kept.set(k, t.get(k));
          }
        }
      });
    }
    return all;
  }

  private static void addId(Set<UUID> ids, JsonNode input) {
    UUID id = id(input);
    if (id != null) {
      ids.add(id);
    }
  }

  private static UUID id(JsonNode input) {
    JsonNode ns = input.get("namespace");
    JsonNode name = input.get("name");
    return ns != null && ns.isTextual() && name != null && name.isTextual()
        ? LineageIds.datasetId(ns.asText(), name.asText()) : null;
  }

  private static ObjectNode only(ObjectNode facet, Set<String> fields) {
    ObjectNode out = JSON.createObjectNode();
    facet.fields().forEachRemaining(f -> {
      if (META.contains(f.getKey()) || fields.contains(f.getKey())) {
        out.set(f.getKey(), f.getValue());
      }
    });
    return out;
  }

  private static ObjectNode parse(String facets) {
    if (facets == null) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(facets);
      return node != null && node.isObject() ? (ObjectNode) node : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }
}
