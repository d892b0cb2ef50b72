// Post-processing in the page, so moving a slider never re-runs the network.

// Keep the photo's colour (BT.601 chroma) and take only the stylized luminance.
export function preserveColor(photo, stylized) {
  const out = new Uint8ClampedArray(stylized.data.length);
  const p = photo.data, s = stylized.data;
  for (let i = 0; i < out.length; i += 4) {
    const ys = 0.299 * s[i] + 0.587 * s[i + 1] + 0.114 * s[i + 2];
    const yp = 0.299 * p[i] + 0.587 * p[i + 1] + 0.114 * p[i + 2];
    const d = ys - yp;
    out[i] = p[i] + d; out[i + 1] = p[i + 1] + d; out[i + 2] = p[i + 2] + d; out[i + 3] = 255;
  }
  return new ImageData(out, stylized.width, stylized.height);
}

// strength 0 = the photo, 1 = the stylized image.
export function blend(photo, stylized, strength) {
  if (strength >= 1) return stylized;
  const out = new Uint8ClampedArray(stylized.data.length);
  const p = photo.data, s = stylized.data;
  for (let i = 0; i < out.length; i++) out[i] = p[i] + (s[i] - p[i]) * strength;
  return new ImageData(out, stylized.width, stylized.height);
}
