package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ranger.authorization.hadoop.config.RangerPluginConfig;
import org.apache.ranger.plugin.contextenricher.RangerTagEnricher;
import org.apache.ranger.plugin.model.RangerPolicy;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItem;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyItemAccess;
import org.apache.ranger.plugin.model.RangerPolicy.RangerPolicyResource;
import org.apache.ranger.plugin.model.RangerServiceDef;
import org.apache.ranger.plugin.model.RangerServiceDef.RangerAccessTypeDef;
import org.apache.ranger.plugin.model.RangerServiceDef.RangerResourceDef;
import org.apache.ranger.plugin.model.RangerServiceResource;
import org.apache.ranger.plugin.model.RangerTag;
import org.apache.ranger.plugin.policyengine.RangerAccessRequestImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResourceImpl;
import org.apache.ranger.plugin.policyengine.RangerAccessResult;
import org.apache.ranger.plugin.policyengine.RangerPluginContext;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngine;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineImpl;
import org.apache.ranger.plugin.policyengine.RangerPolicyEngineOptions;
import org.apache.ranger.plugin.util.ServicePolicies;
import org.apache.ranger.plugin.util.ServiceTags;

/**
 * Compiles the GRANT and DENY policies of an {@link AttributePolicies} into Apache Ranger's
 * tag-based policies, and builds the Ranger engines and the tag enricher that decide them.
 *
 * <ul>
 *   <li><b>Tags.</b> Each policy has one synthetic tag, {@code gatehouse-policy-<n>}, put on every
 *       securable its condition matched when the snapshot was bound ({@code ServiceTags}: one
 *       service resource per bound securable, by the ids of its path, catalog down to itself).
 *       The condition (WHEN over the nearest value of each key, inherited from schema and catalog)
 *       is thereby decided exactly as {@link TagCondition} decides it; Ranger's own tag matching
 *       ({@code hasTagValue} with several values, inheritance by nearest value) could not say it.
 *   <li><b>Enricher.</b> A {@link RangerTagEnricher} over those {@code ServiceTags}, with no tag
 *       retriever (no admin, no download thread), puts on a request the tags of the securable and
 *       of its ancestors (Ranger's {@code SELF} and {@code ANCESTOR} matches): a policy bound to a
 *       schema reaches its tables, as a grant on the schema would.
 *   <li><b>Policies.</b> Each policy is one policy of a tag service ({@link #TAG_SERVICE_DEF}) on its
 *       tag: TO as the users and groups of an allow item (GRANT) or a deny item (DENY), EXCEPT as
 *       allow or deny exceptions, the privileges as access types (ALL PRIVILEGES with every
 *       privilege it implies). GRANT and DENY policies have an engine each, so that a GRANT policy
 *       is still found for a principal a DENY policy also names (explain and who-can show both;
 *       {@link AccessCheck} asks for the deny first).
 * </ul>
 *
 * <p>Principal names go to Ranger as {@code p:<name>} (lowercase, as {@link Subject} keeps them),
 * in the items and in the requests alike: Ranger gives its {@code public} group and its
 * {@code {USER}} and {@code {OWNER}} macros a meaning of their own, which a Gatehouse group so named
 * must not take.
 */
final class TagPolicyCompiler {
  static final String TAG_SERVICE_NAME = "gatehouse-tags";
  /** The tag service definition's name: Ranger caches what it derives from a definition by name. */
  static final String TAG_SERVICE_TYPE = "gatehouse-tag";
  /** The prefix of a synthetic policy tag. */
  static final String TAG_PREFIX = "gatehouse-policy-";
  /** Ranger's mask type that masks nothing: for EXCEPT. */
  private static final String MASK_NONE = "MASK_NONE";
  /** Prefix of every principal name given to Ranger. */
  private static final String PRINCIPAL_PREFIX = "p:";

  /**
   * Ranger's tag enricher logs an error at every {@code init()} without a tag retriever, which is
   * how it is used here on purpose (the tags come from the snapshot, not from a tag admin): at
   * every new version. Its log is turned off; what its errors would report (a service resource it
   * could not match) is checked after {@code setServiceTags} instead, and fails the compilation.
   */
  private static final java.util.logging.Logger ENRICHER_LOG = quiet(RangerTagEnricher.class.getName());

