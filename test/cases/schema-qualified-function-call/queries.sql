-- A schema-qualified call is trusted only for pg_catalog, and only when every function of that name is built in:
-- util.upper returns NULL; pg_catalog.upper never does, but shares the name with a user function (over-nullable).

-- name: Calls :many
-- expect: shadow nullable, builtin over-nullable (reason: never NULL — pg_catalog.upper of a NOT NULL text, but catalog facts are kept by name and a user function named upper exists)
SELECT util.upper(email) AS shadow, pg_catalog.upper(email) AS builtin FROM users;
