-- An enum-typed column follows its own NOT NULL like any other column.

-- name: Moods :many
-- expect: id non-null, mood non-null, previous_mood nullable
SELECT id, mood, previous_mood FROM people;
