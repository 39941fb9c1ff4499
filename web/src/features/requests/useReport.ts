import { useState } from 'react';
import type { UploadedPhoto } from '../../components/PhotoUpload';
import { useSubmitRequest } from './api';
import { newClientKey } from './labels';
import type { Point } from './LocationField';
import type { Kind, RequestItem, SubmitInput } from './types';

export interface ReportValues {
  kind: Kind;
  categoryId?: number;
  description: string;
  photos: UploadedPhoto[];
  location: Point | null;
  address?: string;
  anonymous?: boolean;
  orgId?: number;
  contactName?: string;
  contactPhone?: string;
}

export const REPORT_DEFAULTS: Partial<ReportValues> = { kind: 'problem', description: '', photos: [], location: null, address: '', anonymous: false };

/** Server field names → form field names, for applyFieldErrors. */
export const REPORT_FIELD_NAMES = { photoIds: 'photos', lon: 'location', lat: 'location' };

const trimmed = (v: string | undefined) => v?.trim() || null;

function toInput(v: ReportValues, clientKey: string, channel: SubmitInput['channel']): SubmitInput {
  const input: SubmitInput = {
    clientKey,
    channel,
    kind: v.kind,
    categoryId: v.categoryId as number,
    description: v.description.trim(),
    address: trimmed(v.address),
    photoIds: v.photos.map((p) => p.id),
  };
  if (v.location) Object.assign(input, v.location);
  if (v.orgId) input.orgId = v.orgId;
  if (v.anonymous) input.anonymous = true;
  if (channel === 'hotline') Object.assign(input, { contactName: trimmed(v.contactName), contactPhone: trimmed(v.contactPhone) });
  return input;
}

/**
 * Submitting one report: the clientKey is made once per form and kept across retries, so a
 * retry after a lost answer returns the same request instead of a second one. `renew` starts
 * the next report.
 */
export function useReport(channel: SubmitInput['channel']) {
  const [clientKey, setClientKey] = useState(newClientKey);
  const mutation = useSubmitRequest();
  return {
    pending: mutation.isPending,
    send: (v: ReportValues): Promise<RequestItem> => mutation.mutateAsync(toInput(v, clientKey, channel)),
    renew: () => setClientKey(newClientKey()),
  };
}
