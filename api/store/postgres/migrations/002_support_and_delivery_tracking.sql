-- Delete Guard schema, version 2: support keys, the support audit trail in
-- the shape the API records, delivery tracking columns, and the indexes of
-- the support search by email.

CREATE TABLE support_keys (
  id text PRIMARY KEY,
  -- Creation order, for listing keys oldest first.
  position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  name text NOT NULL,
  api_key_hash text NOT NULL UNIQUE,
  role text NOT NULL,
  created_at timestamptz NOT NULL
);

-- Version 1 had a placeholder table that no release wrote to. It is replaced
-- by the shape of the support routes: a search has no account but lists the
-- accounts it found.
DROP TABLE support_events;
CREATE TABLE support_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  support_key_id text NOT NULL,
  action text NOT NULL,
  account_id text,
  matched_account_ids text[],
  delivery_id text,
  at timestamptz NOT NULL
);
CREATE INDEX support_events_account_seq_idx ON support_events (account_id, seq);
CREATE INDEX support_events_matched_idx ON support_events USING gin (matched_account_ids);

ALTER TABLE deliveries
  ADD COLUMN code_id text,
  ADD COLUMN attempts integer,
  ADD COLUMN classification text,
  ADD COLUMN response text,
  ADD COLUMN response_code integer,
  ADD COLUMN enhanced_status text,
  ADD COLUMN error_code text,
  ADD COLUMN queue_id text,
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN updated_at timestamptz;

-- The search compares addresses exactly after normalizing them in the API;
-- these indexes find the candidates.
CREATE INDEX accounts_registered_email_idx ON accounts (lower(registered_email));
CREATE INDEX accounts_company_email_idx ON accounts (lower(company_email));

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'delete_guard_api') THEN
    RAISE NOTICE 'Role delete_guard_api does not exist, so the grants of 002_support_and_delivery_tracking.sql were skipped. Create it and repeat them.';
    RETURN;
  END IF;
  GRANT SELECT, INSERT ON support_keys, support_events TO delete_guard_api;
END;
$$;
