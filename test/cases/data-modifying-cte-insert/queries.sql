-- `WITH x AS (INSERT … RETURNING …) SELECT … FROM x`: columns follow the inserted table's NOT NULL.

-- name: InsertedUsers :many
-- expect: id non-null, email non-null, display_name nullable
WITH ins AS (
  INSERT INTO users (id, email, display_name, age) VALUES (10, 'dee@example.com', NULL, NULL)
  RETURNING id, email, display_name
)
SELECT id, email, display_name FROM ins;
