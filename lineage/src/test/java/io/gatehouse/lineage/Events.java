package io.gatehouse.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.OutputDataset;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds events with the OpenLineage Java client and serializes them as the client does, so the
 * tests parse what real producers send.
 */
final class Events {
  static final OpenLineage OL = new OpenLineage(URI.create("https://github.com/gatehouse/tests"));
  static final ZonedDateTime T0 = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private Events() {}

  static ZonedDateTime t(int seconds) {
    return T0.plusSeconds(seconds);
  }

  /** A run event of job ns/job reading and writing datasets of namespace ns. */
  static String run(String ns, String job, UUID runId, EventType type, ZonedDateTime time,
      List<InputDataset> inputs, List<OutputDataset> outputs) {
    return OpenLineageClientUtils.toJson(OL.newRunEventBuilder()
        .eventType(type)
        .eventTime(time)
        .run(OL.newRun(runId, null))
        .job(OL.newJob(ns, job, null))
        .inputs(inputs)
        .outputs(outputs)
        .build());
  }

  static InputDataset in(String ns, String name) {
    return OL.newInputDatasetBuilder().namespace(ns).name(name).build();
  }

  static OutputDataset out(String ns, String name) {
    return OL.newOutputDatasetBuilder().namespace(ns).name(name).build();
  }

  static OutputDataset out(String ns, String name, OpenLineage.DatasetFacets facets) {
    return OL.newOutputDatasetBuilder().namespace(ns).name(name).facets(facets).build();
  }

  static OpenLineage.SchemaDatasetFacet schema(String... fields) {
    List<OpenLineage.SchemaDatasetFacetFields> list = new ArrayList<>();
    for (String field : fields) {
      list.add(OL.newSchemaDatasetFacetFieldsBuilder().name(field).type("string").build());
    }
    return OL.newSchemaDatasetFacet(list);
  }

  /** Column lineage: output field -> inputs given as {namespace, name, field}. */
  static OpenLineage.ColumnLineageDatasetFacet columnLineage(Map<String, List<String[]>> fields) {
    var builder = OL.newColumnLineageDatasetFacetFieldsBuilder();
    fields.forEach((field, inputs) -> {
      List<OpenLineage.InputField> inputFields = new ArrayList<>();
      for (String[] input : inputs) {
        inputFields.add(OL.newInputFieldBuilder()
            .namespace(input[0]).name(input[1]).field(input[2])
            .transformations(List.of(OL.newInputFieldTransformationsBuilder()
                .type("DIRECT").subtype("IDENTITY").description("copied").masking(false).build()))
            .build());
      }
      builder.put(field, OL.newColumnLineageDatasetFacetFieldsAdditionalBuilder().inputFields(inputFields).build());
    });
    return OL.newColumnLineageDatasetFacetBuilder().fields(builder.build()).build();
  }

  static Map<String, List<String[]>> fields() {
    return new LinkedHashMap<>();
  }

  static String ns(String test) {
    return "test-" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
