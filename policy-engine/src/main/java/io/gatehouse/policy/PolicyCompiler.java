package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItem;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItemAccess;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyResource;
import org.apache.ranger.plugin.model.RangerPolicyDelta;
import org.apache.ranger.plugin.model.RangerServiceDef;
import org.apache.ranger.plugin.policyengine.RangerPluginContext;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngine;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineImpl;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineOptions;
import org.apache.ranger.plugin.util.ServicePolicies;

/**
 * Compiles the grants, row filters and column masks of a {@link GrantIndex} into Apache Ranger
 * policies, and builds the embedded Ranger engines that evaluate them.
 *
 * <p>A grant on a securable reaches the securable itself and, for a catalog or schema, every
 * current and future object below it. Ids are unique across the whole catalog, so a policy can
 * name a securable by its id alone:
 *
 * <ul>
 *   <li>What a grant gives on its own securable is an <em>own</em> policy, in an engine whose
 *       resources are flat ({@link GatehouseServiceDef#buildFlat}): {@code table = <id>}.
 *   <li>What it gives below is an <em>inherited</em> policy, in the engine of the depth of the
 *       objects reached: the resources down to them, with the granted securable's id at its level
 *       and {@code *} at every other ({@code catalog = *, schema = <id>, table = *}).
 * </ul>
 *
 * <p>Grants of one principal with the same access types in the same shape share a policy, which
 * lists their securables (at most {@link #IDS_PER_POLICY} per policy): a million grants become
 * policies counted by principals, not by securables; each granted id is held once in Ranger's
 * resource trie, and a request's candidates are the policies that name its object's id.
 * ALL PRIVILEGES becomes every access type but MANAGE. Denies become deny items of policies of
 * their own, which Ranger evaluates first and lets win over allow items; a deny in either engine
 * wins over an allow in the other ({@link PolicySnapshot}). Each row filter becomes a Ranger
 * row-filter policy on its table and each column mask a data-mask policy on its column.
 *
 * <p>A principal's policies are made from its grants alone. When grants change, only the
 * policies of the principals whose grants changed are compiled again, and Ranger's engines take
 * the difference as policy deltas ({@link #withDeltas}) instead of being built again.
 */
final class PolicyCompiler {
  /** Ranger's group of every user. */
  private static final String PUBLIC_GROUP = "public";
  /**
   * Ids listed by one policy. Ranger finds a request's candidate policies in a trie, then matches
   * each candidate's values one by one: fewer ids per policy cost memory (a policy evaluator is a
   * few kilobytes), more cost time on every decision ({@code PolicySnapshotMemoryBench} measures
   * both).
   */
  static final int IDS_PER_POLICY = 64;

  private PolicyCompiler() {}

  /**
   * Partitions of the access policies: {@link #INHERITED} for what grants give below catalogs and
   * schemas, {@code 0 .. OWN_SHARDS - 1} for what they give on their own securables, by the
   * securable's id. Each own partition has a Ranger engine of its own, so a grant change copies
   * the resource trie of one partition, not of every granted id (Ranger copies a trie whole to
   * apply a delta: about 100 MB at a million grants).
   */
  static final int INHERITED = -1;
  /**
   * Own partitions. More make a change cheaper and a principal's policies more numerous (a
   * policy per principal and partition at least, each evaluator a few kilobytes).
   */
  static final int OWN_SHARDS = 16;

  /** The own partition of securable {@code id}. */
  static int shardOf(String id) {
    int h = id.hashCode();
    return Math.floorMod(h ^ (h >>> 16), OWN_SHARDS);
  }

  /** The partitions a grant on {@code securable} gives policies in. */
  static List<Integer> partitionsOf(Securable securable) {
    return securable.type().children().isEmpty()
        ? List.of(shardOf(securable.id())) : List.of(shardOf(securable.id()), INHERITED);
  }

  /**
   * The access policies of one snapshot, by the principal whose grants they carry and by
   * partition, numbered from 1 and renumbered never: a change of one principal's grants in a
   * partition deletes its policies there and adds new ones under new ids ({@link #recompile}).
   * {@code grantLevel} holds, for each access policy id, the level in a request's path of the
   * securable whose grants it carries (0: the top), so a decision can name its grant.
   */
  record Access(Map<String, Map<Integer, List<RangerPolicy>>> byPrincipal, byte[] grantLevel, long nextId, int policies) {

