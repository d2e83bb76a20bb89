-- FULL JOIN USING on keys that allow NULL: the merged column is nullable.

-- name: FullUsingNullableKey :many
-- expect: k nullable, a_val nullable, b_val nullable
SELECT k, a.a_val, b.b_val FROM a FULL JOIN b USING (k);
