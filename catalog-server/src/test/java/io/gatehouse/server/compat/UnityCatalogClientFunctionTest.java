package io.gatehouse.server.compat;

import static io.gatehouse.server.compat.UcCompat.ADMIN;
import static io.gatehouse.server.compat.UcCompat.allPages;
import static io.gatehouse.server.compat.UcCompat.apiError;
import static io.gatehouse.server.compat.UcCompat.assertCreatedStamps;
import static io.gatehouse.server.compat.UcCompat.assertUuid;
import static io.gatehouse.server.compat.UcCompat.keys;
import static io.gatehouse.server.compat.UcCompat.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.server.compat.UcCompat.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.unitycatalog.client.ApiClient;
import io.unitycatalog.client.ApiException;
import io.unitycatalog.client.api.FunctionsApi;
import io.unitycatalog.client.model.ColumnTypeName;
import io.unitycatalog.client.model.CreateFunction;
import io.unitycatalog.client.model.CreateFunctionRequest;
import io.unitycatalog.client.model.Dependency;
import io.unitycatalog.client.model.DependencyList;
import io.unitycatalog.client.model.FunctionDependency;
import io.unitycatalog.client.model.FunctionInfo;
import io.unitycatalog.client.model.FunctionParameterInfo;
import io.unitycatalog.client.model.FunctionParameterInfos;
import io.unitycatalog.client.model.FunctionParameterMode;
import io.unitycatalog.client.model.FunctionParameterType;
import io.unitycatalog.client.model.ListFunctionsResponse;
import io.unitycatalog.client.model.SchemaInfo;
import io.unitycatalog.client.model.TableDependency;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Functions through the unmodified Unity Catalog OSS 0.6.0 client. */
@QuarkusTest
class UnityCatalogClientFunctionTest {
  @TestHTTPResource("/")
  URL url;

  private ApiClient client;
  private FunctionsApi functions;

  @BeforeEach
  void connect() {
    client = UcCompat.client(url);
    functions = new FunctionsApi(client);
  }

  private static FunctionParameterInfos inputParams() {
    return new FunctionParameterInfos()
        .parameters(
            List.of(
                new FunctionParameterInfo()
                    .name("price")
                    .typeText("decimal(10,2)")
                    .typeJson("{\"name\":\"price\",\"type\":\"decimal(10,2)\",\"nullable\":true,\"metadata\":{}}")
                    .typeName(ColumnTypeName.DECIMAL)
                    .typePrecision(10)
                    .typeScale(2)
                    .position(0)
                    .parameterMode(FunctionParameterMode.IN)
                    .parameterType(FunctionParameterType.PARAM)
                    .comment("net price"),
                new FunctionParameterInfo()
                    .name("rate")
                    .typeText("double")
                    .typeJson("{\"name\":\"rate\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}}")
                    .typeName(ColumnTypeName.DOUBLE)
                    .position(1)
                    .parameterMode(FunctionParameterMode.IN)
                    .parameterType(FunctionParameterType.PARAM)
                    .parameterDefault("0.2")
                    .comment("tax rate")));
  }

  /** A SQL scalar function {@code gross(price, rate)} with every CreateFunction field set. */
  private static CreateFunction sqlFunction(SchemaInfo schema, String name) {
    return new CreateFunction()
        .name(name)
        .catalogName(schema.getCatalogName())
        .schemaName(schema.getName())
        .inputParams(inputParams())
        .dataType(ColumnTypeName.DOUBLE)
        .fullDataType("double")
        .routineBody(CreateFunction.RoutineBodyEnum.SQL)
        .routineDefinition("price * (1 + rate)")
        .routineDependencies(
            new DependencyList()
                .dependencies(
                    List.of(
                        new Dependency().table(new TableDependency().tableFullName(schema.getFullName() + ".rates")),
                        new Dependency()
                            .function(new FunctionDependency().functionFullName(schema.getFullName() + ".round2")))))
        .parameterStyle(CreateFunction.ParameterStyleEnum.S)
        .isDeterministic(true)
        .sqlDataAccess(CreateFunction.SqlDataAccessEnum.CONTAINS_SQL)
        .isNullCall(false)
        .securityType(CreateFunction.SecurityTypeEnum.DEFINER)
        .specificName(name + "_v1")
        .comment("gross price")
        .properties("{\"owner_team\":\"finance\"}");
  }

  private FunctionInfo create(CreateFunction f) throws ApiException {
    return functions.createFunction(new CreateFunctionRequest().functionInfo(f));
  }

  @Test
  void sqlFunctionComesBackWithEveryFieldOfTheSpecFilled() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String name = unique("gross");
    long before = System.currentTimeMillis();
    FunctionInfo created = create(sqlFunction(schema, name));
    long after = System.currentTimeMillis();

