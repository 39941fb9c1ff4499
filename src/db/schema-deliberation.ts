import type { ColumnType, Generated } from 'kysely';

/** Kysely table types of src/modules/deliberation (migrations/0014_deliberation.sql); kept in step with it by hand. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string, string | undefined, string>;
type Json = ColumnType<unknown, string | undefined, string>;
type Def<T> = ColumnType<T, T | undefined, T>;

export type BodyKind = 'council' | 'group' | 'other';
export type BodyStatus = 'active' | 'dissolved';
export type MemberKind = 'partyMember' | 'buildingHead' | 'residentRep' | 'partnerUnit' | 'other';
export type MemberStatus = 'active' | 'left';
export type TopicKind = 'topic' | 'wish';
export type TopicField = 'sanitation' | 'security' | 'livelihood' | 'environment' | 'culture' | 'property' | 'traffic' | 'other';
export type TopicSource = 'resident' | 'gridWorker' | 'partnerUnit' | 'representative' | 'worker';
export type TopicStatus =
  | 'raised' | 'accepted' | 'deliberating' | 'voting' | 'adopted' | 'rejected' | 'implementing' | 'done'
  | 'closed' | 'merged' | 'declined';
export type MeetingForm = 'committee' | 'discussion' | 'dialogue' | 'hearing' | 'review' | 'consultation' | 'custom';
export type MeetingStatus = 'planned' | 'held' | 'cancelled';
export type ConsultationMode = 'written' | 'online';
export type Outcome = 'adopted' | 'rejected';
export type OwnerKind = 'ownersCommittee' | 'residentReps' | 'partnerUnit' | 'communityWorker' | 'other';
export type TaskStatus = 'open' | 'done' | 'cancelled';

export interface DelibBodyTable {
  id: Generated<number>; org_id: number; org_path: string; name: string; kind: Def<BodyKind>;
  estate_id: number | null; description: string | null; status: Def<BodyStatus>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface DelibBodyMemberTable {
  id: Generated<number>; body_id: number; org_id: number; org_path: string; user_id: number | null;
  name: string; member_kind: MemberKind; status: Def<MemberStatus>; note: string | null;
  joined_on: Day; left_on: string | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface DelibFormTable {
  id: Generated<number>; org_id: number; org_path: string; name: string; description: string | null;
  status: Def<'active' | 'retired'>; created_by: number | null; created_at: Generated<Date>;
}

export interface DelibTopicTable {
  id: Generated<number>; org_id: number; org_path: string; kind: Def<TopicKind>; title: string; description: string;
  field: TopicField; source: TopicSource; raiser_user_id: number | null; raiser_name: string;
  status: Def<TopicStatus>; merged_into_id: number | null; reason: string | null;
  body_id: number | null; vote_id: number | null; photo_ids: Def<number[]>;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface DelibTopicEventTable {
  id: Generated<number>; topic_id: number; org_id: number; org_path: string; kind: string;
  from_status: string | null; to_status: string | null; note: string | null; data: Json | null;
  actor_id: number | null; actor_name: string | null; created_at: Generated<Date>;
}

export interface DelibMeetingTable {
  id: Generated<number>; org_id: number; org_path: string; body_id: number; form: MeetingForm; form_id: number | null;
  title: string; agenda: string; starts_at: Timestamp; place: string; status: Def<MeetingStatus>;
  minutes: string | null; minutes_by: number | null; minutes_at: Date | null;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface DelibMeetingTopicTable { meeting_id: number; topic_id: number }

export interface DelibMeetingAttendeeTable { meeting_id: number; member_id: number; org_id: number; org_path: string; present: boolean }

export interface DelibAttachmentTable {
  id: Generated<number>; org_id: number; org_path: string; meeting_id: number; file_name: string;
  content_type: string; size: number; sha256: string; data: Buffer; uploaded_by: number | null; created_at: Generated<Date>;
}

export interface DelibConsultationTable {
  id: Generated<number>; org_id: number; org_path: string; topic_id: number; mode: ConsultationMode;
  title: string; question: string; closes_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>; status: Def<'open' | 'closed'>; summary: string | null;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface DelibCommentTable {
  id: Generated<number>; consultation_id: number; org_id: number; org_path: string; parent_id: number | null;
  author_id: number; author_name: string; body: string; hidden: Def<boolean>; hidden_reason: string | null;
  hidden_by: number | null; hidden_at: Date | null; created_at: Generated<Date>;
}

export interface DelibDecisionTable {
  id: Generated<number>; topic_id: number; org_id: number; org_path: string; outcome: Outcome; vote_id: number | null;
  eligible: number | null; cast_count: number | null; quorum_met: boolean | null; counts: Json | null;
  summary: string | null; decided_by: number | null; decided_at: Generated<Date>;
}

export interface DelibTaskTable {
  id: Generated<number>; decision_id: number; topic_id: number; org_id: number; org_path: string;
  title: string; description: string | null; owner_kind: OwnerKind; owner_name: string; owner_user_id: number | null;
  due_on: string; progress: Def<number>; status: Def<TaskStatus>; done_at: Date | null;
  created_by: number | null; created_at: Generated<Date>; updated_at: Timestamp;
}

export interface DelibTaskUpdateTable {
  id: Generated<number>; task_id: number; org_id: number; org_path: string; note: string; progress: number;
  author_id: number | null; author_name: string | null; photo_ids: Def<number[]>; created_at: Generated<Date>;
}

export interface DeliberationTables {
  delib_body: DelibBodyTable;
  delib_body_member: DelibBodyMemberTable;
  delib_form: DelibFormTable;
  delib_topic: DelibTopicTable;
  delib_topic_event: DelibTopicEventTable;
  delib_meeting: DelibMeetingTable;
  delib_meeting_topic: DelibMeetingTopicTable;
  delib_meeting_attendee: DelibMeetingAttendeeTable;
  delib_attachment: DelibAttachmentTable;
  delib_consultation: DelibConsultationTable;
  delib_comment: DelibCommentTable;
  delib_decision: DelibDecisionTable;
  delib_task: DelibTaskTable;
  delib_task_update: DelibTaskUpdateTable;
}
