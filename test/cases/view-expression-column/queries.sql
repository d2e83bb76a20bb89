-- View columns computed by expressions take the expression's nullability.

-- name: Labels :many
SELECT id, shout, label, odd_age FROM user_labels;