    /** The level (0: the top of the path) of the securable whose grants access policy {@code id} carries. */
    int grantLevelOf(long id) {
      return grantLevel[(int) id];
    }

    /** Every principal's policies in {@code partition}. */
    List<RangerPolicy> policies(int partition) {
      List<RangerPolicy> result = new ArrayList<>();
      for (Map<Integer, List<RangerPolicy>> partitions : byPrincipal.values()) {
        result.addAll(partitions.getOrDefault(partition, List.of()));
      }
      return result;
    }

    /**
     * Whether ids handed out since the last whole compilation outnumber the live policies enough
     * that compiling everything again is due (each id costs a byte of {@code grantLevel} for good).
     */
    boolean worn() {
      return nextId > 2L * policies + 100_000;
    }
  }

  /** The row-filter and data-mask policies of one snapshot, and which filter or mask each was compiled from. */
  record Data(List<RangerPolicy> policies, Map<Long, RowFilter> rowFilterOfPolicy, Map<Long, ColumnMask> maskOfPolicy) {}

  /** Access policies after some principals' grants changed: the new set, and by partition what Ranger's engines must drop and add. */
  record Recompiled(Access access, Map<Integer, List<RangerPolicy>> removed, Map<Integer, List<RangerPolicy>> added) {}

  /**
   * What one principal's grants share a policy by: the kind of object reached (the granted
   * securables themselves when {@code own}), the level of the granted securables in the path, and
   * the access types given, or denied.
   */
  private record Shape(boolean own, SecurableType reached, int level, String principal, boolean deny, List<String> accessTypes) {
    /** The policy's resources, each with {@code *} but the one that lists the ids. */
    Map<String, RangerPolicyResource> resources(List<String> ids) {
      if (own) {
        return new HashMap<>(Map.of(reached.resourceName(), new RangerPolicyResource(ids, false, false)));
      }
      Map<String, RangerPolicyResource> resources = new HashMap<>();
      List<String> names = reached.resourcePath();
      for (int i = 0; i < names.size(); i++) {
        resources.put(names.get(i), i == level ? new RangerPolicyResource(ids, false, false) : new RangerPolicyResource("*"));
      }
      return resources;
    }
  }

  /** The access policies of every grant of {@code index}. */
  static Access compile(GrantIndex index) {
    Map<String, Map<Integer, List<RangerPolicy>>> byPrincipal = new HashMap<>();
    Levels levels = new Levels(new byte[1024], 1);
    int count = 0;
    for (String principal : index.principals()) {
      Map<Integer, List<Grant>> byPartition = new HashMap<>();
      for (Grant g : index.grantsOf(principal)) {
        for (int partition : partitionsOf(g.securable())) {
          byPartition.computeIfAbsent(partition, k -> new ArrayList<>()).add(g);
        }
      }
      Map<Integer, List<RangerPolicy>> partitions = new HashMap<>();
      for (Map.Entry<Integer, List<Grant>> entry : byPartition.entrySet()) {
        List<RangerPolicy> policies = policiesOf(entry.getKey(), entry.getValue(), levels);
        if (!policies.isEmpty()) {
          partitions.put(entry.getKey(), policies);
          count += policies.size();
        }
      }
      byPrincipal.put(principal, Map.copyOf(partitions));
    }
    return new Access(Map.copyOf(byPrincipal), levels.bytes(), levels.next, count);
  }

  /**
   * {@code before} with the policies of each principal of {@code changed} compiled again from
   * {@code index} in the partitions named: every other policy is kept as it is, under its id.
   */
  static Recompiled recompile(Access before, GrantIndex index, Map<String, Set<Integer>> changed) {
    Map<String, Map<Integer, List<RangerPolicy>>> byPrincipal = new HashMap<>(before.byPrincipal());
    Levels levels = new Levels(before.grantLevel().clone(), before.nextId());
    Map<Integer, List<RangerPolicy>> removed = new HashMap<>();
    Map<Integer, List<RangerPolicy>> added = new HashMap<>();
    int count = before.policies();
    for (Map.Entry<String, Set<Integer>> entry : changed.entrySet()) {
      String principal = entry.getKey();
      Map<Integer, List<RangerPolicy>> partitions = new HashMap<>(byPrincipal.getOrDefault(principal, Map.of()));
      List<Grant> grants = index.grantsOf(principal);
      for (int partition : entry.getValue()) {
        List<RangerPolicy> old = partitions.remove(partition);
        if (old != null) {
          removed.computeIfAbsent(partition, k -> new ArrayList<>()).addAll(old);
          count -= old.size();
        }
        List<Grant> inPartition = new ArrayList<>();
        for (Grant g : grants) {
          if (partitionsOf(g.securable()).contains(partition)) {
            inPartition.add(g);
          }
        }
        List<RangerPolicy> policies = policiesOf(partition, inPartition, levels);
        if (!policies.isEmpty()) {
          partitions.put(partition, policies);
          added.computeIfAbsent(partition, k -> new ArrayList<>()).addAll(policies);
          count += policies.size();
        }
      }
      if (partitions.isEmpty()) {
        byPrincipal.remove(principal);
      } else {
        byPrincipal.put(principal, Map.copyOf(partitions));
      }
    }
    return new Recompiled(new Access(Map.copyOf(byPrincipal), levels.bytes(), levels.next, count), removed, added);
  }

