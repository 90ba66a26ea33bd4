package io.gatehouse.lineage;

import static io.gatehouse.lineage.Events.OL;
import static io.gatehouse.lineage.Events.in;
import static io.gatehouse.lineage.Events.out;
import static io.gatehouse.lineage.Events.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openlineage.client.OpenLineage.RunEvent.EventType;
import io.openlineage.client.OpenLineageClientUtils;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class LineageIngestTest {
  private final DataSource ds = TestDatabase.dataSource();
  private final LineageIngest ingest = new LineageIngest(ds, TableResolver.NONE);

  @Test
  void runEventIsStoredRawThenProjectedIntoJobRunDatasetsAndEdges() {
    String ns = Events.ns("project");
    UUID run = UUID.randomUUID();
    var lineage = Events.fields();
    lineage.put("id", List.<String[]>of(new String[] {ns, "a", "id"}));
    lineage.put("total", List.<String[]>of(new String[] {ns, "a", "amount"}, new String[] {ns, "b", "rate"}));
    var facets = OL.newDatasetFacetsBuilder()
        .schema(Events.schema("id", "total"))
        .columnLineage(Events.columnLineage(lineage))
        .build();
    ingest.ingest(Events.run(ns, "etl", run, EventType.START, t(0), List.of(in(ns, "a"), in(ns, "b")), List.of(out(ns, "c"))));
    IngestResult result = ingest.ingest(
        Events.run(ns, "etl", run, EventType.COMPLETE, t(60), List.of(in(ns, "a"), in(ns, "b")), List.of(out(ns, "c", facets))));

    assertThat(result.duplicates()).isZero();
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.events WHERE run_id = ?", run)).isEqualTo(2);
    assertThat(Sql.value(ds, "SELECT payload->'run'->>'runId' FROM lineage.events WHERE id = ?", result.eventIds().get(0)))
        .isEqualTo(run.toString());
    Map<String, Object> runRow = Sql.rows(ds,
        "SELECT state, started_at IS NOT NULL AS started, ended_at - started_at AS took FROM lineage.runs WHERE id = ?", run).get(0);
    assertThat(runRow.get("state")).isEqualTo("COMPLETE");
    assertThat(runRow.get("started")).isEqualTo(true);
    assertThat(runRow.get("took").toString()).contains("1 min");

    UUID job = LineageIds.jobId(ns, "etl");
    assertThat(Sql.value(ds, "SELECT latest_run_id FROM lineage.jobs WHERE id = ?", job)).isEqualTo(run);
    assertThat(Sql.rows(ds,
            "SELECT d.name, e.output, e.last_run_id FROM lineage.job_datasets e JOIN lineage.datasets d ON d.id = e.dataset_id"
                + " WHERE e.job_id = ? ORDER BY d.name", job))
        .extracting(r -> r.get("name") + ":" + r.get("output") + ":" + r.get("last_run_id"))
        .containsExactly("a:false:" + run, "b:false:" + run, "c:true:" + run);
    assertThat(Sql.value(ds, "SELECT facets->'schema'->'fields'->1->>'name' FROM lineage.datasets WHERE id = ?",
        LineageIds.datasetId(ns, "c"))).isEqualTo("total");
    assertThat(Sql.rows(ds,
            "SELECT output_field, i.name AS input, input_field, transformation_type, transformation_subtype, job_id"
                + " FROM lineage.column_edges c JOIN lineage.datasets i ON i.id = c.input_dataset_id"
                + " WHERE output_dataset_id = ? ORDER BY output_field, input_field", LineageIds.datasetId(ns, "c")))
        .extracting(r -> r.get("output_field") + "<-" + r.get("input") + "." + r.get("input_field") + " "
            + r.get("transformation_type") + "/" + r.get("transformation_subtype") + " " + job.equals(r.get("job_id")))
        .containsExactly("id<-a.id DIRECT/IDENTITY true", "total<-a.amount DIRECT/IDENTITY true",
            "total<-b.rate DIRECT/IDENTITY true");
  }

  @Test
  void resendingAnEventStoresNothingNew() {
    String ns = Events.ns("resend");
    UUID run = UUID.randomUUID();
    String start = Events.run(ns, "j", run, EventType.START, t(0), List.of(in(ns, "a")), List.of(out(ns, "b")));
    String complete = Events.run(ns, "j", run, EventType.COMPLETE, t(5), List.of(in(ns, "a")), List.of(out(ns, "b")));
    ingest.ingest(start);
    ingest.ingest(complete);
    String before = snapshot(ns);

    IngestResult again = ingest.ingest(start);
    IngestResult batch = ingest.ingestBatch(List.of(complete, start, complete));

    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(batch.duplicates()).isEqualTo(3);
    assertThat(batch.eventIds().get(1)).isEqualTo(again.eventIds().get(0));
    assertThat(batch.eventIds().get(2)).isEqualTo(batch.eventIds().get(0));
    assertThat(snapshot(ns)).isEqualTo(before);
    assertThat(Sql.value(ds, "SELECT state FROM lineage.runs WHERE id = ?", run)).isEqualTo("COMPLETE");
  }

  @Test
  void eventIdentityIgnoresKeyOrder() {
    String ns = Events.ns("order");
    String json = "{\"eventTime\":\"2026-01-01T00:00:00Z\",\"producer\":\"p\",\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json\","
        + "\"eventType\":\"START\",\"run\":{\"runId\":\"" + UUID.randomUUID() + "\"},\"job\":{\"namespace\":\"" + ns + "\",\"name\":\"j\"}}";
    String reordered = "{\"job\":{\"name\":\"j\",\"namespace\":\"" + ns + "\"}," + json.substring(1, json.indexOf(",\"job\"")) + "}";
    assertThat(ingest.ingest(json).eventIds()).isEqualTo(ingest.ingest(reordered).eventIds());
    assertThat(ingest.ingest(reordered).duplicates()).isEqualTo(1);
  }

  @Test
  void aStartArrivingAfterTheCompleteLeavesTheRunComplete() {
    String ns = Events.ns("late");
    UUID run = UUID.randomUUID();
    ingest.ingest(Events.run(ns, "j", run, EventType.COMPLETE, t(10), List.of(), List.of(out(ns, "b"))));
    ingest.ingest(Events.run(ns, "j", run, EventType.START, t(0), List.of(), List.of(out(ns, "b"))));

    Map<String, Object> row = Sql.rows(ds, "SELECT state, extract(epoch FROM ended_at - started_at) AS secs FROM lineage.runs WHERE id = ?", run).get(0);
    assertThat(row.get("state")).isEqualTo("COMPLETE");
    assertThat(((Number) row.get("secs")).intValue()).isEqualTo(10);
  }

  @Test
  void aNewerRunBecomesTheJobsAndEdgesLatestRun() {
    String ns = Events.ns("runs");
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    ingest.ingest(Events.run(ns, "j", second, EventType.START, t(100), List.of(in(ns, "a")), List.of()));
    ingest.ingest(Events.run(ns, "j", first, EventType.COMPLETE, t(50), List.of(in(ns, "a")), List.of()));

    UUID job = LineageIds.jobId(ns, "j");
    assertThat(Sql.value(ds, "SELECT latest_run_id FROM lineage.jobs WHERE id = ?", job)).isEqualTo(second);
    assertThat(Sql.value(ds, "SELECT last_run_id FROM lineage.job_datasets WHERE job_id = ?", job)).isEqualTo(second);
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.runs WHERE job_id = ?", job)).isEqualTo(2);
  }

  @Test
  void unknownFacetsAreKeptRawAndMergedIntoTheDatasetAndJob() {
    String ns = Events.ns("facets");
    var custom = OL.newDatasetFacet();
    custom.getAdditionalProperties().put("owner_team", "payments");
    var facets = OL.newDatasetFacetsBuilder().put("acme_ownership", custom).build();
    var jobFacet = OL.newJobFacet();
    jobFacet.getAdditionalProperties().put("ticket", "ACME-1");
    String first = OpenLineageClientUtils.toJson(OL.newRunEventBuilder()
        .eventType(EventType.START).eventTime(t(0)).run(OL.newRun(UUID.randomUUID(), null))
        .job(OL.newJob(ns, "j", OL.newJobFacetsBuilder().put("acme_ticket", jobFacet).build()))
        .inputs(List.of()).outputs(List.of(out(ns, "b", facets))).build());
    ingest.ingest(first);
    // A later event with another facet adds to the dataset's facets, it does not replace them.
    ingest.ingest(Events.run(ns, "j", UUID.randomUUID(), EventType.START, t(10), List.of(),
        List.of(out(ns, "b", OL.newDatasetFacetsBuilder().schema(Events.schema("x")).build()))));

    UUID b = LineageIds.datasetId(ns, "b");
    assertThat(Sql.value(ds, "SELECT facets->'acme_ownership'->>'owner_team' FROM lineage.datasets WHERE id = ?", b))
        .isEqualTo("payments");
    assertThat(Sql.value(ds, "SELECT facets ?? 'schema' FROM lineage.datasets WHERE id = ?", b)).isEqualTo(true);
    assertThat(Sql.value(ds, "SELECT facets->'acme_ticket'->>'ticket' FROM lineage.jobs WHERE id = ?",
        LineageIds.jobId(ns, "j"))).isEqualTo("ACME-1");
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.events WHERE payload->'outputs'->0->'facets' ?? 'acme_ownership'"
        + " AND payload->'job'->>'namespace' = ?", ns)).isEqualTo(1);
  }

  @Test
  void datasetEventUpdatesTheDatasetAndDeclaresColumnLineageWithoutAJob() {
    String ns = Events.ns("dsevent");
    var lineage = Events.fields();
    lineage.put("y", List.<String[]>of(new String[] {ns, "src", "x"}));
    String json = OpenLineageClientUtils.toJson(OL.newDatasetEventBuilder().eventTime(t(0))
        .dataset(OL.newStaticDatasetBuilder().namespace(ns).name("view")
            .facets(OL.newDatasetFacetsBuilder().schema(Events.schema("y")).columnLineage(Events.columnLineage(lineage)).build())
            .build())
        .build());
    ingest.ingest(json);

    assertThat(Sql.value(ds, "SELECT kind FROM lineage.events WHERE payload->'dataset'->>'namespace' = ?", ns)).isEqualTo("DATASET");
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.datasets WHERE namespace = ?", ns)).isEqualTo(2);
    assertThat(Sql.value(ds, "SELECT job_id FROM lineage.column_edges WHERE output_dataset_id = ?",
        LineageIds.datasetId(ns, "view"))).isEqualTo(LineageIds.NO_JOB);
  }

  @Test
  void jobEventDeclaresStaticLineageWithoutARun() {
    String ns = Events.ns("jobevent");
    String json = OpenLineageClientUtils.toJson(OL.newJobEventBuilder().eventTime(t(0))
        .job(OL.newJob(ns, "nightly", null)).inputs(List.of(in(ns, "a"))).outputs(List.of(out(ns, "b"))).build());
    ingest.ingest(json);

    assertThat(Sql.rows(ds, "SELECT output, last_run_id FROM lineage.job_datasets WHERE job_id = ? ORDER BY output",
            LineageIds.jobId(ns, "nightly")))
        .extracting(r -> r.get("output") + ":" + r.get("last_run_id"))
        .containsExactly("false:null", "true:null");
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.runs WHERE job_id = ?", LineageIds.jobId(ns, "nightly"))).isZero();
  }

  @Test
  void invalidEventsAreRefusedWithTheFieldPathAndNothingIsStored() {
    String ns = Events.ns("invalid");
    String valid = Events.run(ns, "j", UUID.randomUUID(), EventType.START, t(0), List.of(in(ns, "a")), List.of());
    assertThatThrownBy(() -> ingest.ingest(valid.replaceFirst("\"runId\":\"[^\"]+\"", "\"runId\":\"nope\"")))
        .isInstanceOf(InvalidEventException.class).hasMessage("run.runId: not a UUID");
    assertThatThrownBy(() -> ingest.ingest(valid.replaceFirst("\"eventTime\":\"[^\"]+\",", "")))
        .hasMessage("eventTime: missing");
    assertThatThrownBy(() -> ingest.ingest(valid.replaceFirst("\"eventTime\":\"[^\"]+\"", "\"eventTime\":\"yesterday\"")))
        .hasMessage("eventTime: not an ISO-8601 date-time with a time zone offset");
    assertThatThrownBy(() -> ingest.ingest(valid.replaceFirst("\"eventType\":\"START\"", "\"eventType\":\"BEGIN\"")))
        .hasMessageStartingWith("eventType: not one of [START, RUNNING");
    assertThatThrownBy(() -> ingest.ingest(valid.replaceFirst("\"name\":\"a\"", "\"name\":\"\"")))
        .hasMessage("inputs[0].name: empty");
    assertThatThrownBy(() -> ingest.ingest(valid.replaceFirst("\"job\":\\{", "\"job\":{\"x\":1,").replaceFirst("\"name\":\"j\"", "\"name\":7")))
        .hasMessage("job.name: not a string");
    assertThatThrownBy(() -> ingest.ingest(valid.replaceFirst("\"name\":\"a\"", "\"name\":\"" + "x".repeat(1300) + "\"")))
        .hasMessage("inputs[0].name: longer than 1200 bytes");
    assertThatThrownBy(() -> ingest.ingest("{\"eventTime\": ")).hasMessageStartingWith("not valid JSON");
    assertThatThrownBy(() -> ingest.ingest("[]")).hasMessage("an event must be a JSON object");
    assertThatThrownBy(() -> ingest.ingestBatch(List.of(valid, valid.replaceFirst("\"producer\":\"[^\"]+\",", ""))))
        .hasMessage("[1].producer: missing");

    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.events WHERE job_id = ?", LineageIds.jobId(ns, "j"))).isZero();
  }

  @Test
  void aBatchIsStoredInOneTransaction() {
    String ns = Events.ns("batch");
    List<String> events = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      UUID run = UUID.randomUUID();
      events.add(Events.run(ns, "j" + i, run, EventType.START, t(i), List.of(in(ns, "d" + i)), List.of(out(ns, "d" + (i + 1)))));
      events.add(Events.run(ns, "j" + i, run, EventType.COMPLETE, t(i + 1), List.of(in(ns, "d" + i)), List.of(out(ns, "d" + (i + 1)))));
    }
    IngestResult result = ingest.ingestBatch(events);

    assertThat(result.eventIds()).hasSize(100).doesNotHaveDuplicates();
    assertThat(result.duplicates()).isZero();
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.datasets WHERE namespace = ?", ns)).isEqualTo(51);
    assertThat(Sql.count(ds, "SELECT count(*) FROM lineage.runs r JOIN lineage.jobs j ON j.id = r.job_id"
        + " WHERE j.namespace = ? AND r.state = 'COMPLETE'", ns)).isEqualTo(50);
  }

  private String snapshot(String ns) {
    return Sql.rows(ds, "SELECT id, facets::text, updated_at, xmin::text FROM lineage.datasets WHERE namespace = ? ORDER BY id", ns)
        + "|" + Sql.rows(ds, "SELECT j.id, latest_run_id, updated_at, xmin::text FROM lineage.jobs j WHERE namespace = ?", ns)
        + "|" + Sql.rows(ds, "SELECT e.*, e.xmin::text FROM lineage.job_datasets e JOIN lineage.jobs j ON j.id = e.job_id WHERE j.namespace = ? ORDER BY 1, 2", ns)
        + "|" + Sql.rows(ds, "SELECT count(*) FROM lineage.events e JOIN lineage.jobs j ON j.id = e.job_id WHERE j.namespace = ?", ns);
  }
}
