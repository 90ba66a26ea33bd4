package io.gatehouse.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.client.cli.GatehouseCli;
import io.gatehouse.client.cli.Terminal;
import io.gatehouse.client.model.CatalogInfo;
import io.gatehouse.client.model.CreatedToken;
import io.gatehouse.client.model.FunctionInfo;
import io.gatehouse.client.model.Identity;
import io.gatehouse.client.model.PrivilegeAssignment;
import io.gatehouse.client.model.SchemaInfo;
import io.gatehouse.client.model.SqlResult;
import io.gatehouse.client.model.TableInfo;
import io.gatehouse.client.model.TokenInfo;
import io.gatehouse.client.model.VolumeInfo;
import io.gatehouse.client.model.ModelVersionInfo;
import io.gatehouse.client.model.RegisteredModelInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's operations as {@code gatehouse} command lines run in-process: host and token as
 * flags, an empty environment and a home folder of its own. Commands whose output the suite reads
 * run with {@code --output json}; the rest print text, so both forms of error message are read.
 * Refusals come from the exit code, checked against the code in the message.
 */
final class CliOperations implements Operations {
  private static final Pattern TEXT_ERROR =
      Pattern.compile("Error: (.*) \\[([A-Z_]+)(?:, HTTP (\\d+))?(?:, request id (\\S+))?\\]\\n");

  private final String host;
  private final String token;
  private final Path home;

