package io.gatehouse.client.cli;

import io.gatehouse.client.model.CreateFunction;
import io.gatehouse.client.model.FunctionInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "function", description = "Create, show, list, change and delete SQL functions (catalog.schema.function).")
final class FunctionCommand {
  static final List<Output.Column<FunctionInfo>> COLUMNS = List.of(
      Output.Column.of("FULL_NAME", FunctionInfo::fullName),
      Output.Column.of("DATA_TYPE", FunctionInfo::fullDataType),
      Output.Column.of("OWNER", FunctionInfo::owner),
      Output.Column.of("ROUTINE_DEFINITION", FunctionInfo::routineDefinition));

  @ParentCommand RootCommand root;

  @Command(name = "create", description = {
      "Create a SQL function: --param NAME:TYPE (repeatable), --returns TYPE, --body EXPRESSION.",
      "E.g. function create main.s.is_eu --param region:string --returns boolean --body \"region = 'EU'\""})
  void create(
      @Parameters(paramLabel = "CATALOG.SCHEMA.FUNCTION") String fullName,
      @Option(names = "--param", paramLabel = "NAME:TYPE") List<String> params,
      @Option(names = "--returns", paramLabel = "TYPE", defaultValue = "string") String returns,
      @Option(names = "--body", paramLabel = "EXPRESSION", required = true) String body,
      @Option(names = "--comment") String comment) {
    String[] n = Names.object(fullName);
    List<CreateFunction.Parameter> parameters = new ArrayList<>();
    if (params != null) {
      params.forEach(p -> parameters.add(TypeSpec.parameter(p)));
    }
    root.output().object(root.client().functions().create(
        CreateFunction.sql(n[0], n[1], n[2], parameters, TypeSpec.parse(returns).type(), body, comment)));
  }

  @Command(name = "get", description = "Show a function.")
  void get(@Parameters(paramLabel = "CATALOG.SCHEMA.FUNCTION") String fullName) {
    Names.object(fullName);
    root.output().object(root.client().functions().get(fullName));
  }

  @Command(name = "list", description = "List the functions of a schema that you may see.")
  void list(
      @Parameters(paramLabel = "CATALOG.SCHEMA") String schema,
      @Option(names = "--max-results", paramLabel = "N", description = "Page size (all pages are read).") int pageSize) {
    String[] n = Names.schema(schema);
    root.output().list(root.client().functions().list(n[0], n[1], pageSize).toList(), COLUMNS);
  }

  @Command(name = "update", description = "Transfer a function's ownership.")
  void update(
      @Parameters(paramLabel = "CATALOG.SCHEMA.FUNCTION") String fullName,
      @Option(names = "--owner", required = true) String owner) {
    Names.object(fullName);
    root.output().object(root.client().functions().updateOwner(fullName, owner));
  }

  @Command(name = "delete", description = "Delete a function.")
  void delete(@Parameters(paramLabel = "CATALOG.SCHEMA.FUNCTION") String fullName) {
    Names.object(fullName);
    root.client().functions().delete(fullName);
    root.output().done("Deleted function " + fullName + ".", null);
  }
}
