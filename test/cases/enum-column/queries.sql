-- An enum-typed column follows its own NOT NULL like any other column.

-- name: Moods :many
SELECT id, mood, previous_mood FROM people;
