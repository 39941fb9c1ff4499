/** Shapes of the love store API (src/modules/store/schema.ts). */
export type DonorKind = 'enterprise' | 'organization' | 'individual';
export type ItemKind = 'goods' | 'service';
export type RedemptionStatus = 'reserved' | 'completed' | 'cancelled';
export const DONOR_KINDS: DonorKind[] = ['enterprise', 'organization', 'individual'];
export const ITEM_KINDS: ItemKind[] = ['goods', 'service'];
export const REDEMPTION_STATUSES: RedemptionStatus[] = ['reserved', 'completed', 'cancelled'];

export interface Donor {
  id: number; orgId: number; orgName: string; name: string; kind: DonorKind;
  contactName: string | null; contactPhone: string | null; note: string | null; active: boolean; createdAt: string; actions: string[];
}
export interface DonorInput { orgId?: number; name?: string; kind?: DonorKind; contactName?: string | null; contactPhone?: string | null; note?: string | null; active?: boolean }
export interface DonorFilter { q?: string; orgId?: number; kind?: DonorKind; active?: boolean }

export interface Item {
  id: number; orgId: number; orgName: string; kind: ItemKind; name: string; description: string | null;
  pricePoints: number; stock: number; expiresOn: string | null; expired: boolean; perResidentLimit: number | null; active: boolean;
  donorId: number | null; donorName: string | null; version: number; createdAt: string; actions: string[];
}
export interface ItemInput {
  orgId?: number; kind?: ItemKind; name?: string; description?: string | null; pricePoints?: number; stock?: number;
  expiresOn?: string | null; perResidentLimit?: number | null; active?: boolean; version?: number;
}
export interface ItemFilter { q?: string; orgId?: number; kind?: ItemKind; active?: boolean; donorId?: number; inStock?: boolean }

export interface Donation {
  id: number; orgId: number; orgName: string; donorId: number; donorName: string; itemId: number; itemName: string;
  name: string; description: string | null; quantity: number; unitValue: number; totalValue: number; expiresOn: string | null; receivedOn: string; createdAt: string;
}
export interface DonationInput {
  donorId: number; itemId?: number; newItem?: { orgId: number; kind: ItemKind; pricePoints: number; perResidentLimit?: number | null };
  name: string; description?: string | null; quantity: number; unitValue: number; expiresOn?: string | null; receivedOn: string;
}
export interface DonationFilter { q?: string; orgId?: number; donorId?: number; itemId?: number; from?: string; to?: string }

export interface Redemption {
  id: number; orgId: number; orgName: string; itemId: number; itemName: string; itemKind: ItemKind; userId: number; residentName: string;
  quantity: number; points: number; status: RedemptionStatus; channel: 'app' | 'counter'; pickupCode: string | null;
  dueAt: string; completedAt: string | null; cancelledAt: string | null; cancelReason: string | null; createdAt: string; actions: string[];
}
export interface RedemptionFilter { status?: RedemptionStatus; channel?: 'app' | 'counter'; itemId?: number; donorId?: number; orgId?: number; from?: string; to?: string }

export interface Acknowledgement {
  donor: Donor;
  items: { itemId: number; name: string; kind: ItemKind; given: number; value: number; stock: number; redeemed: number; residents: number; points: number; lastAt: string | null }[];
  recent: { id: number; itemName: string; quantity: number; points: number; residentName: string; completedAt: string }[];
  totals: { given: number; value: number; redeemed: number; residents: number; points: number };
}
export interface UserOption { id: number; username: string; displayName: string; orgName: string }
