-- 监督评价 (issue 7, evaluations): campaigns with self / peer / resident scores over a
-- reproducible household sample, results, rankings, rectifications with three sign-offs;
-- and the indicator-tree scoring tool (考核指标体系). Every table carries the owning
-- campaign's (or tree's) org id and path, so data scope is one prefix match.

CREATE TABLE eval_campaign (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  period_start date NOT NULL,
  period_end date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'published')),
  weight_self integer NOT NULL DEFAULT 10 CHECK (weight_self BETWEEN 0 AND 100),
  weight_peer integer NOT NULL DEFAULT 40 CHECK (weight_peer BETWEEN 0 AND 100),
  weight_resident integer NOT NULL DEFAULT 50 CHECK (weight_resident BETWEEN 0 AND 100),
  pass_mark numeric(5, 2) NOT NULL DEFAULT 60 CHECK (pass_mark BETWEEN 0 AND 100),
  best_n integer NOT NULL DEFAULT 3 CHECK (best_n BETWEEN 0 AND 1000),
  sample_size integer NOT NULL DEFAULT 100 CHECK (sample_size BETWEEN 1 AND 10000),
  seed bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
  rectify_days integer NOT NULL DEFAULT 30 CHECK (rectify_days BETWEEN 1 AND 365),
  created_by bigint NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  opened_at timestamptz,
  closed_at timestamptz,
  published_at timestamptz,
  CHECK (weight_self + weight_peer + weight_resident = 100),
  CHECK (period_end >= period_start)
);
CREATE INDEX eval_campaign_org_path_idx ON eval_campaign (org_path, id DESC);