  private TagPolicyCompiler() {}

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.OFF);
    return logger;
  }

  /** The compiled GRANT and DENY policies: their engines, the enricher, and the policy of each Ranger policy id. */
  record Compiled(RangerPolicyEngine grants, RangerPolicyEngine denies, RangerPolicyEngine data, RangerTagEnricher enricher,
      RangerServiceDef serviceDef, Map<Long, String> policyOfId, Set<String> filterTags, Set<String> maskTags) {

    /** A request for {@code accessType} on {@code securable} (and {@code column}, or null), tagged by the enricher. */
    private RangerAccessRequestImpl request(Subject subject, String accessType, Securable securable, String column) {
      RangerAccessRequestImpl request = untagged(subject, accessType, securable, column);
      enricher.enrich(request);
      return request;
    }

    /** The same request without the enricher's tags. */
    private RangerAccessRequestImpl untagged(Subject subject, String accessType, Securable securable, String column) {
      RangerAccessResourceImpl resource = new RangerAccessResourceImpl();
      List<String> names = securable.type().resourcePath();
      for (int i = 0; i < names.size(); i++) {
        resource.setValue(names.get(i), securable.path().get(i));
      }
      if (column != null) {
        resource.setValue("column", column);
      }
      resource.setServiceDef(serviceDef);
      Set<String> groups = new java.util.HashSet<>();
      for (String g : subject.groups()) {
        groups.add(PRINCIPAL_PREFIX + g);
      }
      return new RangerAccessRequestImpl(
          resource, accessType, PRINCIPAL_PREFIX + subject.name(), groups, java.util.Collections.emptySet());
    }

    /**
     * Every row-filter ({@code column} null) or mask policy that Ranger finds applying to
     * {@code subject} on {@code table} (or its {@code column}), by name. Ranger's engine returns
     * one data policy per request; to find a conflict each policy tag the enricher put on the
     * request is evaluated on its own, which costs one evaluation when one policy covers it.
     */
    List<String> dataPolicies(Subject subject, Securable table, String column) {
      if (data == null) {
        return List.of();
      }
      int policyType = column == null ? RangerPolicy.POLICY_TYPE_ROWFILTER : RangerPolicy.POLICY_TYPE_DATAMASK;
      RangerAccessRequestImpl request = request(subject, Privilege.SELECT.accessType(), table, column);
      Set<org.apache.ranger.plugin.contextenricher.RangerTagForEval> tags =
          org.apache.ranger.plugin.util.RangerAccessRequestUtil.getRequestTagsFromContext(request.getContext());
      if (tags == null || tags.isEmpty()) {
        return List.of();
      }
      // The request also carries the tags of GRANT and DENY policies bound to the table or above,
      // and, for a column, the table's filter tags: only this kind's are asked about.
      Set<String> kind = column == null ? filterTags : maskTags;
      List<org.apache.ranger.plugin.contextenricher.RangerTagForEval> candidates = new ArrayList<>(1);
      for (org.apache.ranger.plugin.contextenricher.RangerTagForEval tag : tags) {
        if (kind.contains(tag.getType())) {
          candidates.add(tag);
        }
      }
      if (candidates.isEmpty()) {
        return List.of();
      }
      if (candidates.size() < tags.size()) {
        org.apache.ranger.plugin.util.RangerAccessRequestUtil.setRequestTagsInContext(
            request.getContext(), new java.util.HashSet<>(candidates));
      }
      List<String> applying = new ArrayList<>(1);
      for (org.apache.ranger.plugin.contextenricher.RangerTagForEval tag : candidates) {
        RangerAccessRequestImpl one = candidates.size() == 1 ? request : untagged(subject, Privilege.SELECT.accessType(), table, column);
        if (one != request) {
          org.apache.ranger.plugin.util.RangerAccessRequestUtil.setRequestTagsInContext(one.getContext(), Set.of(tag));
        }
        RangerAccessResult result = data.evaluatePolicies(one, policyType, null);
        boolean enabled = result != null && (column == null ? result.isRowFilterEnabled() : result.isMaskEnabled());
        if (enabled) {
          applying.add(policyOfId.get(result.getPolicyId()));
        }
      }
      return applying;
    }

    /**
     * The policy (its name) Ranger finds granting ({@code deny} false) or denying {@code privilege}
     * on {@code securable} to {@code subject}, or null.
     */
    String decide(Subject subject, Privilege privilege, Securable securable, boolean deny) {
      RangerPolicyEngine engine = deny ? denies : grants;
      if (engine == null) {
        return null;
      }
      RangerAccessRequestImpl request = request(subject, privilege.accessType(), securable, null);
      RangerAccessResult result = engine.evaluatePolicies(request, RangerPolicy.POLICY_TYPE_ACCESS, null);
      if (result == null || !result.getIsAccessDetermined() || result.getPolicyId() < 0 || result.getIsAllowed() == deny) {
        return null;
      }
      return policyOfId.get(result.getPolicyId());
    }
  }

  /** The tag service definition: the one resource {@code tag}, and one access type per privilege. */
  static RangerServiceDef tagServiceDef() {
    RangerServiceDef def = new RangerServiceDef();
    def.setId(100L);
    def.setName(TAG_SERVICE_TYPE);
    def.setImplClass("io.gatehouse.policy.TagPolicyCompiler");
    RangerResourceDef tag = new RangerResourceDef();
    tag.setItemId(1L);
    tag.setName("tag");
    tag.setType("string");
    tag.setLevel(1);
    tag.setParent("");
    tag.setMandatory(true);
    tag.setLookupSupported(false);
    tag.setRecursiveSupported(false);
    tag.setExcludesSupported(false);
    tag.setMatcher("org.apache.ranger.plugin.resourcematcher.RangerDefaultResourceMatcher");
    tag.setMatcherOptions(new HashMap<>(Map.of("wildCard", "false", "ignoreCase", "false")));
    tag.setIsValidLeaf(true);
    tag.setLabel("tag");
    tag.setDescription("tag");
    def.setResources(List.of(tag));
    List<RangerAccessTypeDef> accessTypes = new ArrayList<>();
    long id = 1;
    for (Privilege privilege : Privilege.values()) {
      // As Ranger's tag service names them: <component>:<access type>, normalized per component.
      accessTypes.add(new RangerAccessTypeDef(id++, GatehouseServiceDef.SERVICE_TYPE + ":" + privilege.accessType(),
          privilege.sqlName(), null, null));
    }
    def.setAccessTypes(accessTypes);
    RangerAccessTypeDef select = new RangerAccessTypeDef(1L,
        GatehouseServiceDef.SERVICE_TYPE + ":" + Privilege.SELECT.accessType(), "SELECT", null, null);
    // Ranger's stock tag service has no row-filter definition; this one has, on the same resource.
    def.setRowFilterDef(new RangerServiceDef.RangerRowFilterDef(List.of(select), List.of(tag)));
    def.setDataMaskDef(new RangerServiceDef.RangerDataMaskDef(List.of(
        new RangerServiceDef.RangerDataMaskTypeDef(1L, GatehouseServiceDef.MASK_TYPE, "Mask function", "the policy's mask function", null, null, null, null),
        new RangerServiceDef.RangerDataMaskTypeDef(2L, MASK_NONE, "No mask", "EXCEPT", null, null, null, null)),
        List.of(select), List.of(tag)));
    def.setOptions(new HashMap<>(Map.of("enableDenyAndExceptionsInPolicies", "true")));
    return def;
  }

  /**
   * Compiles the bindings of GRANT and DENY policies ({@code bindings}), row filters and masks;
   * null when there are none.
   */
  static Compiled compile(List<AttributePolicies.BoundAccess> bindings, List<AttributePolicies.BoundFilter> filters,
      List<AttributePolicies.BoundMask> masks) {
    if (bindings.isEmpty() && filters.isEmpty() && masks.isEmpty()) {
      return null;
    }
    // One tag per policy, by kind and name (the name, policy x on catalog c, is unique; the
    // principals and privileges are the policy's own).
    Map<PolicyKey, Long> tagOfPolicy = new LinkedHashMap<>();
    Map<String, Map<String, RangerPolicyResource>> resourceOfSecurable = new LinkedHashMap<>();
    Map<String, List<Long>> tagsOfSecurable = new HashMap<>();
    for (AttributePolicies.BoundAccess a : bindings) {
      tag(new PolicyKey(a.deny() ? Kind.DENY : Kind.GRANT, a.policy(), a.principals(), a.privileges()),
          a.securable(), null, tagOfPolicy, resourceOfSecurable, tagsOfSecurable);
    }
    for (AttributePolicies.BoundFilter f : filters) {
      tag(new PolicyKey(Kind.ROW_FILTER, f.policy(), f.principals(), Set.of()), f.filter().table(), null,
          tagOfPolicy, resourceOfSecurable, tagsOfSecurable);
    }
    for (AttributePolicies.BoundMask m : masks) {
      tag(new PolicyKey(Kind.MASK, m.policy(), m.principals(), Set.of()), m.mask().table(), m.mask().column(),
          tagOfPolicy, resourceOfSecurable, tagsOfSecurable);
    }
    ServiceTags serviceTags = new ServiceTags();
    serviceTags.setServiceName(GatehouseServiceDef.SERVICE_NAME);
    serviceTags.setTagVersion(1L);
    Map<Long, RangerTag> tags = new HashMap<>();
    tagOfPolicy.forEach((key, tagId) -> {
      RangerTag tag = new RangerTag(TAG_PREFIX + tagId, Map.of());
      tag.setId(tagId);
      tags.put(tagId, tag);
    });
    serviceTags.setTags(tags);
    serviceTags.setTagDefinitions(new HashMap<>());
    List<RangerServiceResource> resources = new ArrayList<>();
    Map<Long, List<Long>> resourceToTagIds = new HashMap<>();
    long resourceId = 1;
    for (Map.Entry<String, Map<String, RangerPolicyResource>> entry : resourceOfSecurable.entrySet()) {
      RangerServiceResource resource = new RangerServiceResource(entry.getKey(), GatehouseServiceDef.SERVICE_NAME, entry.getValue());
      resource.setId(resourceId);
      resources.add(resource);
      resourceToTagIds.put(resourceId++, tagsOfSecurable.get(entry.getKey()));
    }
    serviceTags.setServiceResources(resources);
    serviceTags.setResourceToTagIds(resourceToTagIds);

    RangerServiceDef serviceDef = GatehouseServiceDef.build();
    RangerTagEnricher enricher = new RangerTagEnricher();
    enricher.setServiceName(GatehouseServiceDef.SERVICE_NAME);
    enricher.setServiceDef(serviceDef);
    enricher.setAppId("gatehouse");
    enricher.init();
    enricher.setServiceTags(serviceTags);
    // A service resource Ranger could not make a matcher for would leave its tags off every
    // request: a DENY policy would not deny. Refuse the snapshot instead.
    RangerTagEnricher.EnrichedServiceTags enriched = enricher.getEnrichedServiceTags();
    if (enriched == null || enriched.getServiceResourceMatchers().size() != resources.size()) {
      throw new IllegalStateException("Ranger's tag enricher matched " + (enriched == null ? 0
          : enriched.getServiceResourceMatchers().size()) + " of " + resources.size() + " tagged securables");
    }

    List<RangerPolicy> grantPolicies = new ArrayList<>();
    List<RangerPolicy> denyPolicies = new ArrayList<>();
    List<RangerPolicy> dataPolicies = new ArrayList<>();
    Map<Long, String> policyOfId = new HashMap<>();
    Set<String> filterTags = new java.util.HashSet<>();
    Set<String> maskTags = new java.util.HashSet<>();
    tagOfPolicy.forEach((key, tagId) -> {
      switch (key.kind()) {
        case GRANT -> grantPolicies.add(tagPolicy(tagId, key));
        case DENY -> denyPolicies.add(tagPolicy(tagId, key));
        default -> dataPolicies.add(dataPolicy(tagId, key));
      }
      if (key.kind() == Kind.ROW_FILTER) {
        filterTags.add(TAG_PREFIX + tagId);
      } else if (key.kind() == Kind.MASK) {
        maskTags.add(TAG_PREFIX + tagId);
      }
      policyOfId.put(tagId, key.name());
    });
    return new Compiled(
        grantPolicies.isEmpty() ? null : engine(grantPolicies),
        denyPolicies.isEmpty() ? null : engine(denyPolicies),
        dataPolicies.isEmpty() ? null : engine(dataPolicies),
        enricher, serviceDef, Map.copyOf(policyOfId), Set.copyOf(filterTags), Set.copyOf(maskTags));
  }

  /** Puts the tag of {@code key} on {@code securable} (its {@code column}, when not null). */
  private static void tag(PolicyKey key, Securable securable, String column, Map<PolicyKey, Long> tagOfPolicy,
      Map<String, Map<String, RangerPolicyResource>> resourceOfSecurable, Map<String, List<Long>> tagsOfSecurable) {
    long tagId = tagOfPolicy.computeIfAbsent(key, k -> (long) tagOfPolicy.size() + 1);
    // Ids never hold '/', so a column's resource key cannot meet another securable's.
    String resourceKey = column == null ? securable.id() : securable.id() + "/" + column;
    resourceOfSecurable.computeIfAbsent(resourceKey, k -> {
      Map<String, RangerPolicyResource> elements = resourceElements(securable);
      if (column != null) {
        elements.put("column", new RangerPolicyResource(column));
      }
      return elements;
    });
    List<Long> tags = tagsOfSecurable.computeIfAbsent(resourceKey, k -> new ArrayList<>());
    if (!tags.contains(tagId)) {
      tags.add(tagId);
    }
  }

  /**
   * The tag policy of a row-filter or mask policy: EXCEPT first, with no filter or {@code MASK_NONE}
   * (Ranger takes the first item that names the reader), then TO. The filter or mask itself is
   * the one bound to the table or column Ranger was asked about (the function is bound per
   * table, to the columns its aliases matched there); Ranger decides whether it applies.
   */
  private static RangerPolicy dataPolicy(long id, PolicyKey key) {
    boolean filter = key.kind() == Kind.ROW_FILTER;
    RangerPolicy policy = new RangerPolicy();
    policy.setId(id);
    policy.setService(TAG_SERVICE_NAME);
    policy.setServiceType(TAG_SERVICE_TYPE);
    policy.setName((filter ? "row-filter-" : "mask-") + key.name() + "-" + id);
    policy.setPolicyType(filter ? RangerPolicy.POLICY_TYPE_ROWFILTER : RangerPolicy.POLICY_TYPE_DATAMASK);
    policy.setIsEnabled(true);
    policy.setIsAuditEnabled(false);
    policy.setResources(new HashMap<>(Map.of("tag", new RangerPolicyResource(TAG_PREFIX + id))));
    String select = GatehouseServiceDef.SERVICE_TYPE + ":" + Privilege.SELECT.accessType();
    List<Set<String>> order = key.principals().except().isEmpty()
        ? List.of(key.principals().to()) : List.of(key.principals().except(), key.principals().to());
    if (filter) {
      List<RangerPolicy.RangerRowFilterPolicyItem> items = new ArrayList<>();
      for (int i = 0; i < order.size(); i++) {
        boolean applies = i == order.size() - 1;
        List<String> names = prefixed(order.get(i));
        items.add(new RangerPolicy.RangerRowFilterPolicyItem(
            new RangerPolicy.RangerPolicyItemRowFilterInfo(applies ? "policy " + key.name() : ""),
            new ArrayList<>(List.of(new RangerPolicyItemAccess(select, true))),
            names, new ArrayList<>(names), null, null, false));
      }
      policy.setRowFilterPolicyItems(items);
    } else {
      List<RangerPolicy.RangerDataMaskPolicyItem> items = new ArrayList<>();
      for (int i = 0; i < order.size(); i++) {
        boolean applies = i == order.size() - 1;
        List<String> names = prefixed(order.get(i));
        items.add(new RangerPolicy.RangerDataMaskPolicyItem(
            new ArrayList<>(List.of(new RangerPolicyItemAccess(select, true))),
            new RangerPolicy.RangerPolicyItemDataMaskInfo(applies ? GatehouseServiceDef.MASK_TYPE : MASK_NONE, null, null),
            names, new ArrayList<>(names), null, null, false));
      }
      policy.setDataMaskPolicyItems(items);
    }
    return policy;
  }

  private static List<String> prefixed(Set<String> principals) {
    List<String> names = new ArrayList<>();
    for (String p : principals) {
      names.add(PRINCIPAL_PREFIX + p);
    }
    return names;
  }

  /** What a policy does. */
  enum Kind { GRANT, DENY, ROW_FILTER, MASK }

  /** What tells one policy from another among the bindings. */
  record PolicyKey(Kind kind, String name, AttributePolicies.Principals principals, Set<Privilege> privileges) {
    boolean deny() {
      return kind == Kind.DENY;
    }
  }

  /** A bound securable as a Ranger service resource: the ids of its path, catalog down to itself. */
  private static Map<String, RangerPolicyResource> resourceElements(Securable securable) {
    Map<String, RangerPolicyResource> elements = new HashMap<>();
    List<String> names = securable.type().resourcePath();
    for (int i = 0; i < names.size(); i++) {
      elements.put(names.get(i), new RangerPolicyResource(securable.path().get(i)));
    }
    return elements;
  }

  /** The tag policy of one GRANT or DENY policy, numbered as its tag. */
  private static RangerPolicy tagPolicy(long id, PolicyKey key) {
    RangerPolicy policy = new RangerPolicy();
    policy.setId(id);
    policy.setService(TAG_SERVICE_NAME);
    policy.setServiceType(TAG_SERVICE_TYPE);
    policy.setName((key.deny() ? "deny-" : "grant-") + key.name() + "-" + id);
    policy.setPolicyType(RangerPolicy.POLICY_TYPE_ACCESS);
    policy.setIsEnabled(true);
    policy.setIsAuditEnabled(false);
    policy.setResources(new HashMap<>(Map.of("tag", new RangerPolicyResource(TAG_PREFIX + id))));
    List<RangerPolicyItemAccess> accesses = new ArrayList<>();
    for (Privilege p : accessTypes(key.privileges())) {
      accesses.add(new RangerPolicyItemAccess(GatehouseServiceDef.SERVICE_TYPE + ":" + p.accessType(), true));
    }
    List<RangerPolicyItem> items = List.of(item(key.principals().to(), accesses));
    List<RangerPolicyItem> exceptions = key.principals().except().isEmpty()
        ? List.of() : List.of(item(key.principals().except(), accesses));
    if (key.deny()) {
      policy.setDenyPolicyItems(new ArrayList<>(items));
      policy.setDenyExceptions(new ArrayList<>(exceptions));
    } else {
      policy.setPolicyItems(new ArrayList<>(items));
      policy.setAllowExceptions(new ArrayList<>(exceptions));
    }
    return policy;
  }

  /** The privileges a policy's list covers: those named, and with ALL PRIVILEGES every one it implies. */
  private static Set<Privilege> accessTypes(Set<Privilege> privileges) {
    EnumSet<Privilege> result = EnumSet.noneOf(Privilege.class);
    result.addAll(privileges);
    if (privileges.contains(Privilege.ALL_PRIVILEGES)) {
      for (Privilege p : Privilege.values()) {
        if (p.impliedByAll()) {
          result.add(p);
        }
      }
    }
    return result;
  }

  /** An item naming {@code principals} (lowercase already) as users and as groups, as grants are. */
  private static RangerPolicyItem item(Set<String> principals, List<RangerPolicyItemAccess> accesses) {
    List<String> names = new ArrayList<>();
    for (String p : principals) {
      names.add(PRINCIPAL_PREFIX + p);
    }
    return new RangerPolicyItem(new ArrayList<>(accesses), new ArrayList<>(names), new ArrayList<>(names), null, null, false);
  }

  /** A Ranger engine with no resource policies and {@code tagPolicies} as the policies of its tag service. */
  private static RangerPolicyEngine engine(List<RangerPolicy> tagPolicies) {
    ServicePolicies servicePolicies = new ServicePolicies();
    servicePolicies.setServiceName(GatehouseServiceDef.SERVICE_NAME);
    servicePolicies.setServiceDef(GatehouseServiceDef.build());
    servicePolicies.setPolicies(new ArrayList<>());
    servicePolicies.setPolicyVersion(1L);
    ServicePolicies.TagPolicies tags = new ServicePolicies.TagPolicies();
    tags.setServiceName(TAG_SERVICE_NAME);
    tags.setServiceDef(tagServiceDef());
    tags.setPolicies(tagPolicies);
    tags.setPolicyVersion(1L);
    servicePolicies.setTagPolicies(tags);
    RangerPolicyEngineOptions options = new RangerPolicyEngineOptions();
    // The tags come from the snapshot's enricher, put on each request before it is evaluated.
    options.disableContextEnrichers = true;
    options.disableCustomConditions = true;
    options.disableTagPolicyEvaluation = false;
    options.disablePolicyRefresher = true;
    options.disableTagRetriever = true;
    options.disableUserStoreRetriever = true;
    options.disableRoleResolution = true;
    options.cacheAuditResults = false;
    RangerPluginConfig config = new RangerPluginConfig(
        GatehouseServiceDef.SERVICE_TYPE, GatehouseServiceDef.SERVICE_NAME, "gatehouse", null, null, options);
    return new RangerPolicyEngineImpl(servicePolicies, new RangerPluginContext(config), null);
  }
}
