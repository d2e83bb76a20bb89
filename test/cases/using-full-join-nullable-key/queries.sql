-- FULL JOIN USING on keys that allow NULL: the merged column is nullable.

-- name: FullUsingNullableKey :many
SELECT k, a.a_val, b.b_val FROM a FULL JOIN b USING (k);
