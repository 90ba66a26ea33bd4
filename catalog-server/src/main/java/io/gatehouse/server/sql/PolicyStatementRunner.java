package io.gatehouse.server.sql;

import io.gatehouse.server.sql.PolicyApi.ColumnMaskOptions;
import io.gatehouse.server.sql.PolicyApi.FunctionArgument;
import io.gatehouse.server.sql.PolicyApi.MatchColumn;
import io.gatehouse.server.sql.PolicyApi.PolicyInfo;
import io.gatehouse.server.sql.PolicyApi.RowFilterOptions;
import io.gatehouse.server.sql.parse.Expression;
import io.gatehouse.server.sql.parse.QualifiedName;
import io.gatehouse.server.sql.parse.SecurableKind;
import io.gatehouse.server.sql.parse.Statement;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** CREATE POLICY, DROP POLICY, SHOW POLICIES and DESCRIBE POLICY, through {@link AttributePolicyService}. */
@ApplicationScoped
class PolicyStatementRunner {
  private final AttributePolicyService policies;

  PolicyStatementRunner(AttributePolicyService policies) {
    this.policies = policies;
  }

  Result create(Session session, Statement.CreatePolicy c) {
    List<FunctionArgument> using = new ArrayList<>();
    for (Expression e : c.using()) {
      using.add(e instanceof Expression.ColumnRef ref && ref.parts().size() == 1
          ? new FunctionArgument(ref.parts().get(0), null) : new FunctionArgument(null, e.toSql()));
    }
    List<MatchColumn> match = new ArrayList<>();
    for (Statement.MatchColumn m : c.matchColumns()) {
      match.add(new MatchColumn(m.condition(), m.alias()));
    }
    String function = Session.dotted(session.object(c.function()));
    PolicyInfo info = new PolicyInfo(null, c.name(), c.comment(), c.securable().name(), fullName(session, c.securable(), c.on()),
        c.rowFilter() ? PolicyApi.ROW_FILTER : PolicyApi.COLUMN_MASK, c.to(), c.except(), "TABLE", c.when(), match,
        c.rowFilter() ? new RowFilterOptions(function, using) : null,
        c.rowFilter() ? null : new ColumnMaskOptions(function, c.onColumn(), using), null, null, null, null, null);
    PolicyInfo created = policies.create(info, c.orReplace());
    return Result.status((c.orReplace() ? "Created or replaced" : "Created") + " policy " + created.name() + " on "
        + created.onSecurableType().toLowerCase(java.util.Locale.ROOT) + " " + created.onSecurableFullname() + ".");
  }

  Result create(Session session, Statement.CreateAccessPolicy c) {
    PolicyInfo info = new PolicyInfo(null, c.name(), c.comment(), c.securable().name(), fullName(session, c.securable(), c.on()),
        c.deny() ? PolicyApi.DENY : PolicyApi.GRANT, c.to(), c.except(), c.forKind(), c.when(), null, null, null,
        c.privileges(), null, null, null, null);
    PolicyInfo created = policies.create(info, c.orReplace());
    return Result.status((c.orReplace() ? "Created or replaced" : "Created") + " policy " + created.name() + " on "
        + created.onSecurableType().toLowerCase(java.util.Locale.ROOT) + " " + created.onSecurableFullname() + ".");
  }

  Result drop(Session session, Statement.DropPolicy d) {
    String on = fullName(session, d.securable(), d.on());
    policies.drop(d.securable().name(), on, d.name());
    return Result.status("Dropped policy " + d.name() + " on " + d.securable().name().toLowerCase(java.util.Locale.ROOT)
        + " " + on + ".");
  }

  Result show(Session session, Statement.ShowPolicies s) {
    // GRANT and DENY policies call no function: their privileges have a column of their own.
    Result.Builder rows = Result.rows("name", "policy_type", "on_securable_type", "on_securable", "function_name",
        "to_principals", "except_principals", "comment", "privileges");
    for (PolicyInfo p : policies.list(s.securable().name(), fullName(session, s.securable(), s.on()))) {
      rows.row(p.name(), type(p), p.onSecurableType(), p.onSecurableFullname(), p.privileges() == null ? function(p) : null,
          String.join(", ", p.toPrincipals()), p.exceptPrincipals() == null ? "" : String.join(", ", p.exceptPrincipals()),
          p.comment(), p.privileges() == null ? null : String.join(", ", p.privileges()));
    }
    return rows.build();
  }

  /** Property and value pairs, as Databricks' DESCRIBE POLICY reports them. */
  Result describe(Session session, Statement.DescribePolicy d) {
    PolicyInfo p = policies.get(d.securable().name(), fullName(session, d.securable(), d.on()), d.name());
    List<FunctionArgument> using = p.rowFilter() != null ? p.rowFilter().using()
        : p.columnMask() != null ? p.columnMask().using() : null;
    Result.Builder rows = Result.rows("info_name", "info_value")
        .row("Name", p.name())
        .row("On Securable Type", p.onSecurableType())
        .row("On Securable", p.onSecurableFullname())
        .row("To Principals", String.join(", ", p.toPrincipals()));
    if (p.exceptPrincipals() != null && !p.exceptPrincipals().isEmpty()) {
      rows.row("Except Principals", String.join(", ", p.exceptPrincipals()));
    }
    rows.row("For Securable Type", p.forSecurableType() == null ? "TABLE" : p.forSecurableType());
    if (p.whenCondition() != null) {
      rows.row("When", p.whenCondition());
    }
    if (p.matchColumns() != null && !p.matchColumns().isEmpty()) {
      rows.row("Match Columns", p.matchColumns().stream().map(m -> m.condition() + " AS " + m.alias())
          .collect(Collectors.joining(", ")));
    }
    rows.row("Policy Type", type(p));
    if (p.privileges() != null) {
      rows.row("Privileges", String.join(", ", p.privileges()));
    } else {
      rows.row("Function Name", function(p));
    }
    if (p.columnMask() != null) {
      rows.row("On Column", p.columnMask().onColumn());
    }
    if (using != null && !using.isEmpty()) {
      rows.row("Using Columns", using.stream().map(a -> a.alias() != null ? a.alias() : a.constant())
          .collect(Collectors.joining(", ")));
    }
    if (p.comment() != null) {
      rows.row("Comment", p.comment());
    }
    return rows.row("Created By", p.createdBy()).row("Created At", time(p.createdAt()))
        .row("Updated By", p.updatedBy()).row("Updated At", time(p.updatedAt())).build();
  }

  private static String type(PolicyInfo p) {
    return p.policyType().substring("POLICY_TYPE_".length());
  }

  /** The function of a filter or mask; the privileges of a GRANT or DENY policy. */
  private static String function(PolicyInfo p) {
    return p.rowFilter() != null ? p.rowFilter().functionName()
        : p.columnMask() != null ? p.columnMask().functionName() : String.join(", ", p.privileges());
  }

  private static String time(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis).toString();
  }

  private static String fullName(Session session, SecurableKind kind, QualifiedName name) {
    return switch (kind) {
      case CATALOG -> session.catalog(name);
      case SCHEMA -> Session.dotted(session.schema(name));
      default -> Session.dotted(session.object(name));
    };
  }
}
