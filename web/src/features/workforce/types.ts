/** Shapes of the workforce API (src/modules/workforce/schema.ts). */
export const CERT_LEVELS = ['none', 'assistant', 'intermediate', 'senior'] as const;
export const HELD_LEVELS = ['assistant', 'intermediate', 'senior'] as const;

export interface Station { id: number; orgId: number; orgName: string; level: string; name: string; address: string | null; openedOn: string | null; status: string; workers: number; actions: string[] }
export interface SocialWorker {
  id: number; orgId: number; orgName: string; name: string; userId: number | null; stationId: number | null; stationName: string | null; employer: string | null;
  phone: string | null; certLevel: string; certNo: string | null; certOn: string | null; status: string; actions: string[];
}
export interface Pay {
  year: number; annualWage: number; wageOrgName: string; coefficient: number; averageMonthly: number; gradePay: number; basePay: number; floored: boolean;
  allowance: number; monthly: number; annual: number;
}
export interface Profile {
  id: number; orgId: number; orgName: string; name: string; userId: number | null; phone: string | null; post: string; postName: string; grade: number;
  hiredOn: string | null; certLevel: string; certNo: string | null; certOn: string | null; status: string; trainingHours: number; pay: Pay | null; payProblem: string | null; actions: string[];
}
export interface ProfileDetail extends Profile {
  trainings: { id: number; heldOn: string; topic: string; hours: number; provider: string | null }[];
  bonuses: { id: number; certLevel: string; amount: number; awardedOn: string; note: string | null }[];
}
export interface LadderPost { code: string; name: string; minGrade: number; maxGrade: number }
export interface Config {
  orgId: number; orgName: string; year: number;
  ladder: { orgId: number; orgName: string; grades: { grade: number; coefficient: number }[]; posts: LadderPost[] };
  wage: { orgId: number; orgName: string; year: number; annualWage: number; source: string | null } | null;
  bonuses: { certLevel: string; oneTimeBonus: number; monthlyAllowance: number; orgName: string }[];
  wages: { orgId: number; orgName: string; year: number; annualWage: number; source: string | null }[];
  actions: string[];
}
