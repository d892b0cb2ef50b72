// Runs a style: in this browser with ONNX Runtime Web (WebGPU when there is an adapter, else WASM),
// or on the server (POST /api/stylize) for devices too weak for that.
import * as ort from '../lib/ort/ort.min.mjs';
import { toPngBlob } from './photo.js';

ort.env.wasm.wasmPaths = new URL('../lib/ort/', import.meta.url).href;
// Threads need cross-origin isolation (the server sends COOP/COEP).
ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;

const sessions = new Map();
let backendPromise;

export class EngineError extends Error {}

async function backend() {
  backendPromise ??= (async () => {
    try {
      if (navigator.gpu && await navigator.gpu.requestAdapter()) return 'webgpu';
    } catch { /* no usable GPU: WASM */ }
    return 'wasm';
  })();
  return backendPromise;
}

// key: a style id, or 'own:<name>' with the model bytes in source.
export async function session(key, source) {
  if (!sessions.has(key)) {
    const promise = (async () => {
      const model = typeof source === 'string' ? new Uint8Array(await (await fetch(source)).arrayBuffer()) : source;
      const ep = await backend();
      try {
        return { session: await ort.InferenceSession.create(model, { executionProviders: [ep] }), ep };
      } catch (e) {
        if (ep === 'wasm') throw e;
        return { session: await ort.InferenceSession.create(model, { executionProviders: ['wasm'] }), ep: 'wasm' };
      }
    })();
    sessions.set(key, promise);
    promise.catch(() => sessions.delete(key));
  }
  return sessions.get(key);
}

// loadMs: the model's download and session creation, on the first use of a style only (null after), so the
// run's own time is never mixed with them.
export async function stylizeHere(key, source, photo) {
  const firstUse = !sessions.has(key);
  const loadStart = performance.now();
  let loaded;
  try {
    loaded = await session(key, source);
  } catch (e) {
    throw new EngineError(`Could not load the model: ${e.message ?? e}. Use an ONNX file exported with 'painterly export --pixels'.`);
  }
  const loadMs = firstUse ? performance.now() - loadStart : null;
  const { session: s, ep } = loaded;
  const input = new ort.Tensor('uint8', new Uint8Array(photo.data.buffer), [1, photo.height, photo.width, 4]);
  const start = performance.now();
  let results;
  try {
    results = await s.run({ [s.inputNames[0]]: input });
  } catch (e) {
    throw new EngineError(`The model did not run on this photo: ${e.message ?? e}. It must take uint8 RGBA [1, H, W, 4] (export with --pixels).`);
  }
  const ms = performance.now() - start;
  const out = results[s.outputNames[0]];
  const image = new ImageData(new Uint8ClampedArray(out.data.buffer, out.data.byteOffset, out.data.byteLength), photo.width, photo.height);
  input.dispose?.();
  return { image, ms, loadMs, where: `in this browser (${ep === 'webgpu' ? 'WebGPU' : 'WebAssembly'})` };
}

export async function stylizeOnServer(styleId, photo, preserveColor) {
  const form = new FormData();
  form.append('image', await toPngBlob(photo), 'photo.png');
  form.append('style', styleId);
  form.append('preserveColor', String(preserveColor));
  const start = performance.now();
  const response = await fetch('/api/stylize', { method: 'POST', body: form });
  if (!response.ok) {
    let message = `The server answered ${response.status}.`;
    try { message = (await response.json()).error ?? message; } catch { /* not JSON */ }
    throw new EngineError(message);
  }
  const bitmap = await createImageBitmap(await response.blob());
  const ms = performance.now() - start;
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { image: context.getImageData(0, 0, canvas.width, canvas.height), ms, where: 'on the server, including the upload' };
}

export async function convertOnServer(file) {
  const form = new FormData();
  form.append('model', file, file.name);
  const response = await fetch('/api/models/convert', { method: 'POST', body: form });
  if (!response.ok) {
    let message = `The server answered ${response.status}.`;
    try { message = (await response.json()).error ?? message; } catch { /* not JSON */ }
    throw new EngineError(message);
  }
  return new Uint8Array(await response.arrayBuffer());
}
