-- jsonb_array_elements yields JSON null (not SQL NULL); jsonb_array_elements_text yields SQL NULL for it.

-- name: Elements :many
SELECT e.value FROM docs, jsonb_array_elements(docs.data) AS e;

-- name: ElementsText :many
SELECT e.value FROM docs, jsonb_array_elements_text(docs.data) AS e;

-- name: Each :many
SELECT e.key, e.value FROM jsonb_each_text('{"a": null, "b": "x"}'::jsonb) AS e;
