package io.gatehouse.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FacetFilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID ORDERS = LineageIds.datasetId("file", "/lake/sales/orders");
  private static final UUID SECRET = LineageIds.datasetId("file", "/lake/raw/secret");

  private static final String FACETS = """
      {"schema":{"_producer":"p","fields":[{"name":"revenue","type":"decimal"}]},
       "dataSource":{"name":"file","uri":"file"},
       "symlinks":{"identifiers":[{"namespace":"hive","name":"raw.secret","type":"TABLE"}]},
       "lifecycleStateChange":{"lifecycleStateChange":"RENAME","previousIdentifier":{"namespace":"file","name":"/lake/raw/secret"}},
       "spark_unknown":{"anything":"/lake/raw/secret"},
       "columnLineage":{"_producer":"p","fields":{
         "revenue":{"inputFields":[
           {"namespace":"file","name":"/lake/raw/secret","field":"amount","transformations":[{"type":"DIRECT","subtype":"AGGREGATION","description":"sum(secret.amount)","masking":false}]},
           {"namespace":"file","name":"/lake/sales/orders","field":"total","transformations":[{"type":"DIRECT","subtype":"IDENTITY","description":"copied"}]}],
          "transformationDescription":"sum of /lake/raw/secret.amount"}},
         "dataset":[{"namespace":"file","name":"/lake/raw/secret","field":"customer_id","transformations":[{"type":"INDIRECT","subtype":"JOIN"}]}]}}
      """;

  @Test
  void aVisibleDatasetKeepsOnlyFacetsThatNameNothingHidden() throws Exception {
    String shown = FacetFilter.dataset(FACETS, id -> id.equals(ORDERS), id -> new UUID(7, id.getLeastSignificantBits()));
    assertThat(shown).doesNotContain("secret").doesNotContain("amount").doesNotContain("RENAME\",\"previous");
    JsonNode f = JSON.readTree(shown);
    assertThat(f.has("schema")).isTrue();
    assertThat(f.has("dataSource")).isTrue();
    assertThat(f.has("symlinks")).isFalse();
    assertThat(f.has("spark_unknown")).isFalse();
    assertThat(f.path("lifecycleStateChange").has("previousIdentifier")).isFalse();
    JsonNode inputs = f.path("columnLineage").path("fields").path("revenue").path("inputFields");
    assertThat(inputs).hasSize(2);
    assertThat(inputs.get(0).path("redacted").asBoolean()).isTrue();
    assertThat(inputs.get(0).path("dataset_id").asText()).isEqualTo(new UUID(7, SECRET.getLeastSignificantBits()).toString());
    assertThat(inputs.get(0).path("transformations").get(0).path("subtype").asText()).isEqualTo("AGGREGATION");
    assertThat(inputs.get(1).path("name").asText()).isEqualTo("/lake/sales/orders");
    assertThat(f.path("columnLineage").path("fields").path("revenue").has("transformationDescription")).isFalse();
    assertThat(f.path("columnLineage").path("dataset").get(0).path("redacted").asBoolean()).isTrue();
  }

  @Test
  void whenEveryInputIsVisibleTheColumnLineageIsKeptWhole() throws Exception {
    String shown = FacetFilter.dataset(FACETS, id -> true, id -> id);
    JsonNode revenue = JSON.readTree(shown).path("columnLineage").path("fields").path("revenue");
    assertThat(revenue.path("inputFields").get(0).path("name").asText()).isEqualTo("/lake/raw/secret");
    assertThat(revenue.path("transformationDescription").asText()).contains("secret");
  }

  @Test
  void referencedDatasetsAreTheInputsOfTheColumnLineageFacet() {
    assertThat(FacetFilter.referencedDatasets(FACETS)).isEqualTo(Set.of(ORDERS, SECRET));
    assertThat(FacetFilter.referencedDatasets(null)).isEmpty();
    assertThat(FacetFilter.referencedDatasets("not json")).isEmpty();
  }

  @Test
  void aJobKeepsItsTypeAndSqlOnly() {
    String shown = FacetFilter.job("""
        {"jobType":{"jobType":"SQL_JOB"},"sql":{"query":"SELECT 1"},"spark_properties":{"x":"y"},"sourceCode":{"sourceCode":"z"}}
        """);
    assertThat(shown).contains("SQL_JOB", "SELECT 1").doesNotContain("spark_properties", "sourceCode");
    assertThat(FacetFilter.job(null)).isNull();
  }
}
