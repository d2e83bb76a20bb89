CREATE DOMAIN required_text AS text NOT NULL;
-- A domain over a NOT NULL domain inherits its NOT NULL constraint.
CREATE DOMAIN short_required AS required_text CHECK (length(VALUE) < 100);
CREATE DOMAIN optional_text AS text CHECK (VALUE <> '');
-- A domain over a nullable domain stays nullable.
CREATE DOMAIN short_optional AS optional_text CHECK (length(VALUE) < 100);

CREATE TABLE notebooks (
  id int PRIMARY KEY,
  name text NOT NULL
);

-- None of these columns is declared NOT NULL: only the domains forbid NULL.
CREATE TABLE notes (
  id int PRIMARY KEY,
  notebook_id int REFERENCES notebooks (id),
  title required_text,
  tag short_required,
  subtitle optional_text,
  remark short_optional
);
