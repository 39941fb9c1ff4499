-- The duplicate check (service-submit.ts possibleDuplicate) asks for the open requests of
-- one category, filed in the last 72 hours, nearest to a point. The btree of 0004
-- (category_id, created_at) read every recent open request of the category and filtered
-- the box from its INCLUDE columns: thousands of entries a call in a busy city (2.45 ms a
-- submission, half the database time of intake in the benchmark). A GiST index over the
-- category, the time and the point answers the same question nearest-first and stops after
-- a handful (btree_gist gives GiST the equality and range on the scalar columns; it is a
-- trusted contrib extension, so a database owner may create it).
CREATE EXTENSION IF NOT EXISTS btree_gist;
DROP INDEX request_open_category_idx;
CREATE INDEX request_open_near_idx ON request USING gist (category_id, created_at, point(lon, lat))
  WHERE is_open AND lon IS NOT NULL;
