/** Shapes of the deliberation API (src/modules/deliberation/schema.ts). */
export type TopicStatus = 'raised' | 'accepted' | 'deliberating' | 'voting' | 'adopted' | 'rejected' | 'implementing' | 'done' | 'closed' | 'merged' | 'declined';
export type TopicField = 'sanitation' | 'security' | 'livelihood' | 'environment' | 'culture' | 'property' | 'traffic' | 'other';
export type OwnerKind = 'ownersCommittee' | 'residentReps' | 'partnerUnit' | 'communityWorker' | 'other';
export type MemberKind = 'partyMember' | 'buildingHead' | 'residentRep' | 'partnerUnit' | 'other';
export type Filter = Record<string, string | number | boolean | undefined>;

export interface Topic {
  id: number; orgId: number; orgName: string; kind: 'topic' | 'wish'; title: string; description: string; field: TopicField;
  source: string; raiserName: string; mine: boolean; status: TopicStatus; reason: string | null;
  mergedInto: { id: number; title: string } | null; bodyId: number | null; voteId: number | null; photos: string[]; createdAt: string; updatedAt: string; actions: string[];
}
export interface TopicEvent { id: number; kind: string; fromStatus: string | null; toStatus: string | null; note: string | null; actorName: string | null; data: Record<string, unknown> | null; createdAt: string }
export interface Decision {
  id: number; topicId: number; outcome: 'adopted' | 'rejected'; voteId: number | null; eligible: number | null; cast: number | null;
  quorumMet: boolean | null; counts: Record<string, number> | null; summary: string | null; decidedAt: string;
}
export interface DecisionRow extends Decision { orgName: string; topicTitle: string; topicField: TopicField; tasks: number; tasksDone: number }
export interface Task {
  id: number; topicId: number; topicTitle: string; orgName: string; title: string; description: string | null; ownerKind: OwnerKind; ownerName: string;
  dueOn: string; progress: number; status: 'open' | 'done' | 'cancelled'; overdue: boolean; doneAt: string | null; actions: string[];
}
export interface TaskUpdate { id: number; note: string; progress: number; authorName: string | null; photos: string[]; createdAt: string }
export interface TaskDetail { task: Task; updates: TaskUpdate[] }
export interface TopicDetail {
  topic: Topic; events: TopicEvent[]; decision: Decision | null; tasks: TaskDetail[];
  consultations: { id: number; title: string; mode: string; status: string }[];
  meetings: { id: number; title: string; startsAt: string; status: string }[];
  mergedHere: { id: number; title: string }[];
}
export interface Body {
  id: number; orgId: number; orgName: string; name: string; kind: 'council' | 'group' | 'other'; estateName: string | null; description: string | null;
  status: 'active' | 'dissolved'; members: number; membersWithAccount: number; actions: string[];
}
export interface Member { id: number; userId: number | null; userName: string | null; name: string; memberKind: MemberKind; status: 'active' | 'left'; note: string | null; joinedOn: string; leftOn: string | null; actions: string[] }
export interface BodyDetail { body: Body; members: Member[] }
export interface Form { key: string; id: number | null; orgId: number | null; name: string; description: string | null; builtin: boolean; status: 'active' | 'retired'; actions: string[] }
export interface Meeting {
  id: number; orgName: string; bodyId: number; bodyName: string; form: string; formName: string; title: string; agenda: string; startsAt: string; place: string;
  status: 'planned' | 'held' | 'cancelled'; minutes: string | null; minutesAt: string | null; present: number; absent: number; actions: string[];
}
export interface MeetingDetail {
  meeting: Meeting; attendees: { memberId: number; name: string; memberKind: MemberKind; present: boolean | null }[];
  topics: { id: number; title: string; status: TopicStatus }[]; attachments: { id: number; fileName: string; contentType: string; size: number; url: string }[];
}
export interface Consultation {
  id: number; orgName: string; topicId: number; topicTitle: string; mode: 'written' | 'online'; title: string; question: string; closesAt: string | null;
  status: 'open' | 'closed'; open: boolean; summary: string | null; comments: number; createdAt: string; actions: string[];
}
export interface Comment { id: number; parentId: number | null; authorName: string; mine: boolean; body: string | null; hidden: boolean; hiddenReason: string | null; createdAt: string; actions: string[] }
export interface ConsultationDetail { consultation: Consultation; comments: Comment[] }
