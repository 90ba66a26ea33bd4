-- Instance profiles (the Databricks instance-profiles API): an IAM instance profile ARN and the
-- data role it stands for. SCIM assigns them to users, groups and service principals as `roles`;
-- SCIM passthrough assumes the role a principal holds, directly or through its groups, through
-- the meta instance profile when one is registered. ARNs compare exactly, except that two
-- profiles may not differ only in letter case (IAM names are unique ignoring case).
CREATE TABLE instance_profiles (
    id                        uuid          PRIMARY KEY,
    instance_profile_arn      varchar(2048) NOT NULL,
    iam_role_arn              varchar(2048) NOT NULL,
    is_meta_instance_profile  boolean       NOT NULL DEFAULT false,
    created_at                timestamptz   NOT NULL,
    created_by                varchar(255)  NOT NULL,
    updated_at                timestamptz   NOT NULL,
    updated_by                varchar(255)  NOT NULL
);
CREATE UNIQUE INDEX instance_profiles_arn_key ON instance_profiles (lower(instance_profile_arn));
-- At most one meta instance profile: the identity every data role is assumed through.
CREATE UNIQUE INDEX instance_profiles_one_meta ON instance_profiles (is_meta_instance_profile) WHERE is_meta_instance_profile;

-- SCIM `roles`: the instance profiles assigned to a principal. Removing a profile or a principal
-- removes its assignments.
CREATE TABLE principal_roles (
    principal_id         uuid NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    instance_profile_id  uuid NOT NULL REFERENCES instance_profiles (id) ON DELETE CASCADE,
    PRIMARY KEY (principal_id, instance_profile_id)
);
CREATE INDEX principal_roles_profile ON principal_roles (instance_profile_id);

-- SCIM `entitlements` (allow-cluster-create, databricks-sql-access, workspace-access,
-- allow-instance-pool-create): stored and returned.
CREATE TABLE principal_entitlements (
    principal_id  uuid        NOT NULL REFERENCES principals (id) ON DELETE CASCADE,
    entitlement   varchar(64) NOT NULL,
    PRIMARY KEY (principal_id, entitlement)
);

-- The data roles (besides its own role_arn) whose SCIM holders a SCIM_PASSTHROUGH storage
-- credential serves, as a JSON array of role ARNs.
ALTER TABLE storage_credentials ADD COLUMN data_role_arns jsonb NOT NULL DEFAULT '[]';
