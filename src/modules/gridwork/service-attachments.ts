import crypto from 'node:crypto';
import type { AuthedCtx } from '../../core/context.js';
import { recordAudit, inTransaction } from '../../core/audit.js';
import { AppError, errors } from '../../core/errors.js';
import * as repo from './repo.js';
import * as policy from './policy.js';
import { MAX_IMAGE_BYTES, declaredImageType, sniffImage } from './rules.js';
import { attachmentUrl } from './service-posts.js';

const notAnImage = () => new AppError('UNSUPPORTED_MEDIA_TYPE', 415, {
  zh: '请以 image/jpeg、image/png 或 image/webp 上传图片文件本身', en: 'Upload the image itself as image/jpeg, image/png or image/webp',
});

/**
 * Stores an uploaded photo under the uploader's org. The bytes must be the image type the
 * header declares: a renamed file (or a script labelled image/png) is refused.
 */
export async function uploadAttachment(ctx: AuthedCtx, body: unknown, contentType: string | undefined) {
  if (!policy.canUpload(ctx.actor)) throw errors.forbidden();
  const declared = declaredImageType(contentType);
  if (!Buffer.isBuffer(body) || !declared) throw notAnImage();
  if (body.length === 0) throw errors.field('body', { zh: '文件为空', en: 'is empty' });
  if (body.length > MAX_IMAGE_BYTES) throw errors.tooLarge(MAX_IMAGE_BYTES);
  const actual = sniffImage(body);
  if (actual !== declared)
    throw errors.field('body', {
      zh: actual ? `文件内容是 ${actual}，与声明的 ${declared} 不符` : `文件内容不是 ${declared} 图片`,
      en: actual ? `holds ${actual}, not the declared ${declared}` : `is not a ${declared} image`,
    });
  const sha256 = crypto.createHash('sha256').update(body).digest('hex');
  const row = await inTransaction(ctx, async (trx) => {
    const row = await repo.insertAttachment(trx, { orgId: ctx.actor.orgId, orgPath: ctx.actor.orgPath, contentType: declared, data: body, sha256, uploadedBy: ctx.actor.userId });
    await recordAudit(trx, ctx, {
      action: 'attachment.create', entityType: 'attachment', entityId: row.id, orgPath: ctx.actor.orgPath,
      detail: { contentType: declared, size: row.size, sha256 },
    });
    return row;
  });
  return { id: row.id, contentType: row.content_type, size: row.size, sha256: row.sha256, url: attachmentUrl(row.id), createdAt: row.created_at.toISOString() };
}

/** The stored image, if the actor may see it: staff by scope, residents only their grid's card photos. */
export async function getAttachment(ctx: AuthedCtx, id: number) {
  let a;
  if (policy.canReadGridwork(ctx.actor)) a = await repo.attachmentForStaff(ctx.deps.db, ctx.actor, id);
  else if (policy.canSeeCards(ctx.actor)) a = await repo.cardPhotoForResident(ctx.deps.db, ctx.actor, id);
  else throw errors.forbidden();
  if (!a) throw errors.notFound('attachment');
  return { contentType: a.content_type, data: a.data };
}

/** The images among `ids` that the actor uploaded (for other modules that attach photos to their records). */
export function ownAttachments(ctx: AuthedCtx, ids: number[]): Promise<Set<number>> {
  return repo.attachmentsUploadedBy(ctx.deps.db, ctx.actor.userId, ids);
}

/** The bytes of an image, for a module that has already checked the viewer may see the record it belongs to. */
export async function attachmentData(ctx: AuthedCtx, id: number) {
  const a = await repo.attachmentById(ctx.deps.db, id);
  if (!a) throw errors.notFound('attachment');
  return { contentType: a.content_type, data: a.data };
}
