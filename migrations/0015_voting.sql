-- Voting (表决): votes with an electorate fixed at opening, one ballot per voter or per
-- household, secret or open ballots, receipts, exact tallies and a public recount.
-- CONTRACT: the electorate of a 'body' vote is read from delib_body / delib_body_member
-- (migration 0014) when the vote opens; no foreign keys to them here.

-- 表决. The rule (method, options, quorum, threshold, secrecy) is fixed once the first
-- ballot is cast (rule_locked_at); the electorate once the vote opens (vote_elector).
CREATE TABLE vote (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description text CHECK (description IS NULL OR length(description) <= 4000),
  subject_type text CHECK (subject_type IN ('topic', 'microRound', 'other')),
  subject_id bigint,
  electorate_kind text NOT NULL CHECK (electorate_kind IN ('body', 'households', 'adults')),
  -- body: the body's id; households/adults: the org whose subtree votes (+ optional estate/building).
  electorate_body_id bigint,
  electorate_org_id bigint REFERENCES org(id),
  electorate_estate_id bigint REFERENCES estate(id),
  electorate_building_id bigint REFERENCES building(id),
  method text NOT NULL CHECK (method IN ('yesNo', 'choice')),
  min_choices integer NOT NULL DEFAULT 1 CHECK (min_choices >= 0),
  max_choices integer NOT NULL DEFAULT 1 CHECK (max_choices >= 1 AND max_choices >= min_choices),
  secret boolean NOT NULL,
  quorum_num integer NOT NULL CHECK (quorum_num >= 0),
  quorum_den integer NOT NULL CHECK (quorum_den >= 1 AND quorum_num <= quorum_den),
  threshold_num integer NOT NULL CHECK (threshold_num >= 0),
  threshold_den integer NOT NULL CHECK (threshold_den >= 1 AND threshold_num <= threshold_den),
  threshold_of text NOT NULL CHECK (threshold_of IN ('electorate', 'cast', 'decisive')),
  closes_at timestamptz,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'published')),
  eligible integer CHECK (eligible >= 0),
  rule_locked_at timestamptz,
  opened_at timestamptz,
  closed_at timestamptz,
  published_at timestamptz,
  -- The stored result (set by closing): counts per option key, cast, verdict, and the
  -- SHA-256 of the sorted published ballot list, so a downloaded list can be checked.
  cast_count integer CHECK (cast_count >= 0),
  quorum_met boolean,
  passed boolean,
  counts jsonb,
  ballots_digest text,
  created_by bigint REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((subject_type IS NULL) = (subject_id IS NULL)),
  CHECK ((electorate_kind = 'body') = (electorate_body_id IS NOT NULL)),
  CHECK (electorate_kind = 'body' OR electorate_org_id IS NOT NULL)
);
CREATE INDEX vote_org_path_idx ON vote (org_path, id DESC);
CREATE INDEX vote_subject_idx ON vote (subject_type, subject_id);
CREATE INDEX vote_open_idx ON vote (closes_at) WHERE status = 'open';

-- Options in display order; yesNo votes get approve / reject / abstain.
CREATE TABLE vote_option (
  vote_id bigint NOT NULL REFERENCES vote(id) ON DELETE CASCADE,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 40),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  position integer NOT NULL,
  PRIMARY KEY (vote_id, key)
);

-- The electorate snapshot taken at opening: each account that may cast, and the voter it
-- casts for (voter_key = the user for body/adults votes, the household for household votes,
-- so several adults of one household share one voter_key and one ballot).
CREATE TABLE vote_elector (
  vote_id bigint NOT NULL REFERENCES vote(id),
  user_id bigint NOT NULL REFERENCES app_user(id),
  voter_key bigint NOT NULL,
  PRIMARY KEY (vote_id, user_id)
);
CREATE INDEX vote_elector_key_idx ON vote_elector (vote_id, voter_key);
CREATE INDEX vote_elector_user_idx ON vote_elector (user_id);

-- Participation: who voted (known even for secret votes). The primary key is the
-- one-ballot rule: a second ballot for the same voter is a unique violation, whatever the
-- concurrency. receipt links to the ballot for open votes only; NULL for secret votes.
CREATE TABLE vote_participation (
  vote_id bigint NOT NULL REFERENCES vote(id),
  voter_key bigint NOT NULL,
  cast_by bigint NOT NULL REFERENCES app_user(id),
  cast_at timestamptz NOT NULL DEFAULT now(),
  receipt text,
  PRIMARY KEY (vote_id, voter_key)
);

-- Ballots: content only. No voter, no time, no serial id: for secret votes nothing in this
-- row links it to a participation row. The receipt (random, base32) is the voter's proof.
CREATE TABLE vote_ballot (
  vote_id bigint NOT NULL REFERENCES vote(id),
  receipt text NOT NULL CHECK (receipt ~ '^[A-Z2-7]{20}$'),
  choices text[] NOT NULL,
  PRIMARY KEY (vote_id, receipt)
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON vote, vote_option, vote_elector TO gongzhi_app;
    -- Participation and ballots are append-only for the app.
    GRANT SELECT, INSERT ON vote_participation, vote_ballot TO gongzhi_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO gongzhi_app;
  END IF;
END $$;
