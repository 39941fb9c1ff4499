-- A donation is a record of fact, never changed — except its copied org_path when the org
-- subtree it belongs to moves (orgs/repo.rewritePaths), so data scope follows the move
-- (as 0011 does for the points ledger). Nothing else may change.
CREATE OR REPLACE FUNCTION store_donation_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'org_path') = (to_jsonb(OLD) - 'org_path') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'store_donation is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN
    GRANT UPDATE (org_path) ON store_donation TO gongzhi_app;
  END IF;
END $$;
