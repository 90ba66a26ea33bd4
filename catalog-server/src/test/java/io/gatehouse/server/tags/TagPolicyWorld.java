package io.gatehouse.server.tags;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import java.util.List;
import java.util.Map;

/**
 * A catalog governed by attribute-based policies, made once per test JVM:
 * <ul>
 *   <li>users alice (group analysts), bob (group hr_admins, nested in privileged), carol (no
 *       group), dave (group contractors); everyone has USE and SELECT on the catalog;</li>
 *   <li>governed tag {@code pii} (values ssn, email) and the plain tags {@code geo} and {@code regional};</li>
 *   <li>s.customers (regional; ssn pii=ssn, email pii=email, region geo), s.orders (region geo,
 *       not regional), t.people (ssn pii=ssn);</li>
 *   <li>policies: {@code mask_ssn} on the catalog, masking pii=ssn columns for account users
 *       except privileged and contractors, on tables not tagged {@code people} (made first without
 *       those, then replaced); {@code people_ssn} on t.people (tagged people), the same mask with the same
 *       exceptions; {@code customers_ssn_contractors} on schema s, masking pii=ssn columns for
 *       contractors; {@code mask_email} on schema s, masking pii=email columns for analysts;
 *       {@code emea_only} on the catalog, a row filter on the geo column of regional tables for
 *       account users except privileged.</li>
 * </ul>
 */
public final class TagPolicyWorld {
  public final String catalog;
  public final String pii;
  public final Map<String, String> users;
  public final Map<String, String> ids;

  private static TagPolicyWorld world;

  private TagPolicyWorld(String catalog, String pii, Map<String, String> users, Map<String, String> ids) {
    this.catalog = catalog;
    this.pii = pii;
    this.users = users;
    this.ids = ids;
  }

  public static synchronized TagPolicyWorld get() {
    if (world == null) {
      world = make();
    }
    return world;
  }

  public static void sql(String script) {
    var response = Api.json().body(Map.of("statement", script)).post("/api/gatehouse/v1/sql").then();
    response.statusCode(200);
  }

  private static TagPolicyWorld make() {
    String c = Api.unique("abac");
    String pii = Api.unique("pii");
    Map<String, String> users = new java.util.LinkedHashMap<>();
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    for (String name : List.of("alice", "bob", "carol", "dave")) {
      String email = Identities.email(name);
      users.put(name, email);
      ids.put(name, Identities.user(email));
    }
    String analysts = Api.unique("analysts");
    String hrAdmins = Api.unique("hr_admins");
    String contractors = Api.unique("contractors");
    Identities.group(analysts, ids.get("alice"));
    String hr = Identities.group(hrAdmins, ids.get("bob"));
    String privileged = Api.unique("privileged");
    Identities.group(privileged, hr);
    Identities.group(contractors, ids.get("dave"));
    Api.json().body(Map.of("tag_key", pii, "description", "personal data",
        "values", List.of(Map.of("name", "ssn"), Map.of("name", "email")))).post("/api/2.1/tag-policies").then().statusCode(200);
    sql("""
        CREATE CATALOG %1$s; CREATE SCHEMA %1$s.s; CREATE SCHEMA %1$s.t;
        CREATE TABLE %1$s.s.customers (id INT, ssn STRING, email STRING, region STRING) LOCATION 's3://abac/%1$s/customers';
        CREATE TABLE %1$s.s.orders (id INT, region STRING, amount INT) LOCATION 's3://abac/%1$s/orders';
        CREATE TABLE %1$s.t.people (ssn STRING, name STRING) LOCATION 's3://abac/%1$s/people';
        CREATE FUNCTION %1$s.s.mask_ssn(v STRING) RETURN '***';
        CREATE FUNCTION %1$s.s.mask_email(v STRING) RETURN 'hidden';
        CREATE FUNCTION %1$s.s.only_region(r STRING) RETURN r = 'EMEA';
        ALTER TABLE %1$s.s.customers SET TAGS ('regional');
        ALTER TABLE %1$s.s.customers ALTER COLUMN ssn SET TAGS ('%2$s' = 'ssn');
        ALTER TABLE %1$s.s.customers ALTER COLUMN email SET TAGS ('%2$s' = 'email');
        ALTER TABLE %1$s.s.customers ALTER COLUMN region SET TAGS ('geo');
        ALTER TABLE %1$s.s.orders ALTER COLUMN region SET TAGS ('geo');
        ALTER TABLE %1$s.t.people ALTER COLUMN ssn SET TAGS ('%2$s' = 'ssn');
        GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG %1$s TO `account users`;
        CREATE POLICY mask_ssn ON CATALOG %1$s COMMENT 'social security numbers'
          COLUMN MASK %1$s.s.mask_ssn TO `account users` EXCEPT `%3$s` FOR TABLES
          MATCH COLUMNS hasTagValue('%2$s', 'ssn') AS c ON COLUMN c;
        CREATE POLICY mask_email ON SCHEMA %1$s.s
          COLUMN MASK %1$s.s.mask_email TO `%4$s` FOR TABLES
          MATCH COLUMNS hasTagValue('%2$s', 'email') AS e ON COLUMN e;
        CREATE POLICY emea_only ON CATALOG %1$s
          ROW FILTER %1$s.s.only_region TO `account users` EXCEPT `%3$s` FOR TABLES
          WHEN hasTag('regional') MATCH COLUMNS hasTag('geo') AS g USING COLUMNS (g);
        """.formatted(c, pii, privileged, analysts));
    // Contractors are exempt from the ssn mask on t.people only; one mask per column and reader,
    // so the catalog's policy steps aside (WHEN NOT hasTag('people')) where the table's applies.
    sql("""
        CREATE OR REPLACE POLICY mask_ssn ON CATALOG %1$s COMMENT 'social security numbers'
          COLUMN MASK %1$s.s.mask_ssn TO `account users` EXCEPT `%3$s`, `%4$s` FOR TABLES
          WHEN NOT hasTag('people') MATCH COLUMNS hasTagValue('%2$s', 'ssn') AS c ON COLUMN c;
        CREATE POLICY people_ssn ON TABLE %1$s.t.people
          COLUMN MASK %1$s.s.mask_ssn TO `account users` EXCEPT `%3$s`, `%4$s` FOR TABLES
          MATCH COLUMNS hasTagValue('%2$s', 'ssn') AS c ON COLUMN c;
        CREATE POLICY customers_ssn_contractors ON SCHEMA %1$s.s
          COLUMN MASK %1$s.s.mask_ssn TO `%4$s` FOR TABLES
          MATCH COLUMNS hasTagValue('%2$s', 'ssn') AS c ON COLUMN c;
        ALTER TABLE %1$s.t.people SET TAGS ('people');
        """.formatted(c, pii, privileged, contractors));
    return new TagPolicyWorld(c, pii, users, ids);
  }
}
