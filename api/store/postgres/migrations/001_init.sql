-- Delete Guard schema, version 1. Times are timestamptz; the store converts
-- them to and from epoch milliseconds.

CREATE TABLE accounts (
  id text PRIMARY KEY,
  -- Creation order, for listing accounts oldest first.
  position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  company text NOT NULL,
  registered_email text NOT NULL,
  company_email text,
  pending_company_email jsonb,
  confirmation_word text NOT NULL,
  reasons text[] NOT NULL,
  api_key_hash text NOT NULL UNIQUE,
  role text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE codes (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  issued_at timestamptz NOT NULL,
  activated_at timestamptz,
  expires_at timestamptz NOT NULL,
  max_uses integer NOT NULL CHECK (max_uses > 0),
  uses_left integer NOT NULL CHECK (uses_left >= 0),
  wrong_attempts integer NOT NULL CHECK (wrong_attempts >= 0),
  ended_at timestamptz,
  end_reason text,
  destination text NOT NULL
);
CREATE INDEX codes_account_idx ON codes (account_id);

CREATE TABLE deliveries (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind text NOT NULL,
  to_address text NOT NULL,
  at timestamptz NOT NULL,
  status text NOT NULL,
  detail text
);
CREATE INDEX deliveries_account_seq_idx ON deliveries (account_id, seq);

-- Rate-limit events: every send and every wrong code check of the last hour.
CREATE TABLE send_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  kind text NOT NULL,
  failed boolean NOT NULL
);
CREATE INDEX send_events_account_idx ON send_events (account_id, seq);

CREATE TABLE failure_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  at timestamptz NOT NULL
);
CREATE INDEX failure_events_account_idx ON failure_events (account_id, seq);

-- The audit trail. Rows are only inserted; the outcome columns are set once.
-- No ON DELETE CASCADE: an account with approvals cannot be deleted by accident.
CREATE TABLE approvals (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  account_id text NOT NULL REFERENCES accounts (id),
  code_id text NOT NULL,
  customer_id text NOT NULL,
  customer_name text NOT NULL,
  reason text NOT NULL,
  note text,
  at timestamptz NOT NULL,
  page_url text,
  requester_user_agent text,
  requester_ip text,
  outcome text CHECK (outcome IN ('deleted', 'failed')),
  outcome_detail text,
  outcome_at timestamptz
);
-- Keyset paging: newest first within one account.
CREATE INDEX approvals_account_seq_idx ON approvals (account_id, seq);

-- Enforces the once-only outcome and the append-only rows for every role,
-- the owner included.
CREATE FUNCTION approvals_check_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.outcome IS NOT NULL THEN
    RAISE EXCEPTION 'approval % already has an outcome', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.seq, NEW.id, NEW.account_id, NEW.code_id, NEW.customer_id, NEW.customer_name, NEW.reason, NEW.note, NEW.at,
      NEW.page_url, NEW.requester_user_agent, NEW.requester_ip)
     IS DISTINCT FROM
     (OLD.seq, OLD.id, OLD.account_id, OLD.code_id, OLD.customer_id, OLD.customer_name, OLD.reason, OLD.note, OLD.at,
      OLD.page_url, OLD.requester_user_agent, OLD.requester_ip) THEN
    RAISE EXCEPTION 'approval % can only get an outcome, no other change', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER approvals_check_update BEFORE UPDATE ON approvals FOR EACH ROW EXECUTE FUNCTION approvals_check_update();

CREATE TABLE support_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  account_id text NOT NULL REFERENCES accounts (id),
  at timestamptz NOT NULL,
  kind text NOT NULL,
  actor text,
  detail text
);
CREATE INDEX support_events_account_seq_idx ON support_events (account_id, seq);

-- The API's role: everything on the hot state, but only INSERT and SELECT on
-- the audit tables plus UPDATE of the outcome columns, and never DELETE there.
-- Creating a role needs CREATEROLE; without it the grants are skipped with a
-- notice, and an administrator creates the role and runs the grants below.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'delete_guard_api') THEN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
      RAISE NOTICE 'Role delete_guard_api was not created: the migration user lacks CREATEROLE. Create it and repeat the grants of 001_init.sql.';
      RETURN;
    END IF;
    CREATE ROLE delete_guard_api NOLOGIN;
  END IF;
  GRANT SELECT ON schema_migrations TO delete_guard_api;
  GRANT SELECT, INSERT, UPDATE ON accounts TO delete_guard_api;
  GRANT SELECT, INSERT, UPDATE, DELETE ON codes, deliveries, send_events, failure_events TO delete_guard_api;
  GRANT SELECT, INSERT ON approvals, support_events TO delete_guard_api;
  GRANT UPDATE (outcome, outcome_detail, outcome_at) ON approvals TO delete_guard_api;
END;
$$;
