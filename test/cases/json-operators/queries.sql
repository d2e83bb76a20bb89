-- `->`, `->>`, `#>`, `#>>` are nullable even on a NOT NULL jsonb column (missing key → NULL).

-- name: Paths :many
-- expect: a nullable, n_text nullable, a_path nullable, ab nullable, n_json nullable
SELECT data -> 'a' AS a, data ->> 'n' AS n_text, data #> '{a}' AS a_path,
       data #>> '{a,b}' AS ab, data -> 'n' AS n_json
FROM docs;