CREATE TABLE eval_dimension (
  id bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES eval_campaign(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  UNIQUE (campaign_id, position)
);
CREATE INDEX eval_dimension_org_path_idx ON eval_dimension (org_path);

-- 被评价对象: an org (community / department / street), a partner unit or a social organization.
-- subject_path is the subject's own org path (who may act for it); sample_path is the org whose
-- households answer its resident survey (a community: its own; otherwise the campaign's org).
CREATE TABLE eval_evaluatee (
  id bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES eval_campaign(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('org', 'partnerUnit', 'socialOrg')),
  subject_id bigint NOT NULL,
  subject_path text COLLATE "C" NOT NULL,
  name text NOT NULL,
  sample_org_id bigint NOT NULL REFERENCES org(id),
  sample_path text COLLATE "C" NOT NULL,
  -- Results, written by the close (set-based), NULL before it.
  self_score numeric(7, 2),
  peer_score numeric(7, 2),
  resident_score numeric(7, 2),
  final_score numeric(7, 2),
  peer_count integer,
  response_count integer,
  rank integer,
  passed boolean,
  certified boolean NOT NULL DEFAULT false,
  UNIQUE (campaign_id, kind, subject_id)
);
CREATE INDEX eval_evaluatee_org_path_idx ON eval_evaluatee (org_path);
CREATE INDEX eval_evaluatee_subject_idx ON eval_evaluatee (kind, subject_id);

-- 自评 / 互评: one row per rater, target and dimension; rater = target is the self score.
CREATE TABLE eval_score (
  campaign_id bigint NOT NULL REFERENCES eval_campaign(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  rater_id bigint NOT NULL REFERENCES eval_evaluatee(id) ON DELETE CASCADE,
  target_id bigint NOT NULL REFERENCES eval_evaluatee(id) ON DELETE CASCADE,
  dimension_id bigint NOT NULL REFERENCES eval_dimension(id) ON DELETE CASCADE,
  score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  entered_by bigint NOT NULL REFERENCES app_user(id),
  entered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (target_id, rater_id, dimension_id)
);
CREATE INDEX eval_score_campaign_idx ON eval_score (campaign_id);
CREATE INDEX eval_score_rater_idx ON eval_score (rater_id);
CREATE INDEX eval_score_org_path_idx ON eval_score (org_path);

-- 民意测评: the drawn households. The link token is never stored, only its SHA-256.
CREATE TABLE eval_sample (
  id bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES eval_campaign(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  sample_path text COLLATE "C" NOT NULL,
  household_id bigint NOT NULL REFERENCES household(id),
  draw_order integer NOT NULL,
  token_hash text NOT NULL UNIQUE,
  answered_at timestamptz,
  answered_by bigint REFERENCES app_user(id),
  answered_via text CHECK (answered_via IN ('link', 'app')),
  UNIQUE (campaign_id, household_id)
);
CREATE INDEX eval_sample_campaign_idx ON eval_sample (campaign_id, sample_path, draw_order);
CREATE INDEX eval_sample_household_idx ON eval_sample (household_id);
CREATE INDEX eval_sample_org_path_idx ON eval_sample (org_path);

CREATE TABLE eval_answer (
  sample_id bigint NOT NULL REFERENCES eval_sample(id) ON DELETE CASCADE,
  campaign_id bigint NOT NULL REFERENCES eval_campaign(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  evaluatee_id bigint NOT NULL REFERENCES eval_evaluatee(id) ON DELETE CASCADE,
  dimension_id bigint NOT NULL REFERENCES eval_dimension(id) ON DELETE CASCADE,
  score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  PRIMARY KEY (evaluatee_id, sample_id, dimension_id)
);
CREATE INDEX eval_answer_campaign_idx ON eval_answer (campaign_id);
CREATE INDEX eval_answer_org_path_idx ON eval_answer (org_path);

-- Per-dimension results, written by the close.
CREATE TABLE eval_result (
  evaluatee_id bigint NOT NULL REFERENCES eval_evaluatee(id) ON DELETE CASCADE,
  dimension_id bigint NOT NULL REFERENCES eval_dimension(id) ON DELETE CASCADE,
  campaign_id bigint NOT NULL REFERENCES eval_campaign(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  self_score numeric(7, 2),
  peer_score numeric(7, 2),
  resident_score numeric(7, 2),
  final_score numeric(7, 2),
  PRIMARY KEY (evaluatee_id, dimension_id)
);
CREATE INDEX eval_result_campaign_idx ON eval_result (campaign_id);
CREATE INDEX eval_result_org_path_idx ON eval_result (org_path);

-- 整改: for every rated evaluatee below the pass mark; closed when all three levels signed off.
CREATE TABLE eval_rectification (
  id bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES eval_campaign(id) ON DELETE CASCADE,
  evaluatee_id bigint NOT NULL UNIQUE REFERENCES eval_evaluatee(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  deadline date NOT NULL,
  measures text,
  reported_by bigint REFERENCES app_user(id),
  reported_at timestamptz,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX eval_rectification_org_path_idx ON eval_rectification (org_path, id DESC);

CREATE TABLE eval_signoff (
  rectification_id bigint NOT NULL REFERENCES eval_rectification(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  level text NOT NULL CHECK (level IN ('party', 'unit', 'resident')),
  signer text NOT NULL CHECK (length(signer) BETWEEN 1 AND 50),
  note text,
  recorded_by bigint NOT NULL REFERENCES app_user(id),
  signed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rectification_id, level)
);
CREATE INDEX eval_signoff_org_path_idx ON eval_signoff (org_path);

-- 考核指标体系: a tree of weighted indicators (siblings' weights sum to 100), the orgs it
-- assesses and the accounts that score it; each evaluator scores every leaf for every subject.
CREATE TABLE indicator_tree (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  purpose text NOT NULL CHECK (purpose IN ('community', 'experimentZone')),
  subject_ids bigint[] NOT NULL DEFAULT '{}',
  evaluator_ids bigint[] NOT NULL DEFAULT '{}',
  created_by bigint NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicator_tree_org_path_idx ON indicator_tree (org_path, id DESC);

CREATE TABLE indicator_node (
  id bigserial PRIMARY KEY,
  tree_id bigint NOT NULL REFERENCES indicator_tree(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  parent_id bigint REFERENCES indicator_node(id) ON DELETE CASCADE,
  position integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  weight integer NOT NULL CHECK (weight BETWEEN 0 AND 100)
);
CREATE INDEX indicator_node_tree_idx ON indicator_node (tree_id, parent_id, position);
CREATE INDEX indicator_node_org_path_idx ON indicator_node (org_path);

CREATE TABLE indicator_score (
  node_id bigint NOT NULL REFERENCES indicator_node(id) ON DELETE CASCADE,
  tree_id bigint NOT NULL REFERENCES indicator_tree(id) ON DELETE CASCADE,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  subject_id bigint NOT NULL REFERENCES org(id),
  evaluator_id bigint NOT NULL REFERENCES app_user(id),
  score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  scored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (node_id, subject_id, evaluator_id)
);
CREATE INDEX indicator_score_tree_idx ON indicator_score (tree_id);
CREATE INDEX indicator_score_org_path_idx ON indicator_score (org_path);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON eval_campaign, eval_dimension, eval_evaluatee, eval_score, eval_sample,
      eval_answer, eval_result, eval_rectification, eval_signoff, indicator_tree, indicator_node, indicator_score TO gongzhi_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO gongzhi_app;
  END IF;
END $$;
