-- The points ledger (志愿积分, issue 5): double-entry and append-only. Points are a
-- currency residents trust, so every movement is one row of point_txn (what, why, who,
-- what caused it, its idempotency key) with exactly two point_entry lines: minus the
-- amount on the debited account, plus the amount on the credited one. Balances are kept
-- on point_account for reads and checked against the entries by `gongzhi ledger verify`.
--
-- Accounts: one issuer per district (the source of all points: its balance is minus the
-- points it has issued, the only balance allowed below zero), one issuing pool, one store
-- and one escrow per community (pool: points the community may award; escrow: points held
-- for open redemptions; store: points spent on goods the community bought), one account
-- per resident (volunteer) and one per donor of the love store (points their gifts drew).

CREATE TABLE point_account (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('issuer', 'pool', 'volunteer', 'store', 'escrow', 'donor')),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  user_id bigint REFERENCES app_user(id),
  -- The love store's donor (its table comes with the store, 0010; no foreign key here).
  donor_id bigint,
  balance bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT point_account_never_negative CHECK (kind = 'issuer' OR balance >= 0),
  CONSTRAINT point_account_owner CHECK ((kind = 'volunteer') = (user_id IS NOT NULL) AND (kind = 'donor') = (donor_id IS NOT NULL))
);
CREATE UNIQUE INDEX point_account_org_kind_key ON point_account (kind, org_id) WHERE kind IN ('issuer', 'pool', 'store', 'escrow');
CREATE UNIQUE INDEX point_account_user_key ON point_account (user_id) WHERE kind = 'volunteer';
CREATE UNIQUE INDEX point_account_donor_key ON point_account (donor_id) WHERE kind = 'donor';
CREATE INDEX point_account_path_idx ON point_account (org_path, kind, id);

CREATE TABLE point_txn (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('issue', 'award', 'earn', 'hold', 'settle', 'release', 'donate', 'reverse')),
  amount bigint NOT NULL CHECK (amount > 0),
  debit_account_id bigint NOT NULL REFERENCES point_account(id),
  credit_account_id bigint NOT NULL REFERENCES point_account(id),
  -- Where it happened (the community or district): the movement's data scope.
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  -- What caused it: an attendance, a redemption, an award …
  ref_type text,
  ref_id bigint,
  -- A correction is a new movement the other way; a movement is reversed at most once.
  reverses_txn_id bigint UNIQUE REFERENCES point_txn(id),
  idem_key text NOT NULL UNIQUE CHECK (length(idem_key) BETWEEN 1 AND 200),
  actor_id bigint REFERENCES app_user(id),
  at timestamptz NOT NULL DEFAULT now(),
  CHECK (debit_account_id <> credit_account_id),
  CHECK ((kind = 'reverse') = (reverses_txn_id IS NOT NULL))
);
CREATE INDEX point_txn_path_idx ON point_txn (org_path, id DESC);
CREATE INDEX point_txn_ref_idx ON point_txn (ref_type, ref_id);

CREATE TABLE point_entry (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  txn_id bigint NOT NULL REFERENCES point_txn(id),
  account_id bigint NOT NULL REFERENCES point_account(id),
  -- Negative on the debited account, positive on the credited one.
  amount bigint NOT NULL CHECK (amount <> 0),
  balance_after bigint NOT NULL,
  -- The account's org (an account's statement is scoped by it).
  org_path text COLLATE "C" NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX point_entry_account_idx ON point_entry (account_id, id DESC);
CREATE INDEX point_entry_txn_idx ON point_entry (txn_id);

-- Movements and their lines are never changed or removed, by anyone.
CREATE FUNCTION point_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: correct a movement with a reversing one', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER point_txn_append_only BEFORE UPDATE OR DELETE ON point_txn FOR EACH ROW EXECUTE FUNCTION point_ledger_append_only();
CREATE TRIGGER point_txn_no_truncate BEFORE TRUNCATE ON point_txn FOR EACH STATEMENT EXECUTE FUNCTION point_ledger_append_only();
CREATE TRIGGER point_entry_append_only BEFORE UPDATE OR DELETE ON point_entry FOR EACH ROW EXECUTE FUNCTION point_ledger_append_only();
CREATE TRIGGER point_entry_no_truncate BEFORE TRUNCATE ON point_entry FOR EACH STATEMENT EXECUTE FUNCTION point_ledger_append_only();

-- An account is never removed, and only its balance ever changes.
CREATE FUNCTION point_account_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.org_id <> OLD.org_id OR NEW.org_path <> OLD.org_path
     OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.donor_id IS DISTINCT FROM OLD.donor_id THEN
    RAISE EXCEPTION 'point accounts are permanent; only their balance moves' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER point_account_guard BEFORE UPDATE OR DELETE ON point_account FOR EACH ROW EXECUTE FUNCTION point_account_guard();

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN
    GRANT SELECT, INSERT ON point_account, point_txn, point_entry TO gongzhi_app;
    GRANT UPDATE (balance) ON point_account TO gongzhi_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO gongzhi_app;
  END IF;
END $$;
