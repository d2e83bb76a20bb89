CREATE TABLE bookings (
  id int PRIMARY KEY,
  label text NOT NULL,
  during int4range NOT NULL
);
