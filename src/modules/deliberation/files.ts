/** Meeting files (minutes scans, photos, documents): the types accepted and how their bytes are recognised. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export const FILE_TYPES = [
  'image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export type FileType = (typeof FILE_TYPES)[number];

const starts = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/**
 * The type the bytes are, from their signature, or null. A .docx is a zip whose first entry
 * names a Word part or [Content_Types].xml; any other zip is refused.
 */
export function sniffFile(b: Buffer): FileType | null {
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) {
    const head = b.subarray(0, Math.min(b.length, 2048)).toString('latin1');
    if (head.includes('[Content_Types].xml') || head.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}
