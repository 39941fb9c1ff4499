/**
 * Client-side image shrinking before upload: phone cameras produce 3–8 MB photos while the
 * server keeps images up to 2 MB. Large or big-dimension images are redrawn as JPEG.
 */
const MAX_SIDE = 1600;
const TARGET_BYTES = 1_500_000;
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('image'));
    };
    img.src = url;
  });
}

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

/** Returns the file itself when it is small enough, otherwise a resized JPEG (best effort). */
export async function shrinkImage(file: File): Promise<Blob> {
  if (file.size <= TARGET_BYTES && IMAGE_TYPES.includes(file.type)) return file;
  let img: HTMLImageElement;
  try {
    img = await loadImage(file);
  } catch {
    return file;
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) return file;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  for (const q of [0.85, 0.7, 0.55]) {
    const blob = await toBlob(canvas, q);
    if (blob && blob.size <= TARGET_BYTES) return blob;
  }
  return (await toBlob(canvas, 0.45)) ?? file;
}
