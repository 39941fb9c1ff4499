-- The 接诉即办 figures are kept at commit time instead of at each write. request_stat has
-- one row per area org, handler and month, so every submission in a grid (and every
-- transition of its requests) updates the same row; as an ordinary AFTER trigger the
-- upsert held that row's lock from the write to the end of the transaction, and writers
-- in one grid queued behind each other's whole transactions. As a deferred constraint
-- trigger it runs just before commit: the lock is held only for the commit itself. What
-- is added is the same (request_stat_add of the row as it was written, OLD and NEW).
DROP TRIGGER request_stat_insert ON request;
DROP TRIGGER request_stat_update ON request;
CREATE CONSTRAINT TRIGGER request_stat_insert AFTER INSERT ON request
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION request_stat_trigger();
-- Only changes to what the figures count touch the statistics.
CREATE CONSTRAINT TRIGGER request_stat_update AFTER UPDATE OF status, org_id, org_path, handler_org_id, handler_path,
  responded_at, resolved_at, rating, ever_overdue, routed_auto ON request
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (
    OLD.status IS DISTINCT FROM NEW.status OR OLD.org_id IS DISTINCT FROM NEW.org_id OR OLD.org_path IS DISTINCT FROM NEW.org_path
    OR OLD.handler_org_id IS DISTINCT FROM NEW.handler_org_id OR OLD.handler_path IS DISTINCT FROM NEW.handler_path
    OR OLD.responded_at IS DISTINCT FROM NEW.responded_at OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at
    OR OLD.rating IS DISTINCT FROM NEW.rating OR OLD.ever_overdue IS DISTINCT FROM NEW.ever_overdue
    OR OLD.routed_auto IS DISTINCT FROM NEW.routed_auto)
  EXECUTE FUNCTION request_stat_trigger();
