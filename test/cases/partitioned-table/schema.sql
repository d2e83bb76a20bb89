CREATE TABLE events (
  id int NOT NULL,
  kind text NOT NULL,
  detail text
) PARTITION BY LIST (kind);

CREATE TABLE events_click PARTITION OF events FOR VALUES IN ('click');
CREATE TABLE events_view PARTITION OF events FOR VALUES IN ('view');
