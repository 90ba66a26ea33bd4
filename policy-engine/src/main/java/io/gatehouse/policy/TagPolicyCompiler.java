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
  /** Prefix of every principal name given to Ranger. */
  private static final String PRINCIPAL_PREFIX = "p:";

  private TagPolicyCompiler() {}

  /** The compiled GRANT and DENY policies: their engines, the enricher, and the policy of each Ranger policy id. */
  record Compiled(RangerPolicyEngine grants, RangerPolicyEngine denies, RangerTagEnricher enricher,
      RangerServiceDef serviceDef, Map<Long, String> policyOfId) {

    /**
     * The policy (its name) Ranger finds granting ({@code deny} false) or denying {@code privilege}
     * on {@code securable} to {@code subject}, or null.
     */
    String decide(Subject subject, Privilege privilege, Securable securable, boolean deny) {
      RangerPolicyEngine engine = deny ? denies : grants;
      if (engine == null) {
        return null;
      }
      RangerAccessResourceImpl resource = new RangerAccessResourceImpl();
      List<String> names = securable.type().resourcePath();
      for (int i = 0; i < names.size(); i++) {
        resource.setValue(names.get(i), securable.path().get(i));
      }
      resource.setServiceDef(serviceDef);
      Set<String> groups = new java.util.HashSet<>();
      for (String g : subject.groups()) {
        groups.add(PRINCIPAL_PREFIX + g);
      }
      RangerAccessRequestImpl request = new RangerAccessRequestImpl(
          resource, privilege.accessType(), PRINCIPAL_PREFIX + subject.name(), groups, java.util.Collections.emptySet());
      enricher.enrich(request);
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
    def.setOptions(new HashMap<>(Map.of("enableDenyAndExceptionsInPolicies", "true")));
    return def;
  }

  /** Compiles {@code bindings} (GRANT and DENY policies bound to securables); null when there are none. */
  static Compiled compile(List<AttributePolicies.BoundAccess> bindings) {
    if (bindings.isEmpty()) {
      return null;
    }
    // One tag per policy, by name and kind (a name is unique per securable, so the principals and
    // privileges tell two policies of one name on different securables apart).
    Map<PolicyKey, Long> tagOfPolicy = new LinkedHashMap<>();
    Map<String, Map<String, RangerPolicyResource>> resourceOfSecurable = new LinkedHashMap<>();
    Map<String, List<Long>> tagsOfSecurable = new HashMap<>();
    for (AttributePolicies.BoundAccess a : bindings) {
      PolicyKey key = new PolicyKey(a.policy(), a.principals(), a.privileges(), a.deny());
      long tagId = tagOfPolicy.computeIfAbsent(key, k -> (long) tagOfPolicy.size() + 1);
      String securableId = a.securable().id();
      resourceOfSecurable.computeIfAbsent(securableId, k -> resourceElements(a.securable()));
      List<Long> tags = tagsOfSecurable.computeIfAbsent(securableId, k -> new ArrayList<>());
      if (!tags.contains(tagId)) {
        tags.add(tagId);
      }
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

    List<RangerPolicy> grantPolicies = new ArrayList<>();
    List<RangerPolicy> denyPolicies = new ArrayList<>();
    Map<Long, String> policyOfId = new HashMap<>();
    tagOfPolicy.forEach((key, tagId) -> {
      (key.deny() ? denyPolicies : grantPolicies).add(tagPolicy(tagId, key));
      policyOfId.put(tagId, key.name());
    });
    return new Compiled(
        grantPolicies.isEmpty() ? null : engine(grantPolicies),
        denyPolicies.isEmpty() ? null : engine(denyPolicies),
        enricher, serviceDef, Map.copyOf(policyOfId));
  }

  /** What tells one policy from another among the bindings. */
  private record PolicyKey(String name, AttributePolicies.Principals principals, Set<Privilege> privileges, boolean deny) {}

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
