INSERT INTO people (id, mood, previous_mood) VALUES (1, 'happy', 'sad'), (2, 'sad', NULL);
