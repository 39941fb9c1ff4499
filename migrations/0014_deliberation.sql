-- 议事协商 (issue 6, deliberation part): topics and wishes with their history, standing
-- deliberation bodies and representatives, custom forms (6+X), meetings with attendance,
-- minutes and attachments, consultations with comment threads, decisions and follow-up
-- tasks. Design: docs/deliberation.md. Every business table carries the owning org's id
-- and path (C collation) so data scope is one prefix match.
--
-- CONTRACT: delib_body and delib_body_member are read (SELECT only) by src/modules/voting
-- when a vote of kind 'body' opens; their columns id, org_id, org_path, name, status and
-- body_id, user_id, name, member_kind, status are fixed.

-- 议事会 / 组团: a standing body of a community (optionally of one estate).
CREATE TABLE delib_body (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind text NOT NULL DEFAULT 'council' CHECK (kind IN ('council', 'group', 'other')),
  estate_id bigint REFERENCES estate(id),
  description text CHECK (length(description) <= 2000),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dissolved')),
  created_by bigint REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delib_body_org_path_idx ON delib_body (org_path, id DESC);

-- Representatives: party members, building heads, resident representatives, partner units.
-- user_id links the representative's account (without one they cannot vote online).
CREATE TABLE delib_body_member (
  id bigserial PRIMARY KEY,
  body_id bigint NOT NULL REFERENCES delib_body(id),
  org_id bigint NOT NULL,
  org_path text COLLATE "C" NOT NULL,
  user_id bigint REFERENCES app_user(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  member_kind text NOT NULL CHECK (member_kind IN ('partyMember', 'buildingHead', 'residentRep', 'partnerUnit', 'other')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left')),
  note text CHECK (length(note) <= 200),
  joined_on date NOT NULL DEFAULT current_date,
  left_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delib_body_member_body_idx ON delib_body_member (body_id, status, id);
CREATE INDEX delib_body_member_org_path_idx ON delib_body_member (org_path);
-- One active seat per account in a body.
CREATE UNIQUE INDEX delib_body_member_user_key ON delib_body_member (body_id, user_id) WHERE status = 'active' AND user_id IS NOT NULL;

-- 6+X: the six default forms are fixed in code (policy.ts DEFAULT_FORMS); a community adds its own here.
CREATE TABLE delib_form (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  description text CHECK (length(description) <= 500),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  created_by bigint REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX delib_form_org_name_key ON delib_form (org_id, name);
CREATE INDEX delib_form_org_path_idx ON delib_form (org_path);

-- 议题 and 微心愿.
CREATE TABLE delib_topic (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  kind text NOT NULL DEFAULT 'topic' CHECK (kind IN ('topic', 'wish')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  field text NOT NULL CHECK (field IN ('sanitation', 'security', 'livelihood', 'environment', 'culture', 'property', 'traffic', 'other')),
  source text NOT NULL CHECK (source IN ('resident', 'gridWorker', 'partnerUnit', 'representative', 'worker')),
  raiser_user_id bigint REFERENCES app_user(id),
  raiser_name text NOT NULL CHECK (length(raiser_name) BETWEEN 1 AND 100),
  status text NOT NULL DEFAULT 'raised' CHECK (status IN (
    'raised', 'accepted', 'deliberating', 'voting', 'adopted', 'rejected', 'implementing', 'done', 'closed', 'merged', 'declined')),
  merged_into_id bigint REFERENCES delib_topic(id),
  reason text CHECK (length(reason) <= 1000),
  body_id bigint REFERENCES delib_body(id),
  -- The vote of src/modules/voting (no foreign key: its table comes in a later migration).
  vote_id bigint,
  created_by bigint REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'merged') = (merged_into_id IS NOT NULL)),
  CHECK (status NOT IN ('merged', 'declined', 'closed') OR reason IS NOT NULL)
);
CREATE INDEX delib_topic_org_path_idx ON delib_topic (org_path, id DESC);
CREATE INDEX delib_topic_raiser_idx ON delib_topic (raiser_user_id, id DESC);
CREATE INDEX delib_topic_status_idx ON delib_topic (status, field);
CREATE INDEX delib_topic_title_trgm_idx ON delib_topic USING gin (title gin_trgm_ops);
CREATE UNIQUE INDEX delib_topic_vote_key ON delib_topic (vote_id) WHERE vote_id IS NOT NULL;

-- Every change of a topic: who, when, what (shown to the raiser: 事事有回音).
CREATE TABLE delib_topic_event (
  id bigserial PRIMARY KEY,
  topic_id bigint NOT NULL REFERENCES delib_topic(id),
  org_id bigint NOT NULL,
  org_path text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
  from_status text,
  to_status text,
  note text CHECK (length(note) <= 2000),
  data jsonb,
  actor_id bigint REFERENCES app_user(id),
  actor_name text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delib_topic_event_topic_idx ON delib_topic_event (topic_id, id);
CREATE INDEX delib_topic_event_org_path_idx ON delib_topic_event (org_path);

-- Meetings of a body in one of the forms.
CREATE TABLE delib_meeting (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  body_id bigint NOT NULL REFERENCES delib_body(id),
  form text NOT NULL CHECK (form IN ('committee', 'discussion', 'dialogue', 'hearing', 'review', 'consultation', 'custom')),
  form_id bigint REFERENCES delib_form(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  agenda text NOT NULL CHECK (length(agenda) BETWEEN 1 AND 4000),
  starts_at timestamptz NOT NULL,
  place text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  minutes text CHECK (length(minutes) <= 20000),
  minutes_by bigint REFERENCES app_user(id),
  minutes_at timestamptz,
  created_by bigint REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((form = 'custom') = (form_id IS NOT NULL))
);
CREATE INDEX delib_meeting_org_path_idx ON delib_meeting (org_path, starts_at DESC);
CREATE INDEX delib_meeting_body_idx ON delib_meeting (body_id, starts_at DESC);

CREATE TABLE delib_meeting_topic (
  meeting_id bigint NOT NULL REFERENCES delib_meeting(id),
  topic_id bigint NOT NULL REFERENCES delib_topic(id),
  PRIMARY KEY (meeting_id, topic_id)
);
CREATE INDEX delib_meeting_topic_topic_idx ON delib_meeting_topic (topic_id);

-- Attendance: one row per member of the body, present or absent.
CREATE TABLE delib_meeting_attendee (
  meeting_id bigint NOT NULL REFERENCES delib_meeting(id),
  member_id bigint NOT NULL REFERENCES delib_body_member(id),
  org_id bigint NOT NULL,
  org_path text COLLATE "C" NOT NULL,
  present boolean NOT NULL,
  PRIMARY KEY (meeting_id, member_id)
);
CREATE INDEX delib_meeting_attendee_org_path_idx ON delib_meeting_attendee (org_path);

-- Files of a meeting (minutes scans, photos, documents), kept in the database like
-- gridwork's attachment so backups, scope and deletion follow the rows.
CREATE TABLE delib_attachment (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  meeting_id bigint NOT NULL REFERENCES delib_meeting(id),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
  size integer NOT NULL CHECK (size > 0 AND size <= 5242880),
  sha256 text NOT NULL,
  data bytea NOT NULL,
  uploaded_by bigint REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delib_attachment_meeting_idx ON delib_attachment (meeting_id, id);
CREATE INDEX delib_attachment_org_path_idx ON delib_attachment (org_path);

-- 书面征询 / 网上征询 on a topic.
CREATE TABLE delib_consultation (
  id bigserial PRIMARY KEY,
  org_id bigint NOT NULL REFERENCES org(id),
  org_path text COLLATE "C" NOT NULL,
  topic_id bigint NOT NULL REFERENCES delib_topic(id),
  mode text NOT NULL CHECK (mode IN ('written', 'online')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  question text NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
  closes_at timestamptz,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  summary text CHECK (length(summary) <= 4000),
  created_by bigint REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delib_consultation_org_path_idx ON delib_consultation (org_path, id DESC);
CREATE INDEX delib_consultation_topic_idx ON delib_consultation (topic_id);

CREATE TABLE delib_comment (
  id bigserial PRIMARY KEY,
  consultation_id bigint NOT NULL REFERENCES delib_consultation(id),
  org_id bigint NOT NULL,
  org_path text COLLATE "C" NOT NULL,
  parent_id bigint REFERENCES delib_comment(id),
  author_id bigint NOT NULL REFERENCES app_user(id),
  author_name text NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  hidden boolean NOT NULL DEFAULT false,
  hidden_reason text CHECK (length(hidden_reason) <= 500),
  hidden_by bigint REFERENCES app_user(id),
  hidden_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT hidden OR hidden_reason IS NOT NULL)
);
CREATE INDEX delib_comment_consultation_idx ON delib_comment (consultation_id, id);
CREATE INDEX delib_comment_org_path_idx ON delib_comment (org_path);

-- The decision on a topic (from its vote, or recorded by a worker after a meeting).
CREATE TABLE delib_decision (
  id bigserial PRIMARY KEY,
  topic_id bigint NOT NULL UNIQUE REFERENCES delib_topic(id),
  org_id bigint NOT NULL,
  org_path text COLLATE "C" NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('adopted', 'rejected')),
  vote_id bigint,
  eligible integer,
  cast_count integer,
  quorum_met boolean,
  counts jsonb,
  summary text CHECK (length(summary) <= 4000),
  decided_by bigint REFERENCES app_user(id),
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delib_decision_org_path_idx ON delib_decision (org_path, id DESC);

-- Follow-up tasks of an adopted decision.
CREATE TABLE delib_task (
  id bigserial PRIMARY KEY,
  decision_id bigint NOT NULL REFERENCES delib_decision(id),
  topic_id bigint NOT NULL REFERENCES delib_topic(id),
  org_id bigint NOT NULL,
  org_path text COLLATE "C" NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description text CHECK (length(description) <= 2000),
  owner_kind text NOT NULL CHECK (owner_kind IN ('ownersCommittee', 'residentReps', 'partnerUnit', 'communityWorker', 'other')),
  owner_name text NOT NULL CHECK (length(owner_name) BETWEEN 1 AND 100),
  owner_user_id bigint REFERENCES app_user(id),
  due_on date NOT NULL,
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  done_at timestamptz,
  created_by bigint REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delib_task_org_path_idx ON delib_task (org_path, status, due_on);
CREATE INDEX delib_task_topic_idx ON delib_task (topic_id, id);

CREATE TABLE delib_task_update (
  id bigserial PRIMARY KEY,
  task_id bigint NOT NULL REFERENCES delib_task(id),
  org_id bigint NOT NULL,
  org_path text COLLATE "C" NOT NULL,
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
  progress integer NOT NULL CHECK (progress BETWEEN 0 AND 100),
  author_id bigint REFERENCES app_user(id),
  author_name text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delib_task_update_task_idx ON delib_task_update (task_id, id);
CREATE INDEX delib_task_update_org_path_idx ON delib_task_update (org_path);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongzhi_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON delib_body, delib_body_member, delib_form, delib_topic, delib_topic_event,
      delib_meeting, delib_meeting_topic, delib_meeting_attendee, delib_attachment, delib_consultation, delib_comment,
      delib_decision, delib_task, delib_task_update TO gongzhi_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO gongzhi_app;
  END IF;
END $$;
