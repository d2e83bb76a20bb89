CREATE TYPE mood AS ENUM ('happy', 'sad');

CREATE TABLE people (
  id int PRIMARY KEY,
  mood mood NOT NULL,
  previous_mood mood
);