    assertThat(created.getName()).isEqualTo(name);
    assertThat(created.getCatalogName()).isEqualTo(schema.getCatalogName());
    assertThat(created.getSchemaName()).isEqualTo(schema.getName());
    assertThat(created.getFullName()).isEqualTo(schema.getFullName() + "." + name);
    assertThat(created.getInputParams()).isEqualTo(inputParams());
    assertThat(created.getDataType()).isEqualTo(ColumnTypeName.DOUBLE);
    assertThat(created.getFullDataType()).isEqualTo("double");
    assertThat(created.getReturnParams()).isNull();
    assertThat(created.getRoutineBody()).isEqualTo(FunctionInfo.RoutineBodyEnum.SQL);
    assertThat(created.getRoutineDefinition()).isEqualTo("price * (1 + rate)");
    assertThat(created.getRoutineDependencies()).isEqualTo(sqlFunction(schema, name).getRoutineDependencies());
    assertThat(created.getParameterStyle()).isEqualTo(FunctionInfo.ParameterStyleEnum.S);
    assertThat(created.getIsDeterministic()).isTrue();
    assertThat(created.getSqlDataAccess()).isEqualTo(FunctionInfo.SqlDataAccessEnum.CONTAINS_SQL);
    assertThat(created.getIsNullCall()).isFalse();
    assertThat(created.getSecurityType()).isEqualTo(FunctionInfo.SecurityTypeEnum.DEFINER);
    assertThat(created.getSpecificName()).isEqualTo(name + "_v1");
    assertThat(created.getComment()).isEqualTo("gross price");
    assertThat(created.getProperties()).isEqualTo("{\"owner_team\":\"finance\"}");
    assertThat(created.getOwner()).isEqualTo(ADMIN);
    assertCreatedStamps(
        created.getCreatedAt(), created.getCreatedBy(), created.getUpdatedAt(), created.getUpdatedBy(), before, after);
    assertUuid(created.getFunctionId());
    assertThat(created.getExternalLanguage()).isNull();

    assertThat(functions.getFunction(created.getFullName())).isEqualTo(created);
    assertThat(functions.getFunction(created.getFullName().toUpperCase())).as("lookup ignores case").isEqualTo(created);
  }

  @Test
  void externalLanguageFunctionKeepsItsLanguage() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    CreateFunction python =
        sqlFunction(schema, unique("py"))
            .routineBody(CreateFunction.RoutineBodyEnum.EXTERNAL)
            .externalLanguage("python")
            .routineDefinition("return price * (1 + rate)")
            .routineDependencies(null)
            .sqlDataAccess(CreateFunction.SqlDataAccessEnum.NO_SQL);

    FunctionInfo created = create(python);

    assertThat(created.getRoutineBody()).isEqualTo(FunctionInfo.RoutineBodyEnum.EXTERNAL);
    assertThat(created.getExternalLanguage()).isEqualTo("python");
    assertThat(created.getSqlDataAccess()).isEqualTo(FunctionInfo.SqlDataAccessEnum.NO_SQL);
    assertThat(functions.getFunction(created.getFullName())).isEqualTo(created);
  }

  @Test
  void listingFunctionsWithTheClientFollowsPageTokensToTheEnd() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    List<FunctionInfo> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(create(sqlFunction(schema, unique("page"))));
    }

    List<List<FunctionInfo>> pages =
        allPages(
            token -> {
              ListFunctionsResponse r = functions.listFunctions(schema.getCatalogName(), schema.getName(), 2, token);
              return new Page<>(r.getFunctions(), r.getNextPageToken());
            });

    assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
    assertThat(keys(pages, FunctionInfo::getFullName)).doesNotHaveDuplicates();
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void deletingAFunctionWithTheClientRemovesIt() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    FunctionInfo created = create(sqlFunction(schema, unique("fn")));

    functions.deleteFunction(created.getFullName());

    apiError(404, "NOT_FOUND", () -> functions.getFunction(created.getFullName()));
    apiError(404, "NOT_FOUND", () -> functions.deleteFunction(created.getFullName()));
    assertThat(functions.listFunctions(schema.getCatalogName(), schema.getName(), null, null).getFunctions()).isEmpty();
  }

  @Test
  void missingFunctionIs404ForGetDeleteAndListing() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String missingFunction = schema.getFullName() + "." + unique("missing");
    String inMissingSchema = schema.getCatalogName() + "." + unique("nosch") + ".f";
    String inMissingCatalog = unique("nocat") + ".s.f";

    for (String missing : List.of(missingFunction, inMissingSchema, inMissingCatalog)) {
      apiError(404, "NOT_FOUND", () -> functions.getFunction(missing));
      apiError(404, "NOT_FOUND", () -> functions.deleteFunction(missing));
    }
    apiError(404, "NOT_FOUND", () -> functions.listFunctions(schema.getCatalogName(), unique("nosch"), null, null));
    SchemaInfo fake = new SchemaInfo().catalogName(schema.getCatalogName()).name(unique("nosch"));
    apiError(404, "NOT_FOUND", () -> create(sqlFunction(fake, unique("f"))));
  }

  @Test
  void creatingTheSameFunctionTwiceIs409EvenWhenOnlyTheCaseDiffers() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    String name = unique("Dup");
    FunctionInfo created = create(sqlFunction(schema, name));

    apiError(409, "ALREADY_EXISTS", () -> create(sqlFunction(schema, name)));
    apiError(409, "ALREADY_EXISTS", () -> create(sqlFunction(schema, name.toUpperCase())));
    apiError(409, "ALREADY_EXISTS", () -> create(sqlFunction(schema, name.toLowerCase())));
    assertThat(functions.getFunction(created.getFullName())).isEqualTo(created);
  }

  @Test
  void invalidFunctionNamesAndShapesAreRefusedAs400() throws ApiException {
    SchemaInfo schema = UcCompat.createSchema(client);
    for (String bad : List.of("has space", "dot.ted", "slash/ed", "")) {
      apiError(400, "INVALID_ARGUMENT", () -> create(sqlFunction(schema, bad)));
    }
    apiError(400, "INVALID_ARGUMENT", () -> functions.getFunction(schema.getFullName()));
    apiError(400, "INVALID_ARGUMENT", () -> create(sqlFunction(schema, unique("f")).routineDefinition(null)));
    apiError(400, "INVALID_ARGUMENT", () -> create(sqlFunction(schema, unique("f")).dataType(null)));
    apiError(400, "INVALID_ARGUMENT", () -> functions.createFunction(new CreateFunctionRequest()));
  }
}
