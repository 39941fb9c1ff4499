import type { Actor } from '../../core/context.js';
import { hasPermission } from '../../core/roles.js';

/** Only the audit admin reads the audit log (三员分立). */
export const canReadAudit = (a: Actor) => hasPermission(a.role, 'audit.read');
