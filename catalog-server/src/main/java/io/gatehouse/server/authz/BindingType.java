package io.gatehouse.server.authz;

import io.gatehouse.policy.WorkspaceBindings;

/** How a workspace is bound to an isolated securable, as the bindings API writes it. */
public enum BindingType {
  BINDING_TYPE_READ_WRITE(WorkspaceBindings.Access.READ_WRITE),
  BINDING_TYPE_READ_ONLY(WorkspaceBindings.Access.READ_ONLY);

  private final WorkspaceBindings.Access access;

  BindingType(WorkspaceBindings.Access access) {
    this.access = access;
  }

  public WorkspaceBindings.Access access() {
    return access;
  }
}
