-- Projects (项目): government-purchased services (政府购买服务), venture grants (公益创投) and
-- linkage projects (三社联动项目), from a community's application through review, funding,
-- award, implementation and supervision to acceptance and closure.
-- Money is integer fen (分) in bigint columns everywhere: exact, no rounding.
-- Fund figures are kept by the transactions that move them, under the fund's / line's /
-- project's row lock, and CHECK constraints here are the last line:
--   sum(line.amount) = fund.allocated <= fund.amount
--   line.committed (approved − released of its projects) <= line.amount, line.paid <= line.committed
--   project.paid <= project.approved − project.released

-- 资金池: a yearly fund of a district or street (org_*), of one kind.
CREATE TABLE project_fund (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind text NOT NULL CHECK (kind IN ('purchasedService', 'ventureGrant', 'linkage')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  amount bigint NOT NULL CHECK (amount > 0 AND amount <= 100000000000),
  allocated bigint NOT NULL DEFAULT 0 CHECK (allocated >= 0),
  created_by bigint NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (allocated <= amount),
  UNIQUE (org_id, year, name)
);
CREATE INDEX project_fund_org_path_idx ON project_fund (org_path, year);

-- 预算科目: a part of a fund set aside for a purpose; projects are approved against a line.
CREATE TABLE project_budget_line (
  id bigserial PRIMARY KEY,
  fund_id bigint NOT NULL REFERENCES project_fund(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  amount bigint NOT NULL CHECK (amount > 0),
  committed bigint NOT NULL DEFAULT 0 CHECK (committed >= 0),
  paid bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (committed <= amount),
  CHECK (paid <= committed),
  UNIQUE (fund_id, name)
);
CREATE INDEX project_budget_line_org_path_idx ON project_budget_line (org_path);

-- 项目. org_* is the applying community (the scope key).
CREATE TABLE project (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('purchasedService', 'ventureGrant', 'linkage')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  need text NOT NULL CHECK (length(need) BETWEEN 1 AND 4000),
  linked_needs text NOT NULL DEFAULT '' CHECK (length(linked_needs) <= 500),
  beneficiaries_target integer NOT NULL CHECK (beneficiaries_target BETWEEN 1 AND 1000000),
  period_start date NOT NULL,
  period_end date NOT NULL,
  budget_items jsonb NOT NULL DEFAULT '[]',
  requested_amount bigint NOT NULL CHECK (requested_amount > 0 AND requested_amount <= 100000000000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'rejected', 'approved', 'bidding', 'evaluating', 'implementing', 'accepted', 'closed')),
  applied_by bigint NOT NULL REFERENCES app_user(id),
  submitted_at timestamptz,
  review_note text,
  reviewed_by bigint REFERENCES app_user(id),
  reviewed_at timestamptz,
  line_id bigint REFERENCES project_budget_line(id),
  approved_amount bigint NOT NULL DEFAULT 0 CHECK (approved_amount >= 0),
  award_mode text CHECK (award_mode IN ('direct', 'competition')),
  bid_deadline timestamptz,
  criteria jsonb NOT NULL DEFAULT '[]',
  awardee_kind text CHECK (awardee_kind IN ('socialOrg', 'socialWorker')),
  social_org_id bigint REFERENCES social_org(id),
  social_worker_id bigint REFERENCES social_worker(id),
  awardee_name text,
  awarded_at timestamptz,
  awarded_by bigint REFERENCES app_user(id),
  paid_amount bigint NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
  released_amount bigint NOT NULL DEFAULT 0 CHECK (released_amount >= 0),
  served_count integer NOT NULL DEFAULT 0 CHECK (served_count >= 0),
  acceptance_result text CHECK (acceptance_result IN ('passed', 'failed')),
  acceptance_score numeric(5, 1) CHECK (acceptance_score BETWEEN 0 AND 100),
  acceptance_note text,
  accepted_by bigint REFERENCES app_user(id),
  accepted_at timestamptz,
  closure_note text,
  closed_by bigint REFERENCES app_user(id),
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start),
  CHECK (approved_amount <= requested_amount),
  CHECK (paid_amount + released_amount <= approved_amount),
  CHECK (approved_amount = 0 OR line_id IS NOT NULL),
  CHECK ((awardee_kind IS NULL) = (social_org_id IS NULL AND social_worker_id IS NULL)),
  CHECK (awardee_kind IS NULL OR (awardee_kind = 'socialOrg') = (social_org_id IS NOT NULL))
);
CREATE INDEX project_org_path_idx ON project (org_path, id);
CREATE INDEX project_line_idx ON project (line_id) WHERE line_id IS NOT NULL;
CREATE INDEX project_social_org_idx ON project (social_org_id) WHERE social_org_id IS NOT NULL;
CREATE INDEX project_social_worker_idx ON project (social_worker_id) WHERE social_worker_id IS NOT NULL;
CREATE INDEX project_status_idx ON project (status, id);

