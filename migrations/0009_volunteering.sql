-- Volunteering (志愿服务): volunteers, activities, sign-ups with a waiting list, attendance.
-- Points are not kept here: confirmed attendance is paid through the points ledger
-- (src/modules/points/ledger.ts), and a sign-up keeps the ledger movement's id.

-- 志愿者: one per resident account. org_* is the account's org (community or grid).
CREATE TABLE volunteer (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL UNIQUE REFERENCES app_user(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  skills text[] NOT NULL DEFAULT '{}',
  skill_note text CHECK (skill_note IS NULL OR length(skill_note) <= 200),
  availability text[] NOT NULL DEFAULT '{}',
  phone_enc text,
  phone_hash text,
  phone_masked text,
  -- Sum of confirmed attendance minutes; kept by the confirming transaction.
  confirmed_minutes integer NOT NULL DEFAULT 0 CHECK (confirmed_minutes >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteer_org_path_idx ON volunteer (org_path);
CREATE INDEX volunteer_phone_hash_idx ON volunteer (phone_hash) WHERE phone_hash IS NOT NULL;

-- 志愿活动 / 党员活动 / 文体活动. org_* is the organizer (street, community or grid).
CREATE TABLE activity (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('volunteer', 'party', 'culture')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  place text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
  required_skills text[] NOT NULL DEFAULT '{}',
  point_rule text NOT NULL CHECK (point_rule IN ('perHour', 'perActivity')),
  points_per_hour integer NOT NULL DEFAULT 0 CHECK (points_per_hour BETWEEN 0 AND 1000),
  points_fixed integer NOT NULL DEFAULT 0 CHECK (points_fixed BETWEEN 0 AND 100000),
  day_cap integer NOT NULL CHECK (day_cap BETWEEN 0 AND 100000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled', 'finished')),
  signed_count integer NOT NULL DEFAULT 0 CHECK (signed_count >= 0 AND signed_count <= capacity),
  waiting_count integer NOT NULL DEFAULT 0 CHECK (waiting_count >= 0),
  cancel_reason text,
  created_by bigint NOT NULL REFERENCES app_user(id),
  published_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX activity_org_path_idx ON activity (org_path, starts_at);
CREATE INDEX activity_starts_idx ON activity (starts_at);

-- 报名 and attendance. status: signedUp (has a place), waiting (queued by queued_at), cancelled.
-- org_* copies the activity's organizer, so the organizer's staff see it by scope.
CREATE TABLE signup (
  id bigserial PRIMARY KEY,
  activity_id bigint NOT NULL REFERENCES activity(id),
  volunteer_id bigint NOT NULL REFERENCES volunteer(id),
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  status text NOT NULL CHECK (status IN ('signedUp', 'waiting', 'cancelled')),
  queued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  check_in_at timestamptz,
  check_out_at timestamptz,
  check_in_method text CHECK (check_in_method IN ('qr', 'manual')),
  minutes integer CHECK (minutes >= 0),
  points integer CHECK (points >= 0),
  confirmed_at timestamptz,
  confirmed_by bigint REFERENCES app_user(id),
  ledger_txn_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (activity_id, volunteer_id),
  CHECK (check_out_at IS NULL OR (check_in_at IS NOT NULL AND check_out_at >= check_in_at))
);
CREATE INDEX signup_activity_idx ON signup (activity_id, status, queued_at);
CREATE INDEX signup_volunteer_idx ON signup (volunteer_id, confirmed_at);
CREATE INDEX signup_org_path_idx ON signup (org_path);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON volunteer, activity, signup TO gongzhi_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO gongzhi_app;
  END IF;
END $$;
