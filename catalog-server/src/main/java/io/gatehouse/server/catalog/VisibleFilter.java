package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.Visibility;
import io.gatehouse.server.common.PageRequest;
import io.quarkus.hibernate.orm.panache.Panache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.jpa.HibernateHints;

/** A listing's visibility as an HQL condition on alias {@code x}, with its named parameters. */
record VisibleFilter(String condition, Map<String, Object> parameters) {
  static VisibleFilter of(Visibility visibility, String alias) {
    if (visibility.everything()) {
      return new VisibleFilter("", Map.of());
    }
    List<String> terms = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    String reachable = "";
    if (!visibility.unreachable().isEmpty()) {
      reachable = " and " + alias + ".id not in :unreachableIds";
      params.put("unreachableIds", visibility.unreachable());
      if (visibility.all() && visibility.ids().isEmpty()) {
        return new VisibleFilter(reachable, params);
      }
    }
    if (visibility.all()) {
      terms.add(alias + ".id not in :hiddenIds"); // every child but the exceptions
      params.put("hiddenIds", visibility.ids());
    } else if (!visibility.ids().isEmpty()) {
      terms.add(alias + ".id in :visibleIds");
      params.put("visibleIds", visibility.ids());
    }
    if (!visibility.ownerNames().isEmpty()) {
      terms.add("lower(" + alias + ".owner) in :ownerNames");
      params.put("ownerNames", visibility.ownerNames());
    }
    return new VisibleFilter(reachable + (terms.isEmpty() ? " and false" : " and (" + String.join(" or ", terms) + ")"), params);
  }

  /**
   * The listing query of every catalog service: one page of {@code type}'s rows the caller may
   * see, in name order after the page's key, with one row more than the page so that the resource
   * can tell whether another page follows. With a {@code parentField} ("catalog", "schema"), only
   * the children of {@code parent}.
   */
  static <T extends SecurableEntity> List<T> page(
      Class<T> type, String parentField, Object parent, Visibility visibility, PageRequest page) {
    VisibleFilter visible = of(visibility, "x");
    String ofParent = parentField == null ? "" : "x." + parentField + " = :parent and ";
    var query = Panache.getEntityManager()
        .createQuery(
            "from " + type.getSimpleName() + " x where " + ofParent + "lower(x.name) > :after"
                + visible.condition() + " order by lower(x.name)",
            type)
        .setParameter("after", page.after() == null ? "" : page.after());
    if (parentField != null) {
      query.setParameter("parent", parent);
    }
    visible.parameters().forEach(query::setParameter);
    return query
        .setMaxResults(page.size() + 1)
        // Listed rows are only read: no snapshots for dirty checking.
        .setHint(HibernateHints.HINT_READ_ONLY, true)
        .getResultList();
  }
}