  /** Access policy ids handed out, and the grant level of each. */
  private static final class Levels {
    private byte[] bytes;
    private long next;

    Levels(byte[] bytes, long next) {
      this.bytes = bytes;
      this.next = next;
    }

    long add(int level) {
      if (next >= bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, (int) Math.max(next + 1, bytes.length * 2L));
      }
      bytes[(int) next] = (byte) level;
      return next++;
    }

    byte[] bytes() {
      return java.util.Arrays.copyOf(bytes, (int) next);
    }
  }

  /**
   * The policies of one principal's grants in one partition (own: what they give on their own
   * securables; {@link #INHERITED}: what they give below them), numbered by {@code levels}.
   */
  private static List<RangerPolicy> policiesOf(int partition, List<Grant> grants, Levels levels) {
    Map<Securable, List<Grant>> bySecurable = new LinkedHashMap<>();
    for (Grant g : grants) {
      bySecurable.computeIfAbsent(g.securable(), k -> new ArrayList<>()).add(g);
    }
    Map<Shape, List<String>> idsByShape = new HashMap<>();
    for (Map.Entry<Securable, List<Grant>> entry : bySecurable.entrySet()) {
      Securable securable = entry.getKey();
      int level = securable.path().size() - 1;
      if (partition == INHERITED) {
        addDescendants(entry.getValue(), securable.type(), level, securable.id(), idsByShape);
      } else {
        addShapes(entry.getValue(), securable.type(), true, level, securable.id(), idsByShape);
      }
    }
    List<RangerPolicy> policies = new ArrayList<>();
    for (Map.Entry<Shape, List<String>> entry : idsByShape.entrySet()) {
      Shape shape = entry.getKey();
      List<String> ids = entry.getValue();
      ids.sort(null);
      for (int from = 0; from < ids.size(); from += IDS_PER_POLICY) {
        List<String> chunk = List.copyOf(ids.subList(from, Math.min(ids.size(), from + IDS_PER_POLICY)));
        policies.add(policy(levels.add(shape.level()), shape, chunk));
      }
    }
    return List.copyOf(policies);
  }

  /** The row-filter and data-mask policies of {@code index}, numbered from 1 (they have an engine of their own). */
  static Data compileData(GrantIndex index) {
    List<RangerPolicy> dataPolicies = new ArrayList<>();
    long id = 1;
    Map<Long, RowFilter> filters = new HashMap<>();
    for (RowFilter filter : index.rowFilters()) {
      dataPolicies.add(rowFilterPolicy(id, filter));
      filters.put(id++, filter);
    }
    Map<Long, ColumnMask> masksById = new HashMap<>();
    for (ColumnMask mask : index.masks()) {
      dataPolicies.add(maskPolicy(id, mask));
      masksById.put(id++, mask);
    }
    return new Data(List.copyOf(dataPolicies), Map.copyOf(filters), Map.copyOf(masksById));
  }

  /**
   * The shapes of the grants on a securable for the objects of each hierarchy below it ({@code *}
   * at the lower levels), carrying only the privileges that are checked on that kind of object.
   */
  private static void addDescendants(
      List<Grant> grants, SecurableType type, int level, String id, Map<Shape, List<String>> out) {
    for (SecurableType child : type.children()) {
      addShapes(grants, child, false, level, id, out);
      addDescendants(grants, child, level, id, out);
    }
  }

  /**
   * Adds {@code id} to the shape of each grantee's grants, and of its denies, on objects of
   * {@code reached}: the granted securable itself when {@code own}.
   */
  private static void addShapes(
      List<Grant> grants, SecurableType reached, boolean own, int level, String id, Map<Shape, List<String>> out) {
    for (boolean deny : new boolean[] {false, true}) {
      access(grants, own ? null : reached, deny).forEach((principal, accessTypes) ->
          out.computeIfAbsent(new Shape(own, reached, level, principal, deny, accessTypes), k -> new ArrayList<>()).add(id));
    }
  }

  /**
   * Per grantee, the access types its grants (or denies) give on objects of {@code type} (null:
   * the securable itself), in the order of {@link Privilege}.
   */
  private static Map<String, List<String>> access(List<Grant> grants, SecurableType type, boolean deny) {
    Map<String, java.util.EnumSet<Privilege>> held = new LinkedHashMap<>();
    for (Grant g : grants) {
      if (g.deny() == deny) {
        for (Privilege p : privilegesGiven(g.privilege(), type)) {
          held.computeIfAbsent(g.principal(), k -> java.util.EnumSet.noneOf(Privilege.class)).add(p);
        }
      }
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    held.forEach((principal, privileges) -> {
      if (!privileges.isEmpty()) {
        result.put(principal, privileges.stream().map(Privilege::accessType).toList());
      }
    });
    return result;
  }

  /** Privileges a grant of {@code privilege} gives on objects of {@code type} (null: its own securable). */
  private static List<Privilege> privilegesGiven(Privilege privilege, SecurableType type) {
    List<Privilege> result = new ArrayList<>();
    if (privilege == Privilege.ALL_PRIVILEGES) {
      for (Privilege p : Privilege.values()) {
        if (p.impliedByAll() && (type == null || p.checkedOn(type))) {
          result.add(p);
        }
      }
    } else if (type == null || privilege.checkedOn(type)) {
      result.add(privilege);
    }
    return result;
  }

  private static RangerPolicy policy(long id, Shape shape, List<String> ids) {
    RangerPolicy policy = basePolicy(id, "grants-", RangerPolicy.POLICY_TYPE_ACCESS, shape.resources(ids));
    policy.setServiceType(shape.own() ? GatehouseServiceDef.FLAT_NAME : GatehouseServiceDef.SERVICE_TYPE);
    List<RangerPolicyItem> items = List.of(item(shape.principal(), shape.accessTypes()));
    if (shape.deny()) {
      policy.setDenyPolicyItems(items);
    } else {
      policy.setPolicyItems(items);
    }
    return policy;
  }

  private static RangerPolicyItem item(String principal, List<String> accessTypes) {
    List<RangerPolicyItemAccess> accesses = new ArrayList<>();
    for (String accessType : accessTypes) {
      accesses.add(new RangerPolicyItemAccess(accessType, true));
    }
    // A grant names one principal; Ranger matches it as a user and as a group, since grantees
    // of either kind share one namespace here.
    return new RangerPolicyItem(accesses, List.of(principal), List.of(principal), null, null, false);
  }

  /**
   * A row filter applies to every reader, as in Databricks: the item names Ranger's {@code public}
   * group, and who is exempt is decided by the function body for the requesting principal.
   */
  private static RangerPolicy rowFilterPolicy(long id, RowFilter filter) {
    RangerPolicy policy = basePolicy(id, "row-filter-", RangerPolicy.POLICY_TYPE_ROWFILTER, tableResources(filter.table()));
    policy.setRowFilterPolicyItems(List.of(new RangerPolicy.RangerRowFilterPolicyItem(
        new RangerPolicy.RangerPolicyItemRowFilterInfo(filter.expression().source()),
        List.of(new RangerPolicyItemAccess(Privilege.SELECT.accessType(), true)),
        null, List.of(PUBLIC_GROUP), null, null, false)));
    return policy;
  }

  private static RangerPolicy maskPolicy(long id, ColumnMask mask) {
    Map<String, RangerPolicyResource> resources = tableResources(mask.table());
    resources.put("column", new RangerPolicyResource(mask.column()));
    RangerPolicy policy = basePolicy(id, "column-mask-", RangerPolicy.POLICY_TYPE_DATAMASK, resources);
    policy.setDataMaskPolicyItems(List.of(new RangerPolicy.RangerDataMaskPolicyItem(
        List.of(new RangerPolicyItemAccess(Privilege.SELECT.accessType(), true)),
        new RangerPolicy.RangerPolicyItemDataMaskInfo(GatehouseServiceDef.MASK_TYPE, null, mask.expression().source()),
        null, List.of(PUBLIC_GROUP), null, null, false)));
    return policy;
  }

  private static Map<String, RangerPolicyResource> tableResources(Securable table) {
    Map<String, RangerPolicyResource> resources = new HashMap<>();
    List<String> names = table.type().resourcePath();
    for (int i = 0; i < names.size(); i++) {
      resources.put(names.get(i), new RangerPolicyResource(table.path().get(i)));
    }
    return resources;
  }

  private static RangerPolicy basePolicy(long id, String prefix, int type, Map<String, RangerPolicyResource> resources) {
    RangerPolicy policy = new RangerPolicy();
    policy.setId(id);
    policy.setService(GatehouseServiceDef.SERVICE_NAME);
    policy.setServiceType(GatehouseServiceDef.SERVICE_TYPE);
    policy.setName(prefix + id);
    policy.setPolicyType(type);
    policy.setIsEnabled(true);
    policy.setIsAuditEnabled(false);
    policy.setResources(resources);
    return policy;
  }

  /** An embedded Ranger engine over {@code policies} of the hierarchical service definition. */
  static RangerPolicyEngine engine(long version, List<RangerPolicy> policies) {
    return engine(version, policies, GatehouseServiceDef.build());
  }

  /**
   * {@code engine} with {@code removed} policies dropped and {@code added} ones added, as Ranger
   * applies policy deltas: a new engine that shares the unchanged policies' evaluators with
   * {@code engine}, which stays as it was for the requests still using it.
   */
  static RangerPolicyEngine withDeltas(RangerPolicyEngine engine, long version, List<RangerPolicy> removed,
      List<RangerPolicy> added, RangerServiceDef serviceDef) {
    if (removed.isEmpty() && added.isEmpty()) {
      return engine;
    }
    List<RangerPolicyDelta> deltas = new ArrayList<>();
    long deltaId = 1;
    for (RangerPolicy policy : removed) {
      deltas.add(new RangerPolicyDelta(deltaId++, RangerPolicyDelta.CHANGE_TYPE_POLICY_DELETE, version, policy));
    }
    for (RangerPolicy policy : added) {
      deltas.add(new RangerPolicyDelta(deltaId++, RangerPolicyDelta.CHANGE_TYPE_POLICY_CREATE, version, policy));
    }
    ServicePolicies servicePolicies = new ServicePolicies();
    servicePolicies.setServiceName(GatehouseServiceDef.SERVICE_NAME);
    servicePolicies.setServiceDef(serviceDef);
    servicePolicies.setPolicyVersion(version);
    servicePolicies.setPolicyDeltas(deltas);
    RangerPolicyEngine next = RangerPolicyEngineImpl.getPolicyEngine((RangerPolicyEngineImpl) engine, servicePolicies);
    if (next == null || next == engine) {
      throw new IllegalStateException("Ranger refused the policy deltas of version " + version);
    }
    return next;
  }

  /** An embedded Ranger engine over {@code policies}: no admin, tags, roles, enrichers or audit. */
  static RangerPolicyEngine engine(long version, List<RangerPolicy> policies, RangerServiceDef serviceDef) {
    ServicePolicies servicePolicies = new ServicePolicies();
    servicePolicies.setServiceName(GatehouseServiceDef.SERVICE_NAME);
    servicePolicies.setServiceDef(serviceDef);
    servicePolicies.setPolicies(policies);
    servicePolicies.setPolicyVersion(version);
    RangerPolicyEngineOptions options = new RangerPolicyEngineOptions();
    options.disableContextEnrichers = true;
    options.disableCustomConditions = true;
    options.disableTagPolicyEvaluation = true;
    options.disablePolicyRefresher = true;
    options.disableTagRetriever = true;
    options.disableUserStoreRetriever = true;
    options.disableRoleResolution = true;
    options.cacheAuditResults = false;
    RangerPluginConfig config =
        new RangerPluginConfig(
            GatehouseServiceDef.SERVICE_TYPE, GatehouseServiceDef.SERVICE_NAME, "gatehouse", null, null, options);
    return new RangerPolicyEngineImpl(servicePolicies, new RangerPluginContext(config), null);
  }
}
