-- Narrowing one reference to a view must not narrow another reference to the same view.

-- name: TwoReferences :many
-- expect: display_name nullable, other_name non-null
SELECT a.display_name, b.display_name AS other_name FROM user_list a CROSS JOIN user_list b WHERE b.display_name IS NOT NULL;

-- name: UnionArms :many
-- expect: display_name nullable
SELECT display_name FROM user_list WHERE display_name IS NOT NULL UNION ALL SELECT display_name FROM user_list;
