-- A top-level VALUES statement: column1/column2 follow the same rule as VALUES in FROM.

-- name: TopValues :many
-- expect: column1 non-null, column2 nullable
VALUES (1, 'a'), (2, NULL);
