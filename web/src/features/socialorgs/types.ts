/** Shapes of the social-organization API (src/modules/socialorgs/schema.ts). */
export const FILINGS = ['registered', 'filed'] as const;
export const CATEGORIES = ['life_service', 'charity', 'culture_sports', 'mediation', 'elderly', 'other'] as const;
export const ORG_STATUSES = ['active', 'suspended', 'deregistered'] as const;
export const BASE_LEVELS = ['government', 'street', 'community'] as const;
export const SERVICE_KINDS = ['capacity_training', 'growth_assessment', 'project_guidance', 'resource_matching', 'venue_support', 'registration_assistance'] as const;
export const DIMENSIONS = ['governance', 'capacity', 'projects', 'finance', 'influence'] as const;

export interface SocialOrg {
  id: number; orgId: number; orgName: string; name: string; filing: string; category: string; creditCode: string | null; filingNo: string | null;
  registeredOn: string | null; legalPersonName: string; legalPersonId: string | null; legalPersonPhone: string | null; contactName: string | null;
  contactPhone: string | null; address: string | null; memberCount: number; description: string | null; status: string; statusReason: string | null;
  statusChangedAt: string | null; staffCount: number; incubating: boolean; latestLevel: string | null; createdAt: string; actions: string[];
}
export interface SocialOrgDetail extends SocialOrg {
  area: { orgId: number; name: string }[];
  staff: { userId: number; username: string; displayName: string; title: string | null; createdAt: string }[];
}
export interface Base { id: number; orgId: number; orgName: string; level: string; name: string; address: string | null; capacity: number | null; status: string; incubating: number; actions: string[] }
export interface Incubation { id: number; baseId: number; baseName: string; baseLevel: string; socialOrgId: number; socialOrgName: string; enteredOn: string; exitedOn: string | null; status: string; note: string | null; services: number; actions: string[] }
export interface BaseDetail extends Base { incubations: Incubation[] }
export interface Service { id: number; socialOrgId: number; socialOrgName: string; kind: string; providedOn: string; provider: string; hours: number | null; notes: string | null }
export interface Assessment {
  id: number; assessedOn: string; governance: number; capacity: number; projects: number; finance: number; influence: number; total: number; level: string; assessor: string; notes: string | null;
}
