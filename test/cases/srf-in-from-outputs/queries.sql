-- Set-returning functions in FROM whose output the engine knows: generate_subscripts and jsonb_object_keys yield
-- values; json_array_elements_text yields SQL NULL for a JSON null; jsonb_each keys are never NULL and its values are
-- jsonb values (a JSON null would arrive as JavaScript null, which the JsonValue type admits; this seed has none).

-- name: Subscripts :many
-- expect: s non-null
SELECT s FROM generate_subscripts(ARRAY['a', 'b'], 1) AS s;

-- name: Keys :many
-- expect: k non-null
SELECT k FROM jsonb_object_keys('{"a": 1, "b": null}'::jsonb) AS k;

-- name: TextElements :many
-- expect: value nullable
SELECT e.value FROM json_array_elements_text('[1, null]'::json) AS e;

-- name: EachKeys :many
-- expect: key non-null, value non-null
SELECT e.key, e.value FROM jsonb_each('{"a": 1, "b": "x"}'::jsonb) AS e;
