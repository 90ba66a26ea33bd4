package io.gatehouse.server.lineage;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.InputDataset;
import io.openlineage.client.OpenLineage.OutputDataset;
import io.openlineage.client.OpenLineage.RunEvent;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lineage as the tests make it: pipelines (service principals granted EMIT LINEAGE) that send
 * events through the real OpenLineage Java client over its HTTP transport, events built with the
 * client's model, and graph requests over HTTP.
 */
public final class Lineage {
  static final String SQL = "/api/gatehouse/v1/sql";
  static final String GRAPH = "/api/gatehouse/v1/lineage";
  static final OpenLineage OL = new OpenLineage(URI.create("https://github.com/gatehouse/tests"));
  static final ZonedDateTime T0 = ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private Lineage() {}

  static ValidatableResponse sql(RequestSpecification as, String script) {
    return as.contentType("application/json").body(Map.of("statement", script)).post(SQL).then();
  }

  public static ValidatableResponse sql(String script) {
    return sql(Api.json(), script).statusCode(200);
  }

  /** A new service principal granted EMIT LINEAGE on the metastore; returns its access token. */
  public static String pipelineToken() {
    String appId = Api.unique("pipeline");
    Identities.servicePrincipal(appId);
    sql("GRANT EMIT LINEAGE ON METASTORE TO `" + appId + "`");
    return Api.json().body(Map.of("application_id", appId, "comment", "lineage"))
        .post("/api/2.0/token-management/on-behalf-of/tokens").then().statusCode(200).extract().path("token_value");
  }

  /** The OpenLineage client as an integration configures it: a URL and an API key. */
  static OpenLineageClient client(String token, HttpConfig.Compression compression) {
    HttpConfig config = new HttpConfig();
    config.setUrl(URI.create("http://127.0.0.1:" + RestAssured.port));
    ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
    auth.setApiKey(token);
    config.setAuth(auth);
    config.setCompression(compression);
    config.setTimeoutInMillis(10_000);
    return new OpenLineageClient(new HttpTransport(config));
  }

  public static OpenLineageClient client(String token) {
    return client(token, null);
  }

  public static RunEvent run(String jobNamespace, String job, UUID runId, EventType type, int second,
      List<InputDataset> inputs, List<OutputDataset> outputs) {
    return OL.newRunEventBuilder()
        .eventType(type)
        .eventTime(T0.plusSeconds(second))
        .run(OL.newRun(runId, null))
        .job(OL.newJob(jobNamespace, job, null))
        .inputs(inputs)
        .outputs(outputs)
        .build();
  }

  /** START and COMPLETE of one run of {@code job}. */
  public static void runJob(OpenLineageClient client, String ns, String job, List<InputDataset> inputs, List<OutputDataset> outputs) {
    UUID run = UUID.randomUUID();
    client.emit(run(ns, job, run, EventType.START, 0, inputs, outputs));
    client.emit(run(ns, job, run, EventType.COMPLETE, 60, inputs, outputs));
  }

  public static InputDataset in(String ns, String name) {
    return OL.newInputDatasetBuilder().namespace(ns).name(name).build();
  }

  static OutputDataset out(String ns, String name) {
    return OL.newOutputDatasetBuilder().namespace(ns).name(name).build();
  }

  /** An output with a schema of string fields and a columnLineage facet. */
  public static OutputDataset out(String ns, String name, List<String> fields, Map<String, List<String[]>> lineage) {
    List<OpenLineage.SchemaDatasetFacetFields> schema = new ArrayList<>();
    for (String f : fields) {
      schema.add(OL.newSchemaDatasetFacetFieldsBuilder().name(f).type("string").build());
    }
    var builder = OL.newColumnLineageDatasetFacetFieldsBuilder();
    lineage.forEach((field, inputs) -> {
      List<OpenLineage.InputField> inputFields = new ArrayList<>();
      for (String[] input : inputs) {
        inputFields.add(OL.newInputFieldBuilder().namespace(input[0]).name(input[1]).field(input[2])
            .transformations(List.of(OL.newInputFieldTransformationsBuilder()
                .type("DIRECT").subtype("IDENTITY").description("copied").masking(false).build()))
            .build());
      }
      builder.put(field, OL.newColumnLineageDatasetFacetFieldsAdditionalBuilder().inputFields(inputFields).build());
    });
    return OL.newOutputDatasetBuilder().namespace(ns).name(name)
        .facets(OL.newDatasetFacetsBuilder()
            .schema(OL.newSchemaDatasetFacet(schema))
            .columnLineage(OL.newColumnLineageDatasetFacetBuilder().fields(builder.build()).build())
            .build())
        .build();
  }

  static Map<String, List<String[]>> columns() {
    return new LinkedHashMap<>();
  }

  public static String ns(String prefix) {
    return Api.unique(prefix);
  }

  /** A graph request as {@code as}. */
  static ValidatableResponse graph(RequestSpecification as, Map<String, ?> query) {
    return as.accept("application/json").queryParams(query).get(GRAPH + "/graph").then();
  }

  static ValidatableResponse graph(Map<String, ?> query) {
    return graph(Api.given(), query);
  }
}
