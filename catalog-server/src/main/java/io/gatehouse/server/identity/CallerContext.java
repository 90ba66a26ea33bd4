package io.gatehouse.server.identity;

import jakarta.enterprise.context.RequestScoped;

/**
 * The seam through which every part of the server learns who made the current request. Catalog
 * code asks this bean and nothing else; authentication fills it.
 */
@RequestScoped
public class CallerContext {
  private final Principal principal = Principal.BUILTIN_ADMIN;

  public Principal principal() {
    return principal;
  }

  /** The name recorded as owner, created_by and updated_by. */
  public String name() {
    return principal.name();
  }
}
