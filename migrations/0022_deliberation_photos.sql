-- Photos on topics and wishes and on task progress reports (issue 6, deliberation part): the
-- ids of gridwork `attachment` rows the author uploaded (checked by the service), kept in order.
ALTER TABLE delib_topic ADD COLUMN photo_ids bigint[] NOT NULL DEFAULT '{}' CHECK (cardinality(photo_ids) <= 9);
ALTER TABLE delib_task_update ADD COLUMN photo_ids bigint[] NOT NULL DEFAULT '{}' CHECK (cardinality(photo_ids) <= 9);
