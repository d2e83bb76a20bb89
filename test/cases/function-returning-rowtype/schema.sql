-- users: email is NOT NULL; display_name and age allow NULL.
CREATE TABLE users (
  id int PRIMARY KEY,
  email text NOT NULL,
  display_name text,
  age int
);

-- Returns a users-shaped row with NULL in the NOT NULL email column: row types do not enforce NOT NULL.
CREATE FUNCTION odd_users() RETURNS SETOF users LANGUAGE sql STABLE AS $$
  SELECT id, email, display_name, age FROM users
  UNION ALL
  SELECT 99, NULL::text, NULL::text, NULL::int
$$;

CREATE FUNCTION odd_table() RETURNS TABLE (id int, email text) LANGUAGE sql STABLE AS $$
  SELECT 1, NULL::text
$$;