-- 投标: one per (project, social organization) in a competition.
CREATE TABLE project_bid (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES project(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  social_org_id bigint NOT NULL REFERENCES social_org(id),
  social_org_name text NOT NULL,
  price bigint NOT NULL CHECK (price > 0),
  plan text NOT NULL CHECK (length(plan) BETWEEN 1 AND 4000),
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'awarded', 'lost')),
  submitted_by bigint NOT NULL REFERENCES app_user(id),
  submitted_at timestamptz NOT NULL DEFAULT now(),
  score_count integer NOT NULL DEFAULT 0 CHECK (score_count >= 0),
  score_sum numeric(12, 1) NOT NULL DEFAULT 0,
  UNIQUE (project_id, social_org_id)
);
CREATE INDEX project_bid_org_path_idx ON project_bid (org_path);
CREATE INDEX project_bid_social_org_idx ON project_bid (social_org_id);

-- A reviewer's scores of one bid on the competition's criteria (one row per reviewer).
CREATE TABLE project_bid_score (
  bid_id bigint NOT NULL REFERENCES project_bid(id),
  reviewer_id bigint NOT NULL REFERENCES app_user(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  scores jsonb NOT NULL,
  total numeric(8, 1) NOT NULL CHECK (total >= 0),
  scored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bid_id, reviewer_id)
);
CREATE INDEX project_bid_score_org_path_idx ON project_bid_score (org_path);

-- 项目节点: planned, then done.
CREATE TABLE project_milestone (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES project(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  due_on date NOT NULL,
  done_at timestamptz,
  done_note text,
  created_by bigint NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_milestone_project_idx ON project_milestone (project_id, due_on);
CREATE INDEX project_milestone_org_path_idx ON project_milestone (org_path);

-- Activities held (项目活动) and beneficiaries served (服务对象).
CREATE TABLE project_activity (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES project(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  held_on date NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  participants integer NOT NULL CHECK (participants BETWEEN 0 AND 100000),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  created_by bigint NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_activity_project_idx ON project_activity (project_id, held_on);
CREATE INDEX project_activity_org_path_idx ON project_activity (org_path);

CREATE TABLE project_beneficiary (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES project(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  served_on date NOT NULL,
  count integer NOT NULL CHECK (count BETWEEN 1 AND 100000),
  resident_id bigint REFERENCES resident(id),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  created_by bigint NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (resident_id IS NULL OR count = 1)
);
CREATE INDEX project_beneficiary_project_idx ON project_beneficiary (project_id, served_on);
CREATE INDEX project_beneficiary_org_path_idx ON project_beneficiary (org_path);

-- 拨付批次: requested by the awardee, approved, then paid by the street (or rejected).
CREATE TABLE project_tranche (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES project(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  amount bigint NOT NULL CHECK (amount > 0),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
  evidence text NOT NULL DEFAULT '' CHECK (length(evidence) <= 1000),
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved', 'paid', 'rejected')),
  requested_by bigint NOT NULL REFERENCES app_user(id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  approved_by bigint REFERENCES app_user(id),
  approved_at timestamptz,
  paid_by bigint REFERENCES app_user(id),
  paid_at timestamptz,
  payment_ref text CHECK (payment_ref IS NULL OR length(payment_ref) <= 200),
  rejected_by bigint REFERENCES app_user(id),
  rejected_at timestamptz,
  reject_reason text,
  UNIQUE (project_id, seq),
  CHECK (status <> 'approved' OR approved_at IS NOT NULL),
  CHECK (status <> 'paid' OR (approved_at IS NOT NULL AND paid_at IS NOT NULL AND paid_by IS NOT NULL)),
  CHECK (status <> 'rejected' OR (rejected_at IS NOT NULL AND reject_reason IS NOT NULL))
);
CREATE INDEX project_tranche_project_idx ON project_tranche (project_id, seq);
CREATE INDEX project_tranche_org_path_idx ON project_tranche (org_path, id);

-- 监督记录: residents' feedback and complaints, community site visits; staff may reply (事事有回音).
CREATE TABLE project_supervision (
  id bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES project(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('feedback', 'complaint', 'siteVisit')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  rating integer CHECK (rating BETWEEN 1 AND 5),
  author_id bigint NOT NULL REFERENCES app_user(id),
  author_name text NOT NULL,
  author_role text NOT NULL,
  reply text CHECK (reply IS NULL OR length(reply) <= 2000),
  replied_by bigint REFERENCES app_user(id),
  replied_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_supervision_project_idx ON project_supervision (project_id, id);
CREATE INDEX project_supervision_org_path_idx ON project_supervision (org_path);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON project_fund, project_budget_line, project, project_bid, project_bid_score,
      project_milestone, project_activity, project_beneficiary, project_tranche, project_supervision TO gongzhi_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO gongzhi_app;
  END IF;
END $$;
