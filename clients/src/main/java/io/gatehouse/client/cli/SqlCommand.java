package io.gatehouse.client.cli;

import io.gatehouse.client.model.SqlResult;
import io.gatehouse.client.model.StatementResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sql", description = {
    "Run a script of SQL statements (Databricks syntax, docs/sql.md) in one transaction.",
    "  gatehouse sql \"GRANT SELECT ON TABLE main.s.t TO `analysts`\"",
    "  gatehouse sql -f script.sql       (-f - reads the script from standard input)"})
final class SqlCommand implements Runnable {
  @ParentCommand RootCommand root;

  @Parameters(arity = "0..1", paramLabel = "STATEMENTS") String script;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the script from FILE ('-': standard input).")
  String file;

  @Option(names = "--catalog", description = "Default catalog for one- and two-part names.") String catalog;

  @Option(names = "--schema", description = "Default schema for one-part names.") String schema;

  @Override
  public void run() {
    if ((script == null) == (file == null)) {
      throw new CliException("Give the statements either as an argument or with -f FILE, not both or neither.");
    }
    String text = script != null ? script : read(file);
    SqlResult result = root.client().sql().execute(text, catalog, schema);
    Output out = root.output();
    if (out.format() == Output.Format.JSON) {
      out.json(result);
      return;
    }
    boolean first = true;
    for (StatementResult r : result.results()) {
      if (!first && r.columns() != null) {
        out.line("");
      }
      first = false;
      if (r.columns() == null) {
        out.line(r.status() != null ? r.status() : "OK");
        continue;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(r.columns().stream().map(c -> c.name()).toArray(String[]::new));
      if (r.rows() != null) {
        for (List<String> row : r.rows()) {
          rows.add(row.stream().map(v -> v == null ? "NULL" : v.replace('\n', ' ')).toArray(String[]::new));
        }
      }
      out.table(rows);
    }
  }

  private String read(String name) {
    try {
      if (name.equals("-")) {
        return new String(root.terminal.in().readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("Cannot read the script " + name + ": " + e.getMessage());
    }
  }
}
