-- When a subtree of orgs moves (orgs/repo.rewritePaths), every table that copies an org's
-- path is rewritten so data scope follows the move. The ledger's movements are otherwise
-- immutable: the only change their guard lets through is a new org_path with every other
-- column as it was (point_entry.org_path stays the account's path when the line was written:
-- an account's statement is scoped by the account).
CREATE OR REPLACE FUNCTION point_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'point_txn' AND (to_jsonb(NEW) - 'org_path') = (to_jsonb(OLD) - 'org_path') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% is append-only: correct a movement with a reversing one', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION point_account_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.org_id <> OLD.org_id
     OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.donor_id IS DISTINCT FROM OLD.donor_id THEN
    RAISE EXCEPTION 'point accounts are permanent; only their balance moves' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN
    GRANT UPDATE (org_path) ON point_account, point_txn TO gongzhi_app;
  END IF;
END $$;
