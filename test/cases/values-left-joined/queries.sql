-- A VALUES list on the right side of a LEFT JOIN is nullable.

-- name: Labelled :many
-- expect: email non-null, label nullable
SELECT u.email, v.label FROM users u LEFT JOIN (VALUES (1, 'first')) AS v(id, label) ON v.id = u.id;
