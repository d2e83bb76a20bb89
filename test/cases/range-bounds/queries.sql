-- lower()/upper() of a range are NULL for an empty or unbounded range (the text overloads of lower/upper are not).

-- name: Bounds :many
SELECT id, lower(during) AS starts, upper(during) AS ends, lower(label) AS small_label, isempty(during) AS empty FROM bookings;
