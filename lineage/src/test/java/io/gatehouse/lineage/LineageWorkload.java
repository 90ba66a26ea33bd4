package io.gatehouse.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The lineage workload of shared/notes/performance-targets.md: {@code layers} layers of
 * {@code jobsPerLayer} jobs; each job reads 1-3 random datasets of the layer before and writes one
 * dataset of 5 columns with a columnLineage facet; a START and a COMPLETE event per run. Layer 0
 * holds the source datasets. Events are built and serialized by the OpenLineage Java client and
 * carry the facets a Spark or Airflow integration sends, about 3.5 KB each.
 */
public final class LineageWorkload {
  public static final String NAMESPACE = "s3://bench-lake";
  public static final String JOB_NAMESPACE = "bench-airflow";
  private static final String[] COLUMNS = {"id", "customer_id", "amount", "currency", "updated_at"};
  private static final String[] TYPES = {"bigint", "bigint", "decimal(18,2)", "string", "timestamp"};

  private final OpenLineage ol = new OpenLineage(URI.create("https://github.com/OpenLineage/OpenLineage/tree/1.55.0/integration/spark"));
  private final int layers;
  private final int jobsPerLayer;
  private final long seed;
  private final String namespace;
  private final String jobNamespace;

  LineageWorkload(int layers, int jobsPerLayer, long seed) {
    this(layers, jobsPerLayer, seed, NAMESPACE, JOB_NAMESPACE);
  }

  /** The same workload with datasets and jobs in other namespaces, beside the default one. */
  public LineageWorkload(int layers, int jobsPerLayer, long seed, String namespace, String jobNamespace) {
    this.layers = layers;
    this.jobsPerLayer = jobsPerLayer;
    this.seed = seed;
    this.namespace = namespace;
    this.jobNamespace = jobNamespace;
  }

  public static String dataset(int layer, int index) {
    return "warehouse/layer" + layer + "/table" + index;
  }

  public static String job(int layer, int index) {
    return "dag_layer" + layer + ".task" + index;
  }

  int layers() {
    return layers;
  }

  int jobsPerLayer() {
    return jobsPerLayer;
  }

  /** All events, layer by layer, each run's START then COMPLETE. */
  public List<String> events() {
    Random random = new Random(seed);
    List<String> events = new ArrayList<>(2 * layers * jobsPerLayer);
    ZonedDateTime time = Events.T0;
    for (int layer = 1; layer <= layers; layer++) {
      for (int j = 0; j < jobsPerLayer; j++) {
        Set<Integer> inputs = new LinkedHashSet<>();
        int count = 1 + random.nextInt(3);
        while (inputs.size() < count) {
          inputs.add(random.nextInt(jobsPerLayer));
        }
        UUID run = new UUID(random.nextLong(), random.nextLong());
        time = time.plusSeconds(1);
        events.add(event(layer, j, List.copyOf(inputs), run, EventType.START, time, random));
        events.add(event(layer, j, List.copyOf(inputs), run, EventType.COMPLETE, time.plusSeconds(30), random));
      }
    }
    return events;
  }

  private String event(int layer, int j, List<Integer> inputs, UUID runId, EventType type, ZonedDateTime time, Random random) {
    List<OpenLineage.InputDataset> ins = new ArrayList<>();
    for (int input : inputs) {
      ins.add(ol.newInputDatasetBuilder().namespace(namespace).name(dataset(layer - 1, input))
          .facets(ol.newDatasetFacetsBuilder().schema(schema()).build())
          .build());
    }
    var lineage = ol.newColumnLineageDatasetFacetFieldsBuilder();
    for (String column : COLUMNS) {
      List<OpenLineage.InputField> fields = new ArrayList<>();
      // Each output column comes from the same column of one or two of the inputs.
      int from = 1 + random.nextInt(Math.min(2, inputs.size()));
      for (int k = 0; k < from; k++) {
        fields.add(ol.newInputFieldBuilder().namespace(namespace).name(dataset(layer - 1, inputs.get(k))).field(column)
            .transformations(List.of(ol.newInputFieldTransformationsBuilder()
                .type(k == 0 ? "DIRECT" : "INDIRECT").subtype(k == 0 ? "IDENTITY" : "JOIN").masking(false).build()))
            .build());
      }
      lineage.put(column, ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder().inputFields(fields).build());
    }
    var output = ol.newOutputDatasetBuilder().namespace(namespace).name(dataset(layer, j))
        .facets(ol.newDatasetFacetsBuilder().schema(schema())
            .dataSource(ol.newDatasourceDatasetFacet("s3", URI.create(namespace)))
            .columnLineage(ol.newColumnLineageDatasetFacetBuilder().fields(lineage.build()).build())
            .build())
        .outputFacets(type == EventType.COMPLETE
            ? ol.newOutputDatasetOutputFacetsBuilder()
                .outputStatistics(ol.newOutputStatisticsOutputDatasetFacet(1000L + j, 65536L + j, 1L)).build()
            : null)
        .build();
    var job = ol.newJob(jobNamespace, job(layer, j), ol.newJobFacetsBuilder()
        .jobType(ol.newJobTypeJobFacet("BATCH", "SPARK", "SQL_JOB", null))
        .sql(ol.newSQLJobFacetBuilder().query("INSERT INTO layer" + layer + ".table" + j + " SELECT id, customer_id, "
            + "sum(amount) AS amount, currency, max(updated_at) FROM " + String.join(" JOIN ",
                inputs.stream().map(i -> "layer" + (layer - 1) + ".table" + i).toList())
            + " GROUP BY id, customer_id, currency").build())
        .build());
    var run = ol.newRun(runId, ol.newRunFacetsBuilder()
        .processing_engine(ol.newProcessingEngineRunFacet("3.5.7", "spark", "1.55.0"))
        .build());
    return OpenLineageClientUtils.toJson(ol.newRunEventBuilder().eventType(type).eventTime(time).run(run).job(job)
        .inputs(ins).outputs(List.of(output)).build());
  }

  private OpenLineage.SchemaDatasetFacet schema() {
    List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
    for (int i = 0; i < COLUMNS.length; i++) {
      fields.add(ol.newSchemaDatasetFacetFieldsBuilder().name(COLUMNS[i]).type(TYPES[i]).build());
    }
    return ol.newSchemaDatasetFacet(fields);
  }
}
