-- jsonb_array_elements yields JSON null (not SQL NULL); jsonb_array_elements_text yields SQL NULL for it.
-- The application sees both as JavaScript null (the driver decodes jsonb 'null' to null), so both are nullable.

-- name: Elements :many
-- expect: value nullable
SELECT e.value FROM docs, jsonb_array_elements(docs.data) AS e;

-- name: ElementsText :many
-- expect: value nullable
SELECT e.value FROM docs, jsonb_array_elements_text(docs.data) AS e;

-- name: Each :many
-- expect: key non-null, value nullable
SELECT e.key, e.value FROM jsonb_each_text('{"a": null, "b": "x"}'::jsonb) AS e;