  CliOperations(String host, String token) {
    this.host = host;
    this.token = token;
    try {
      this.home = Files.createTempDirectory("gatehouse-cli-home");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Operations as(String token) {
    return new CliOperations(host, token);
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(List<String> command) {
    List<String> args = new ArrayList<>(List.of("--host", host, "--token", token));
    args.addAll(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Terminal terminal = new Terminal(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
        new PrintWriter(err, true), Map.of(), home);
    int code = GatehouseCli.run(terminal, args.toArray(String[]::new));
    Run run = new Run(code, out.toString(), err.toString());
    if (code != 0) {
      throw failure(run, command.contains("json"));
    }
    assertThat(run.err()).isEmpty();
    return run;
  }

  private static OperationFailed failure(Run run, boolean json) {
    Failure failure = switch (run.exitCode()) {
      case 2 -> Failure.NOT_FOUND;
      case 3 -> Failure.PERMISSION_DENIED;
      case 4 -> Failure.UNAUTHENTICATED;
      case 5 -> Failure.CONFLICT;
      case 6 -> Failure.INVALID;
      default -> throw new AssertionError("exit code " + run.exitCode() + ": " + run.err());
    };
    assertThat(run.out()).isEmpty();
    String code;
    String message;
    String requestId;
    if (json) {
      JsonNode error;
      try {
        error = RestOperations.JSON.readTree(run.err());
      } catch (IOException e) {
        throw new AssertionError("not a JSON error: " + run.err(), e);
      }
      code = error.path("error_code").asText();
      message = error.path("message").asText();
      requestId = error.path("request_id").asText(null);
    } else {
      Matcher m = TEXT_ERROR.matcher(run.err());
      assertThat(m.matches()).as("error message: " + run.err()).isTrue();
      message = m.group(1);
      code = m.group(2);
      requestId = m.group(4);
    }
    assertThat(io.gatehouse.client.cli.ExitCodes.of(io.gatehouse.client.ErrorCode.byName(code)))
        .as("exit code of " + code).isEqualTo(run.exitCode());
    return new OperationFailed(failure, message, requestId);
  }

  private <T> T json(Class<T> type, String... command) {
    return read(RestOperations.JSON.constructType(type), command);
  }

  private <T> List<T> jsonList(Class<T> type, String... command) {
    return read(RestOperations.JSON.getTypeFactory().constructCollectionType(List.class, type), command);
  }

  private <T> T read(JavaType type, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.add("--output");
    args.add("json");
    Run run = run(args);
    try {
      return RestOperations.JSON.readValue(run.out(), type);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + run.out(), e);
    }
  }

  private void text(String... command) {
    run(List.of(command));
  }

  /** The command with each option whose value is not null: {@code "--comment", comment, ...}. */
  private static String[] withOptions(List<String> command, String... optionValues) {
    List<String> args = new ArrayList<>(command);
    for (int i = 0; i < optionValues.length; i += 2) {
      if (optionValues[i + 1] != null) {
        args.add(optionValues[i]);
        args.add(optionValues[i + 1]);
      }
    }
    return args.toArray(String[]::new);
  }

  private static String pageSize(int size) {
    return Integer.toString(size);
  }

  @Override
  public CatalogInfo createCatalog(String name, String comment) {
    return json(CatalogInfo.class, withOptions(List.of("catalog", "create", name), "--comment", comment));
  }

  @Override
  public CatalogInfo getCatalog(String name) {
    return json(CatalogInfo.class, "catalog", "get", name);
  }

  @Override
  public List<CatalogInfo> listCatalogs(int pageSize) {
    return jsonList(CatalogInfo.class, "catalog", "list", "--max-results", pageSize(pageSize));
  }

  @Override
  public CatalogInfo updateCatalog(String name, String newName, String comment) {
    return json(CatalogInfo.class,
        withOptions(List.of("catalog", "update", name), "--new-name", newName, "--comment", comment));
  }

  @Override
  public void deleteCatalog(String name, boolean force) {
    if (force) {
      text("catalog", "delete", name, "--force");
    } else {
      text("catalog", "delete", name);
    }
  }

  @Override
  public SchemaInfo createSchema(String catalog, String name, String comment) {
    return json(SchemaInfo.class, withOptions(List.of("schema", "create", catalog + "." + name), "--comment", comment));
  }

  @Override
  public SchemaInfo getSchema(String fullName) {
    return json(SchemaInfo.class, "schema", "get", fullName);
  }

  @Override
  public List<SchemaInfo> listSchemas(String catalog, int pageSize) {
    return jsonList(SchemaInfo.class, "schema", "list", catalog, "--max-results", pageSize(pageSize));
  }

  @Override
  public SchemaInfo updateSchema(String fullName, String newName, String comment) {
    return json(SchemaInfo.class,
        withOptions(List.of("schema", "update", fullName), "--new-name", newName, "--comment", comment));
  }

  @Override
  public void deleteSchema(String fullName, boolean force) {
    if (force) {
      text("schema", "delete", fullName, "--force");
    } else {
      text("schema", "delete", fullName);
    }
  }

  @Override
  public TableInfo createTable(String catalog, String schema, String name, String location, List<Column> columns) {
    List<String> args = new ArrayList<>(List.of("table", "create", catalog + "." + schema + "." + name,
        "--location", location, "--format", "delta"));
    columns.forEach(c -> args.addAll(List.of("--column", c.name() + ":" + c.typeName().toLowerCase())));
    return json(TableInfo.class, args.toArray(String[]::new));
  }

  @Override
  public TableInfo getTable(String fullName) {
    return json(TableInfo.class, "table", "get", fullName);
  }

  @Override
  public List<TableInfo> listTables(String catalog, String schema, int pageSize) {
    return jsonList(TableInfo.class, "table", "list", catalog + "." + schema, "--max-results", pageSize(pageSize));
  }

  @Override
  public TableInfo updateTableOwner(String fullName, String owner) {
    return json(TableInfo.class, "table", "update", fullName, "--owner", owner);
  }

  @Override
  public void deleteTable(String fullName) {
    text("table", "delete", fullName);
  }

  @Override
  public VolumeInfo createVolume(String catalog, String schema, String name, String comment) {
    return json(VolumeInfo.class,
        withOptions(List.of("volume", "create", catalog + "." + schema + "." + name), "--comment", comment));
  }

  @Override
  public VolumeInfo getVolume(String fullName) {
    return json(VolumeInfo.class, "volume", "get", fullName);
  }

  @Override
  public List<VolumeInfo> listVolumes(String catalog, String schema, int pageSize) {
    return jsonList(VolumeInfo.class, "volume", "list", catalog + "." + schema, "--max-results", pageSize(pageSize));
  }

  @Override
  public VolumeInfo updateVolume(String fullName, String newName, String comment) {
    return json(VolumeInfo.class,
        withOptions(List.of("volume", "update", fullName), "--new-name", newName, "--comment", comment));
  }

  @Override
  public void deleteVolume(String fullName) {
    text("volume", "delete", fullName);
  }

  @Override
  public RegisteredModelInfo createModel(String catalog, String schema, String name, String comment) {
    return json(RegisteredModelInfo.class,
        withOptions(List.of("model", "create", catalog + "." + schema + "." + name), "--comment", comment));
  }

  @Override
  public RegisteredModelInfo getModel(String fullName) {
    return json(RegisteredModelInfo.class, "model", "get", fullName);
  }

  @Override
  public List<RegisteredModelInfo> listModels(String catalog, String schema, int pageSize) {
    return jsonList(RegisteredModelInfo.class, "model", "list", schema == null ? catalog : catalog + "." + schema,
        "--max-results", pageSize(pageSize));
  }

  @Override
  public RegisteredModelInfo updateModel(String fullName, String newName, String comment, String owner) {
    return json(RegisteredModelInfo.class,
        withOptions(List.of("model", "update", fullName), "--new-name", newName, "--comment", comment, "--owner", owner));
  }

  @Override
  public void deleteModel(String fullName, boolean force) {
    if (force) {
      text("model", "delete", fullName, "--force");
    } else {
      text("model", "delete", fullName);
    }
  }

  @Override
  public ModelVersionInfo createModelVersion(String catalog, String schema, String model, String source) {
    return json(ModelVersionInfo.class, "model", "create-version", catalog + "." + schema + "." + model, "--source", source);
  }

  @Override
  public List<ModelVersionInfo> listModelVersions(String fullName, int pageSize) {
    return jsonList(ModelVersionInfo.class, "model", "versions", fullName, "--max-results", pageSize(pageSize));
  }

  @Override
  public ModelVersionInfo finalizeModelVersion(String fullName, long version) {
    return json(ModelVersionInfo.class, "model", "finalize", fullName, Long.toString(version));
  }

  @Override
  public FunctionInfo createFunction(String catalog, String schema, String name, String parameter, String body) {
    return json(FunctionInfo.class, "function", "create", catalog + "." + schema + "." + name,
        "--param", parameter + ":string", "--returns", "boolean", "--body", body);
  }

  @Override
  public FunctionInfo getFunction(String fullName) {
    return json(FunctionInfo.class, "function", "get", fullName);
  }

  @Override
  public List<FunctionInfo> listFunctions(String catalog, String schema, int pageSize) {
    return jsonList(FunctionInfo.class, "function", "list", catalog + "." + schema, "--max-results", pageSize(pageSize));
  }

  @Override
  public void deleteFunction(String fullName) {
    text("function", "delete", fullName);
  }

  private static String[] concat(List<String> head, List<String> tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(tail);
    return all.toArray(String[]::new);
  }

  @Override
  public List<PrivilegeAssignment> grant(String type, String fullName, String principal, List<String> privileges) {
    return jsonList(PrivilegeAssignment.class, concat(List.of("grant", type, fullName, principal), privileges));
  }

  @Override
  public List<PrivilegeAssignment> revoke(String type, String fullName, String principal, List<String> privileges) {
    return jsonList(PrivilegeAssignment.class, concat(List.of("revoke", type, fullName, principal), privileges));
  }

  @Override
  public List<PrivilegeAssignment> showGrants(String type, String fullName) {
    return jsonList(PrivilegeAssignment.class, "grants", "show", type, fullName);
  }

  @Override
  public SqlResult sql(String script) {
    return json(SqlResult.class, "sql", script);
  }

  @Override
  public Identity whoami() {
    return json(Identity.class, "whoami");
  }

  @Override
  public CreatedToken createToken(String comment) {
    return json(CreatedToken.class, "token", "create", "--comment", comment);
  }

  @Override
  public List<TokenInfo> listTokens() {
    return jsonList(TokenInfo.class, "token", "list");
  }

  @Override
  public void revokeToken(String tokenId) {
    text("token", "revoke", tokenId);
  }
}
