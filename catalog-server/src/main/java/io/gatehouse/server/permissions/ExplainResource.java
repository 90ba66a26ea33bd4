package io.gatehouse.server.permissions;

import io.gatehouse.policy.AccessCheck;
import io.gatehouse.policy.Decision;
import io.gatehouse.policy.Privilege;
import io.gatehouse.policy.Subject;
import io.gatehouse.policy.Target;
import io.gatehouse.server.authz.ActsForEndUsers;
import io.gatehouse.server.authz.Authorizer;
import io.gatehouse.server.authz.Operation;
import io.gatehouse.server.authz.Performs;
import io.gatehouse.server.catalog.SecurableResolver.Resolved;
import io.gatehouse.server.catalog.SecurableResolver;
import io.gatehouse.server.common.GatehouseException;
import io.gatehouse.server.common.Validation;
import io.gatehouse.server.identity.BootstrapConfig;
import io.gatehouse.server.identity.CallerContext;
import io.gatehouse.server.identity.Memberships;
import io.gatehouse.server.identity.PrincipalEntity;
import io.gatehouse.server.permissions.PermissionsApi.Explanation;
import io.gatehouse.server.permissions.PermissionsApi.Holder;
import io.gatehouse.server.permissions.PermissionsApi.WhoCan;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Why a principal may or may not do something ({@code explain}), and who may ({@code who-can}).
 * A caller may explain its own access; explaining another principal's, and asking who-can, is
 * for those who may manage the object.
 */
@ActsForEndUsers
@Path("/api/gatehouse/v1/authz")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authorization")
public class ExplainResource {
  private final SecurableResolver resolver;
  private final Authorizer authorizer;
  private final CallerContext caller;
  private final Memberships memberships;
  private final BootstrapConfig bootstrap;

  ExplainResource(
      SecurableResolver resolver, Authorizer authorizer, CallerContext caller,
      Memberships memberships, BootstrapConfig bootstrap) {
    this.resolver = resolver;
    this.authorizer = authorizer;
    this.caller = caller;
    this.memberships = memberships;
    this.bootstrap = bootstrap;
  }

  @GET
  @Path("explain")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Performs(Operation.EXPLAIN)
  public Explanation explain(
      @QueryParam("principal") String principal,
      @QueryParam("privilege") String privilegeName,
      @QueryParam("securable_type") String type,
      @QueryParam("full_name") String fullName) {
    Privilege privilege = privilege(privilegeName);
    Resolved r = resolver.resolve(Validation.required("securable_type", type, 64), Validation.required("full_name", fullName, 1024));
    String who = principal == null || principal.isBlank() ? caller.name() : principal;
    if (!who.equalsIgnoreCase(caller.name())) {
      authorizer.require(Operation.EXPLAIN, r.target());
    }
    Subject subject = subjectOf(who);
    var snapshot = authorizer.snapshot();
    Decision d = AccessCheck.has(snapshot, subject, privilege, r.target());
    String decidedBy = null;
    if (!d.allowed() && d.reason().startsWith("denied by policy ")) {
      var a = snapshot.attributePolicies().denyOrNull(subject, privilege, r.target().securable());
      decidedBy = a == null ? null : "policy " + a.policy();
    } else if (d.allowed() && d.reason().startsWith("granted by policy ")) {
      var a = snapshot.attributePolicies().grantOrNull(subject, privilege, r.target().securable());
      decidedBy = a == null ? null : "policy " + a.policy();
    }
    return new Explanation(subject.name(), privilege.sqlName(), r.type().apiName(), fullName, d.allowed(), d.reason(), d.basis(),
        decidedBy);
  }

