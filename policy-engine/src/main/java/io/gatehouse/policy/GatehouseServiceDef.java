package io.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ranger.plugin.model.RangerServiceDef;
import org.apache.ranger.plugin.model.RangerServiceDef.RangerAccessTypeDef;
import org.apache.ranger.plugin.model.RangerServiceDef.RangerResourceDef;

/**
 * The Ranger service definition of Gatehouse: one resource per securable type, linked by parent
 * into hierarchies (catalog > schema > table | volume | function | registered_model, and the
 * stand-alone metastore, external location and storage credential), and one access type per
 * Unity Catalog privilege. Row-filter policies apply to tables and data-mask policies to columns
 * below tables; denies are enabled.
 */
final class GatehouseServiceDef {
  static final String SERVICE_TYPE = "gatehouse";
  static final String SERVICE_NAME = "gatehouse";
  /** The flat definition's name: Ranger caches what it derives from a definition by its name, JVM-wide. */
  static final String FLAT_NAME = SERVICE_TYPE + "-flat";
  /** The one data-mask type: the value comes from the column's mask function. */
  static final String MASK_TYPE = "MASK_FUNCTION";

  private GatehouseServiceDef() {}

  static RangerServiceDef build() {
    RangerServiceDef def = base(resources());
    RangerAccessTypeDef select = new RangerAccessTypeDef(1L, Privilege.SELECT.accessType(), "SELECT", null, null);
    List<RangerResourceDef> tableLevels = List.of(
        resource(2, "catalog", null, 10), resource(3, "schema", "catalog", 20), resource(4, "table", "schema", 30));
    def.setRowFilterDef(new RangerServiceDef.RangerRowFilterDef(List.of(select), tableLevels));
    // Columns are a sub-resource of tables, for data-mask policies only. Privileges stop at tables
    // (Unity Catalog has no column grants), and leaving columns out of the access hierarchies
    // keeps Ranger from working out the matching hierarchy on every access evaluation, which
    // tripled its cost when columns were there.
    List<RangerResourceDef> columnLevels = new ArrayList<>(tableLevels);
    columnLevels.add(resource(10, "column", "table", 40));
    RangerServiceDef.RangerDataMaskTypeDef custom =
        new RangerServiceDef.RangerDataMaskTypeDef(1L, MASK_TYPE, "Mask function", "the column mask function", null, null, null, null);
    def.setDataMaskDef(new RangerServiceDef.RangerDataMaskDef(List.of(custom), List.of(select), columnLevels));
    return def;
  }

  /**
   * The same resources without hierarchy, each one on its own, for the policies of what a grant
   * gives on its own securable: ids are unique, so an id alone names the securable.
   */
  static RangerServiceDef buildFlat() {
    List<RangerResourceDef> resources = new ArrayList<>();
    for (RangerResourceDef r : resources()) {
      resources.add(resource(r.getItemId(), r.getName(), null, 10));
    }
    RangerServiceDef def = base(resources);
    // Ranger caches what it works out from a service definition (its hierarchies) by the
    // definition's name, for the whole JVM: this one must not share the hierarchical one's name.
    def.setId(2L);
    def.setName(FLAT_NAME);
    return def;
  }

  /** A service definition over {@code resources} with one access type per privilege and denies enabled. */
  private static RangerServiceDef base(List<RangerResourceDef> resources) {
    RangerServiceDef def = new RangerServiceDef();
    def.setId(1L);
    def.setName(SERVICE_TYPE);
    def.setImplClass("io.gatehouse.policy.PolicySnapshot");
    def.setResources(resources);
    List<RangerAccessTypeDef> accessTypes = new ArrayList<>();
    long id = 1;
    for (Privilege privilege : Privilege.values()) {
      accessTypes.add(new RangerAccessTypeDef(id++, privilege.accessType(), privilege.sqlName(), null, null));
    }
    def.setAccessTypes(accessTypes);
    // Explicit denies (DENY ... TO ...) are deny items; Ranger considers them only with this option.
    def.setOptions(new HashMap<>(Map.of("enableDenyAndExceptionsInPolicies", "true")));
    return def;
  }

  private static List<RangerResourceDef> resources() {
    List<RangerResourceDef> resources = new ArrayList<>();
    resources.add(resource(1, "metastore", null, 10));
    resources.add(resource(2, "catalog", null, 10));
    resources.add(resource(3, "schema", "catalog", 20));
    resources.add(resource(4, "table", "schema", 30));
    resources.add(resource(5, "volume", "schema", 30));
    resources.add(resource(6, "function", "schema", 30));
    resources.add(resource(7, "registered_model", "schema", 30));
    resources.add(resource(8, "external_location", null, 10));
    resources.add(resource(9, "storage_credential", null, 10));
    return resources;
  }

  private static RangerResourceDef resource(long id, String name, String parent, int level) {
    Map<String, String> matcherOptions = new HashMap<>();
    matcherOptions.put("wildCard", "true");
    matcherOptions.put("ignoreCase", "true");
    RangerResourceDef r = new RangerResourceDef();
    r.setItemId(id);
    r.setName(name);
    r.setType("string");
    r.setLevel(level);
    r.setParent(parent == null ? "" : parent);
    r.setMandatory(true);
    r.setLookupSupported(false);
    r.setRecursiveSupported(false);
    r.setExcludesSupported(false);
    r.setMatcher("org.apache.ranger.plugin.resourcematcher.RangerDefaultResourceMatcher");
    r.setMatcherOptions(matcherOptions);
    r.setIsValidLeaf(true);
    r.setLabel(name);
    r.setDescription(name);
    return r;
  }
}
