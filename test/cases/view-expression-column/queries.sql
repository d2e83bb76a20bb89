-- View columns computed by expressions take the expression's nullability.

-- name: Labels :many
-- expect: id non-null, shout non-null, label non-null, odd_age nullable
SELECT id, shout, label, odd_age FROM user_labels;
