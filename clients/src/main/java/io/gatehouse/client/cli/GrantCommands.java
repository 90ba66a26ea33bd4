package io.gatehouse.client.cli;

import io.gatehouse.client.SecurableType;
import io.gatehouse.client.model.EffectiveAssignment;
import io.gatehouse.client.model.EffectivePrivilege;
import io.gatehouse.client.model.PrivilegeAssignment;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code grant}, {@code revoke} and {@code grants show}: the permissions API. */
final class GrantCommands {
  static final List<Output.Column<PrivilegeAssignment>> COLUMNS = List.of(
      Output.Column.of("PRINCIPAL", PrivilegeAssignment::principal),
      Output.Column.of("PRIVILEGES", PrivilegeAssignment::privileges));

  private GrantCommands() {}

  static SecurableType type(String text) {
    try {
      return SecurableType.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** Privileges as the user wrote them: {@code SELECT}, {@code "USE CATALOG"}, {@code use_catalog}, or comma lists. */
  static List<String> privileges(List<String> written) {
    List<String> result = new ArrayList<>();
    for (String w : written) {
      for (String p : w.split(",")) {
        if (!p.isBlank()) {
          result.add(p.strip());
        }
      }
    }
    if (result.isEmpty()) {
      throw new CliException("Name at least one privilege.");
    }
    return result;
  }

  @Command(name = "grant", description = {
      "Grant privileges on a securable to a principal (user, group or service principal).",
      "E.g. grant table main.sales.orders alice@example.com SELECT",
      "     grant catalog main analysts \"USE CATALOG\" USE_SCHEMA"})
  static final class Grant implements Runnable {
    @ParentCommand RootCommand root;
    @Parameters(index = "0", paramLabel = "TYPE", description = "metastore, catalog, schema, table, volume or function.") String type;
    @Parameters(index = "1", paramLabel = "FULL_NAME") String fullName;
    @Parameters(index = "2", paramLabel = "PRINCIPAL") String principal;
    @Parameters(index = "3..*", arity = "1..*", paramLabel = "PRIVILEGE") List<String> privileges;

    @Override
    public void run() {
      List<PrivilegeAssignment> after = root.client().permissions().grant(type(type), fullName, principal, privileges(privileges));
      root.output().list(after, COLUMNS);
    }
  }

  @Command(name = "revoke", description = {
      "Revoke privileges on a securable from a principal.",
      "E.g. revoke table main.sales.orders alice@example.com SELECT"})
  static final class Revoke implements Runnable {
    @ParentCommand RootCommand root;
    @Parameters(index = "0", paramLabel = "TYPE") String type;
    @Parameters(index = "1", paramLabel = "FULL_NAME") String fullName;
    @Parameters(index = "2", paramLabel = "PRINCIPAL") String principal;
    @Parameters(index = "3..*", arity = "1..*", paramLabel = "PRIVILEGE") List<String> privileges;

    @Override
    public void run() {
      List<PrivilegeAssignment> after = root.client().permissions().revoke(type(type), fullName, principal, privileges(privileges));
      root.output().list(after, COLUMNS);
    }
  }

  @Command(name = "grants", description = "Show the grants on a securable.")
  static final class Grants {
    @ParentCommand RootCommand root;

    @Command(name = "show", description = {
        "Show the grants on a securable: every grant if you may manage it, else yours and your groups'.",
        "With --effective, the privileges in force, inherited ones with where they come from."})
    void show(
        @Parameters(index = "0", paramLabel = "TYPE") String type,
        @Parameters(index = "1", paramLabel = "FULL_NAME") String fullName,
        @Option(names = "--principal", description = "Only this principal's grants.") String principal,
        @Option(names = "--effective") boolean effective) {
      if (!effective) {
        root.output().list(root.client().permissions().get(type(type), fullName, principal), COLUMNS);
        return;
      }
      List<EffectiveAssignment> assignments = root.client().permissions().effective(type(type), fullName, principal);
      if (root.output().format() == Output.Format.JSON) {
        root.output().json(assignments);
        return;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"PRINCIPAL", "PRIVILEGE", "INHERITED_FROM", "DENY"});
      for (EffectiveAssignment a : assignments) {
        for (EffectivePrivilege p : a.privileges()) {
          String from = p.inheritedFromType() == null ? "" : p.inheritedFromType().toLowerCase(java.util.Locale.ROOT)
              + " " + p.inheritedFromName();
          rows.add(new String[] {a.principal(), p.privilege(), from, Boolean.TRUE.equals(p.deny()) ? "deny" : ""});
        }
      }
      root.output().table(rows);
    }
  }
}
