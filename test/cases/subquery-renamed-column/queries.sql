-- A column renamed inside a subquery keeps its nullability under the new name.

-- name: Renamed :many
-- expect: address non-null, nick nullable
SELECT s.address, s.nick FROM (SELECT email AS address, display_name AS nick FROM users) s;
