package io.gatehouse.server.tags;

import io.gatehouse.server.catalog.Api;
import io.gatehouse.server.identity.Identities;
import java.util.List;
import java.util.Map;

/**
 * Two catalogs governed by GRANT and DENY policies, made once per test JVM:
 * <ul>
 *   <li>users alice (group analysts), bob (analysts, and stewards-inner, which is nested in
 *       stewards), carol (no group), olga (analysts; owner of c.s.owned);</li>
 *   <li>governed tag {@code sens} (values high, low), plain tag {@code open};</li>
 *   <li>catalog c: USE, SELECT to account users, MODIFY to analysts; c.s.hi (sens=high), c.s.lo
 *       (sens=low), c.s.col (only a column sens=high), c.s.owned (sens=high, owned by olga),
 *       c.h.inh (its schema h is sens=high);
 *       policy {@code no_pii} on c: DENY SELECT TO analysts EXCEPT stewards FOR TABLES WHEN
 *       hasTagValue('sens','high'); {@code no_modify} on schema c.s: DENY MODIFY TO account users
 *       FOR TABLES WHEN hasTagValue('sens','high');</li>
 *   <li>catalog c2: only USE CATALOG and USE SCHEMA to account users; c2.s.open1 (open),
 *       c2.s.closed1, c2.s.openhi (open, sens=high); policies {@code open_read} on c2: GRANT
 *       SELECT TO account users FOR TABLES WHEN hasTag('open'), and {@code closed_hi} on c2: DENY
 *       ALL PRIVILEGES TO account users EXCEPT stewards FOR TABLES WHEN hasTagValue('sens','high').</li>
 * </ul>
 */
public final class TagGrantDenyWorld {
  public final String c;
  public final String c2;
  public final String sens;
  public final Map<String, String> users;

  private static TagGrantDenyWorld world;

  private TagGrantDenyWorld(String c, String c2, String sens, Map<String, String> users) {
    this.c = c;
    this.c2 = c2;
    this.sens = sens;
    this.users = users;
  }

  public static synchronized TagGrantDenyWorld get() {
    if (world == null) {
      world = make();
    }
    return world;
  }

  /** A name of the cases file ({@code c.s.hi}, {@code c2.s.open1}) in this world's catalogs. */
  public String name(String name) {
    return name.startsWith("c2.") ? c2 + name.substring(2) : c + name.substring(1);
  }

  private static TagGrantDenyWorld make() {
    String c = Api.unique("gdc");
    String c2 = Api.unique("gdc2");
    String sens = Api.unique("sens");
    Map<String, String> users = new java.util.LinkedHashMap<>();
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    for (String name : List.of("alice", "bob", "carol", "olga")) {
      String email = Identities.email(name);
      users.put(name, email);
      ids.put(name, Identities.user(email));
    }
    String analysts = Api.unique("analysts");
    String stewards = Api.unique("Stewards");
    Identities.group(analysts, ids.get("alice"), ids.get("bob"), ids.get("olga"));
    String inner = Identities.group(Api.unique("stewards_inner"), ids.get("bob"));
    Identities.group(stewards, inner);
    Api.json().body(Map.of("tag_key", sens, "description", "sensitivity",
        "values", List.of(Map.of("name", "high"), Map.of("name", "low")))).post("/api/2.1/tag-policies").then().statusCode(200);
    TagPolicyWorld.sql("""
        CREATE CATALOG %1$s; CREATE SCHEMA %1$s.s; CREATE SCHEMA %1$s.h;
        CREATE TABLE %1$s.s.hi (id INT) LOCATION 's3://gd/%1$s/hi';
        CREATE TABLE %1$s.s.lo (id INT) LOCATION 's3://gd/%1$s/lo';
        CREATE TABLE %1$s.s.col (id INT, secret STRING) LOCATION 's3://gd/%1$s/col';
        CREATE TABLE %1$s.s.owned (id INT) LOCATION 's3://gd/%1$s/owned';
        CREATE TABLE %1$s.h.inh (id INT) LOCATION 's3://gd/%1$s/inh';
        ALTER TABLE %1$s.s.hi SET TAGS ('%2$s' = 'high');
        ALTER TABLE %1$s.s.lo SET TAGS ('%2$s' = 'low');
        ALTER TABLE %1$s.s.col ALTER COLUMN secret SET TAGS ('%2$s' = 'high');
        ALTER TABLE %1$s.s.owned SET TAGS ('%2$s' = 'high');
        ALTER SCHEMA %1$s.h SET TAGS ('%2$s' = 'high');
        ALTER TABLE %1$s.s.owned OWNER TO `%5$s`;
        GRANT USE CATALOG, USE SCHEMA, SELECT ON CATALOG %1$s TO `account users`;
        GRANT MODIFY ON CATALOG %1$s TO `%3$s`;
        CREATE POLICY no_pii ON CATALOG %1$s COMMENT 'no sensitive tables for analysts'
          DENY SELECT TO `%3$s` EXCEPT `%4$s` FOR TABLES WHEN hasTagValue('%2$s', 'high');
        CREATE POLICY no_modify ON SCHEMA %1$s.s
          DENY MODIFY TO `account users` FOR TABLES WHEN has_tag_value('%2$s', 'high');
        """.formatted(c, sens, analysts, stewards, users.get("olga")));
    TagPolicyWorld.sql("""
        CREATE CATALOG %1$s; CREATE SCHEMA %1$s.s;
        CREATE TABLE %1$s.s.open1 (id INT) LOCATION 's3://gd/%1$s/open1';
        CREATE TABLE %1$s.s.closed1 (id INT) LOCATION 's3://gd/%1$s/closed1';
        CREATE TABLE %1$s.s.openhi (id INT) LOCATION 's3://gd/%1$s/openhi';
        ALTER TABLE %1$s.s.open1 SET TAGS ('open');
        ALTER TABLE %1$s.s.openhi SET TAGS ('open', '%2$s' = 'high');
        GRANT USE CATALOG, USE SCHEMA ON CATALOG %1$s TO `account users`;
        CREATE POLICY open_read ON CATALOG %1$s GRANT SELECT TO `account users` FOR TABLES WHEN hasTag('open');
        CREATE POLICY closed_hi ON CATALOG %1$s
          DENY ALL PRIVILEGES TO `account users` EXCEPT `%3$s` FOR TABLES WHEN hasTagValue('%2$s', 'high');
        """.formatted(c2, sens, stewards));
    return new TagGrantDenyWorld(c, c2, sens, users);
  }
}