  @GET
  @Path("who-can")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Performs(Operation.WHO_CAN)
  public WhoCan whoCan(
      @QueryParam("privilege") String privilegeName,
      @QueryParam("securable_type") String type,
      @QueryParam("full_name") String fullName) {
    Privilege privilege = privilege(privilegeName);
    Resolved r = resolver.resolve(Validation.required("securable_type", type, 64), Validation.required("full_name", fullName, 1024));
    Target target = r.target();
    authorizer.require(Operation.WHO_CAN, target);
    List<Holder> holders = new ArrayList<>();
    holders.add(new Holder(bootstrap.adminGroup(), "metastore admins"));
    boolean ownerExempt = privilege == Privilege.EXTERNAL_USE_SCHEMA && r.type() == io.gatehouse.policy.SecurableType.SCHEMA;
    if (!ownerExempt && target.owner() != null) {
      holders.add(new Holder(target.owner(), "owner of " + target.describe(target.securable())));
    }
    for (var g : authorizer.snapshot().grantsGiving(privilege, target.securable())) {
      holders.add(new Holder(g.principal(), g.privilege().sqlName() + " on " + target.describe(g.securable())));
    }
    // A deny wins over all of the above except the admins: those it names are listed apart.
    List<Holder> denied = new ArrayList<>();
    for (var g : authorizer.snapshot().deniesOf(privilege, target.securable())) {
      denied.add(new Holder(g.principal(), g.describe(target.describe(g.securable()))));
    }
    // GRANT and DENY policies whose condition matches the object or a container above it.
    for (var a : authorizer.snapshot().attributePolicies().accessOn(target.securable())) {
      if (!a.covers(privilege)) {
        continue;
      }
      String via = a.describe(target.describe(a.securable()))
          + (a.principals().except().isEmpty() ? "" : ", except " + String.join(", ", a.principals().except()));
      for (String principal : a.principals().to()) {
        (a.deny() ? denied : holders).add(new Holder(principal, via));
      }
    }
    return new WhoCan(privilege.sqlName(), r.type().apiName(), fullName, holders, denied);
  }

  /**
   * The row filter and column masks a principal's reads of a table are subject to, as SQL that
   * engines apply: the function bodies bound to the table's columns, with the reader's identity
   * settled ({@code current_user()}, {@code is_account_group_member(...)}). The caller's own
   * needs it to see the table beyond BROWSE; another principal's needs MANAGE on the table.
   */
  @GET
  @Path("data-policies")
  @Transactional(Transactional.TxType.SUPPORTS)
  @Performs(Operation.GET_DATA_POLICIES)
  public PermissionsApi.DataPolicies dataPolicies(
      @QueryParam("full_name") String fullName, @QueryParam("principal") String principal) {
    Resolved r = resolver.resolve("table", Validation.required("full_name", fullName, 1024));
    String who = principal == null || principal.isBlank() ? caller.name() : principal;
    if (who.equalsIgnoreCase(caller.name())) {
      // BROWSE alone is not enough: the answer is the bound bodies of filter and mask functions
      // (and the policies that chose them), which metadata-only access does not show.
      authorizer.require(Operation.GET_DATA_POLICIES, r.target(), false);
    } else {
      authorizer.requireManage(Operation.GET_DATA_POLICIES, r.target());
    }
    Subject subject = subjectOf(who);
    var snapshot = authorizer.snapshot();
    java.util.Map<String, String> decidedBy = new java.util.LinkedHashMap<>();
    String filter = snapshot.rowFilter(subject, r.target().securable()).map(f -> {
      decidedBy.put("row_filter", f.policy() == null ? "row filter " + f.function() + " of the table" : "policy " + f.policy());
      return f.expression().sqlFor(subject);
    }).orElse(null);
    java.util.Map<String, String> masks = new java.util.LinkedHashMap<>();
    // Loaded by the resolver in this session already: no second query.
    io.gatehouse.server.catalog.TableEntity table = io.gatehouse.server.catalog.TableEntity.findById(r.id());
    for (String column : columnNames(table.columns)) {
      snapshot.mask(subject, r.target().securable(), column).ifPresent(m -> {
        masks.put(column, m.expression().sqlFor(subject));
        decidedBy.put(column, m.policy() == null ? "mask " + m.function() + " of the column" : "policy " + m.policy());
      });
    }
    return new PermissionsApi.DataPolicies(fullName, subject.name(), snapshot.version(), filter, masks, decidedBy);
  }

  private static List<String> columnNames(String columnsJson) {
    List<String> names = new ArrayList<>();
    try {
      for (var c : new com.fasterxml.jackson.databind.ObjectMapper().readTree(columnsJson)) {
        names.add(c.path("name").asText());
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored columns are not JSON", e);
    }
    return names;
  }

  private Subject subjectOf(String name) {
    PrincipalEntity p = PrincipalEntity.findByName(name);
    if (p == null) {
      throw GatehouseException.notFound("Principal '" + Validation.printable(name) + "' does not exist.");
    }
    Set<String> groups = p.active ? memberships.effectiveGroupNames(p.id) : Set.of();
    boolean admin = groups.stream().anyMatch(g -> g.equalsIgnoreCase(bootstrap.adminGroup()));
    // Decided in the caller's workspace: what the principal could do from here.
    return new Subject(p.name, groups, admin, caller.workspace());
  }

  private static Privilege privilege(String name) {
    try {
      return Privilege.parse(Validation.required("privilege", name, 64));
    } catch (IllegalArgumentException e) {
      throw GatehouseException.invalid("Unknown privilege '" + Validation.printable(name) + "'.");
    }
  }
}
