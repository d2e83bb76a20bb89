-- lower()/upper() of a range are NULL for an empty or unbounded range (the text overloads of lower/upper are not);
-- isempty() of a non-null range is always a boolean.

-- name: Bounds :many
-- expect: id non-null, starts nullable, ends nullable, small_label non-null, empty non-null
SELECT id, lower(during) AS starts, upper(during) AS ends, lower(label) AS small_label, isempty(during) AS empty FROM bookings;
