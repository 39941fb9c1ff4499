-- A household may fall in two sample pools of one campaign (its community's, and the street's
-- pool for departments or partner units): it answers each pool's survey once.
ALTER TABLE eval_sample DROP CONSTRAINT eval_sample_campaign_id_household_id_key;
ALTER TABLE eval_sample ADD CONSTRAINT eval_sample_pool_household_key UNIQUE (campaign_id, sample_path, household_id);
