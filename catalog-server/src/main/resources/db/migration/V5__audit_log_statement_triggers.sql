-- Refuse UPDATE and DELETE on the audit trail as statements, not only row by row: a row trigger
-- stays silent when the statement matches no row, and the refusal should not depend on that.
DROP TRIGGER audit_log_no_update_or_delete ON audit_log;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
