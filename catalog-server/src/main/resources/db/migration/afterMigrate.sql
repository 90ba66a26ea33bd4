-- At every start, after the migrations: the application's role gets its privileges (V9), also
-- when it was created after V9 ran or when a later migration added tables.
SELECT gatehouse_grant_application_role('${app_role}');
