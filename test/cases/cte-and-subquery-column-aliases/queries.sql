-- Column aliases in `WITH c(a, b)` and `(subquery) AS s(a, b)` rename the columns; each keeps its nullability.

-- name: CteAliases :many
-- expect: address non-null, nick nullable
WITH c(address, nick) AS (SELECT email, display_name FROM users) SELECT address, nick FROM c;

-- name: SubqueryAliases :many
-- expect: address non-null, nick nullable
SELECT s.address, s.nick FROM (SELECT email, display_name FROM users) AS s(address, nick);

-- name: PartialAliases :many
-- expect: address non-null, display_name nullable
SELECT s.address, s.display_name FROM (SELECT email, display_name FROM users) AS s(address);
