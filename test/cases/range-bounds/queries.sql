-- lower()/upper() of a range are NULL for an empty or unbounded range (the text overloads of lower/upper are not).

-- name: Bounds :many
-- expect: id non-null, starts nullable, ends nullable, small_label non-null, empty over-nullable (reason: never NULL — isempty() of a non-null range is a boolean, but isempty is not on the allow-list of value-returning built-ins)
SELECT id, lower(during) AS starts, upper(during) AS ends, lower(label) AS small_label, isempty(during) AS empty FROM bookings;
