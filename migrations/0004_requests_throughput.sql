-- Throughput of the hot path (issue 4's benchmark, BENCHMARKS.md "Where the time goes").

-- The duplicate check looks at recent open requests of one category near a point: without
-- this index its plan ANDed a bitmap of the whole city's open queue with the category
-- index. The point is in the index, so the box is checked without reading the table.
CREATE INDEX request_open_category_idx ON request (category_id, created_at) INCLUDE (id, lon, lat) WHERE is_open;

-- The board's open queue answered from the indexes alone (repo.ts openQueue): the area
-- and handler indexes of open work carry the columns the board filters and counts on.
DROP INDEX request_open_org_idx;
DROP INDEX request_open_handler_idx;
CREATE INDEX request_open_org_idx ON request (org_path, id DESC)
  INCLUDE (status, overdue_level, kind, category_id, created_at, handler_org_id) WHERE is_open;
CREATE INDEX request_open_handler_idx ON request (handler_path, id DESC)
  INCLUDE (org_path, status, overdue_level, kind, category_id, created_at, handler_org_id) WHERE is_open;

-- The audit hash chain becomes several independent chains. One chain serialised every
-- write in the system on one lock from its audit append to its commit; with 16 chains the
-- appenders of different chains commit side by side (and share WAL flushes), while each
-- chain keeps its guarantee: its records link in id order, and a removed, inserted or
-- altered record breaks the chain it belongs to. Records written before stay chain 0.
ALTER TABLE audit_log ADD COLUMN chain smallint NOT NULL DEFAULT 0 CHECK (chain BETWEEN 0 AND 255);
CREATE INDEX audit_log_chain_idx ON audit_log (chain, id);
