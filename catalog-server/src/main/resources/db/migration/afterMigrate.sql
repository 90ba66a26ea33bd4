-- At every start, after the migrations: the application's role gets its privileges (V9), also
-- when it was created after V9 ran or when a later migration added tables. Replicas that start
-- together run this at once, and two GRANTs on one object at once fail ("tuple concurrently
-- updated"): a transaction-scoped advisory lock takes them one after the other.
DO $$
BEGIN
  PERFORM pg_advisory_xact_lock(7364921, 9);
  PERFORM gatehouse_grant_application_role('${app_role}');
END
$$;
