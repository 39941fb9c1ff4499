import type { Database } from '../../db/database.js';
import type { Msg } from '../../core/errors.js';
import { auditHash, type AuditFields } from '../../core/audit.js';
import type { AuditRow } from '../../db/schema.js';
import { chainBatch } from './repo.js';

export interface VerifyResult { ok: boolean; checked: number; firstBadId: number | null; message: Msg }

export function fieldsOf(r: AuditRow): AuditFields {
  return {
    at: new Date(r.at).toISOString(), actorId: r.actor_id, actorName: r.actor_name, actorRole: r.actor_role,
    action: r.action, entityType: r.entity_type, entityId: r.entity_id, orgPath: r.org_path,
    ip: r.ip, userAgent: r.user_agent, outcome: r.outcome, detail: r.detail,
  };
}

/**
 * Walks the records in id order, following each chain (`chain`, see core/audit.ts): each
 * record's hash must equal the hash of its own fields and its chain predecessor's hash.
 * The first remaining record of a chain anchors it (older ones may have been purged after
 * the retention period).
 */
export async function verifyAuditChain(db: Database): Promise<VerifyResult> {
  const last = new Map<number, string>();
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await chainBatch(db, lastId, 5000);
    for (const r of rows) {
      const chain = r.chain ?? 0;
      const prev = last.get(chain);
      if (prev !== undefined && r.prev_hash !== prev)
        return { ok: false, checked, firstBadId: r.id, message: { zh: `记录 ${r.id} 的前序哈希与上一条不符（有记录被删除或插入）`, en: `record ${r.id} does not link to its predecessor (records removed or inserted)` } };
      if (auditHash(r.prev_hash, fieldsOf(r)) !== r.hash)
        return { ok: false, checked, firstBadId: r.id, message: { zh: `记录 ${r.id} 的内容已被篡改`, en: `record ${r.id} was altered` } };
      last.set(chain, r.hash);
      lastId = r.id;
      checked++;
    }
    if (rows.length < 5000) break;
  }
  return { ok: true, checked, firstBadId: null, message: { zh: `哈希链完整，共校验 ${checked} 条`, en: `chain intact, ${checked} records checked` } };
}
