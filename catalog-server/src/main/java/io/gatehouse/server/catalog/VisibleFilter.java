package io.gatehouse.server.catalog;

import io.gatehouse.server.authz.Visibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A listing's visibility as an HQL condition on alias {@code x}, with its named parameters. */
record VisibleFilter(String condition, Map<String, Object> parameters) {
  static VisibleFilter of(Visibility visibility, String alias) {
    if (visibility.all() && visibility.ids().isEmpty()) {
      return new VisibleFilter("", Map.of());
    }
    List<String> terms = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
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
    return new VisibleFilter(terms.isEmpty() ? " and false" : " and (" + String.join(" or ", terms) + ")", params);
  }
}
