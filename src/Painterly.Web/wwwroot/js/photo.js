// Turns a chosen file into pixels the network takes: upright, at most maxSide, sides multiples of 4.
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_PIXELS = 50_000_000;

export class PhotoError extends Error {}

export async function loadPhoto(file, maxSide) {
  if (file.size > MAX_FILE_BYTES) {
    throw new PhotoError(`This file is ${(file.size / 1048576).toFixed(0)} MB; the most is ${MAX_FILE_BYTES / 1048576} MB. Choose a smaller photo.`);
  }
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError(`"${file.name}" is not an image this browser can read. Choose a JPEG, PNG or WebP photo.`);
  }
  try {
    if (bitmap.width * bitmap.height > MAX_PIXELS) {
      throw new PhotoError(`This photo is ${bitmap.width}×${bitmap.height}, more than ${MAX_PIXELS / 1e6} megapixels. Choose a smaller photo.`);
    }
    return fit(bitmap, maxSide);
  } finally {
    bitmap.close();
  }
}

// Scale down to maxSide, then crop (never stretch) the last 0-3 pixels so both sides are multiples of 4.
function fit(bitmap, maxSide) {
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const scaledW = Math.max(8, Math.round(bitmap.width * scale));
  const scaledH = Math.max(8, Math.round(bitmap.height * scale));
  const width = scaledW - (scaledW % 4), height = scaledH - (scaledH % 4);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, scaledW, scaledH);
  return context.getImageData(0, 0, width, height);
}

export async function toPngBlob(imageData) {
  const canvas = new OffscreenCanvas(imageData.width, imageData.height);
  canvas.getContext('2d').putImageData(imageData, 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}
