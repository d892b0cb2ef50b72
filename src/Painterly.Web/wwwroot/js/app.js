// Page wiring: photo in, style chosen, stylize here or on the server, compare, adjust, download.
import { loadPhoto, PhotoError } from './photo.js';
import { blend, preserveColor } from './blend.js';
import { stylizeHere, stylizeOnServer, convertOnServer, EngineError } from './engine.js';
import { LiveCamera } from './live.js';

const $ = (id) => document.getElementById(id);
const state = { photo: null, stylized: null, styleId: null, mobileId: null, own: null, busy: false };

function say(message) { $('status').textContent = message; }
function fail(message) { $('error').textContent = message; $('error').hidden = !message; }

const live = new LiveCamera($('live-view'), $('fps'), $('live-video'));

function refresh() {
  $('stylize').disabled = state.busy || !state.photo || (!state.styleId && !state.own);
  $('live').disabled = live.running || !navigator.mediaDevices?.getUserMedia || (!state.styleId && !state.own);
  $('stylize').textContent = state.busy ? 'Stylizing…' : 'Stylize';
  const compare = $('compare'), photo = state.photo;
  compare.hidden = !photo;
  $('adjust').hidden = !state.stylized;
  if (!photo) return;
  for (const canvas of [$('result'), $('before')]) { canvas.width = photo.width; canvas.height = photo.height; }
  $('before').getContext('2d').putImageData(photo, 0, 0);
  if (state.stylized) {
    let image = state.stylized;
    if ($('preserve-color').checked && !state.stylizedOnServer) image = preserveColor(photo, image);
    image = blend(photo, image, $('strength').value / 100);
    $('result').getContext('2d').putImageData(image, 0, 0);
  }
  updateSplit();
}

function updateSplit() {
  const value = state.stylized ? Number($('split').value) : 100;
  // The photo covers the left part; the stylized image shows on the right.
  $('before').style.clipPath = `inset(0 ${100 - value}% 0 0)`;
}

async function choosePhoto(file) {
  if (!file) return;
  fail('');
  say('Reading the photo…');
  try {
    state.photo = await loadPhoto(file, Number($('max-side').value));
    state.stylized = null;
    $('elapsed').hidden = true;
    say(`Photo ready: ${state.photo.width}×${state.photo.height}. Choose a style and press Stylize.`);
  } catch (e) {
    fail(e instanceof PhotoError ? e.message : `Could not read the photo: ${e.message}`);
    say('');
  }
  refresh();
}

async function stylize() {
  if (state.busy) return;
  state.busy = true; fail(''); refresh();
  try {
    const onServer = $('on-server').checked;
    let result;
    if (onServer) {
      if (!state.styleId) throw new EngineError('The server only runs the built-in styles: choose one, or turn off "Process on the server".');
      say('Sending the photo to the server…');
      result = await stylizeOnServer(state.styleId, state.photo, $('preserve-color').checked);
    } else {
      say('Loading the model and stylizing in this browser…');
      const [key, source] = browserModel();
      result = await stylizeHere(key, source, state.photo);
    }
    state.stylized = result.image;
    state.stylizedOnServer = onServer;
    const ms = Math.round(result.ms);
    const firstUse = result.loadMs == null ? '' : ` First use of this style: ${Math.round(result.loadMs)} ms to download the model and start its session.`;
    const form = onServer || state.own ? '' : state.mobileId && !$('full-quality').checked ? ', mobile form' : ', full quality';
    $('elapsed').textContent = `Stylized ${state.photo.width}×${state.photo.height} in ${ms} ms ${result.where}${form}.${firstUse}`;
    $('elapsed').dataset.ms = String(ms);
    $('elapsed').dataset.model = onServer ? state.styleId : browserModel()[0];
    if (result.loadMs == null) delete $('elapsed').dataset.loadMs; else $('elapsed').dataset.loadMs = String(Math.round(result.loadMs));
    $('elapsed').hidden = false;
    say('Drag the before/after slider to compare; the strength slider blends with the photo.');
  } catch (e) {
    fail(e instanceof EngineError ? e.message : `Stylizing failed: ${e.message ?? e}`);
    say('');
  } finally {
    state.busy = false;
    refresh();
    updateDownload();
  }
}

function updateDownload() {
  if (!state.stylized) return;
  $('result').toBlob((blob) => {
    const link = $('download');
    if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
  }, 'image/png');
}

// The built-in model for this browser and for apps: the chosen style's mobile form unless "Full quality" is on.
function deviceModelId() {
  return state.mobileId && !$('full-quality').checked ? state.mobileId : state.styleId;
}

// What runs in this browser: your own model, or the device model.
function browserModel() {
  if (state.own) return [state.own.key, state.own.bytes];
  const id = deviceModelId();
  return [id, `/api/styles/${encodeURIComponent(id)}/model.onnx`];
}

function selectStyle(id, mobileId) {
  state.styleId = id; state.mobileId = mobileId ?? null; state.own = null;
  updateMlLink();
  $('inspect-out').hidden = true;
  refresh();
}

function updateMlLink() {
  const id = deviceModelId() ?? '';
  $('dl-onnx').href = `/api/styles/${encodeURIComponent(id)}/model.onnx`;
  const size = encodeURIComponent($('ml-size').value.trim());
  $('dl-mlmodel').href = `/api/styles/${encodeURIComponent(id)}/model.mlmodel?size=${size}`;
  $('dl-mlpackage').href = `/api/styles/${encodeURIComponent(id)}/model.mlpackage.zip?size=${size}`;
}

function addStyleTile(id, label, description, thumbnail, painting) {
  const tile = document.createElement('label');
  tile.className = 'style';
  tile.title = description;
  const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'style', value: id });
  const picture = thumbnail
    ? Object.assign(document.createElement('img'), { src: thumbnail, alt: '', loading: 'lazy', width: 96, height: 96 })
    : Object.assign(document.createElement('div'), { className: 'own', textContent: '★' });
  const name = Object.assign(document.createElement('span'), { textContent: label });
  tile.append(input, picture, name);
  if (painting) {
    tile.append(Object.assign(document.createElement('small'), { className: 'painting', textContent: painting }));
  }
  $('gallery').append(tile);
  return input;
}

async function loadStyles() {
  try {
    const styles = await (await fetch('/api/styles')).json();
    styles.forEach((style, i) => {
      const painting = style.painting ? [style.painting, style.artist, style.year].filter(Boolean).join(', ') : null;
      const input = addStyleTile(style.id, style.name, painting ?? style.description, `/api/styles/${encodeURIComponent(style.id)}/thumbnail.png`, painting);
      input.addEventListener('change', () => selectStyle(style.id, style.mobile));
      if (i === 0) { input.checked = true; selectStyle(style.id, style.mobile); }
    });
  } catch {
    fail('Could not load the list of styles; reload the page.');
  }
}

async function chooseOwnModel(file) {
  if (!file) return;
  fail('');
  const name = file.name.toLowerCase();
  try {
    let bytes;
    if (name.endsWith('.onnx')) {
      bytes = new Uint8Array(await file.arrayBuffer());
    } else if (name.endsWith('.safetensors')) {
      say('Converting the model on the server (it is not stored)…');
      bytes = await convertOnServer(file);
    } else {
      throw new EngineError(`"${file.name}" is not a model this page can use: choose a .onnx or .safetensors file.`);
    }
    const key = `own:${file.name}:${file.size}:${file.lastModified}`;
    const input = addStyleTile(key, file.name, 'your model', null);
    input.addEventListener('change', () => { state.own = { key, bytes }; state.styleId = null; state.mobileId = null; refresh(); });
    input.checked = true;
    state.own = { key, bytes }; state.styleId = null; state.mobileId = null;
    say(`Your model "${file.name}" is selected; it runs in this browser.`);
  } catch (e) {
    fail(e instanceof EngineError ? e.message : `Could not use the model: ${e.message}`);
  }
  refresh();
}

// The live camera runs the chosen style in this browser, whatever "Process on the server" says: a round trip per
// frame would not be live.
async function startLive() {
  fail('');
  const [key, source] = browserModel();
  $('live-view').hidden = false; $('live-stop').hidden = false; $('fps').hidden = false;
  say('Starting the camera…');
  try {
    await live.start(key, source, (message) => { fail(`The live camera stopped: ${message}`); stopLive(); });
    say('Live: each camera frame goes through the style in this browser.');
  } catch (e) {
    fail(`Could not start the camera: ${e.message ?? e}. Allow camera access, or choose a photo instead.`);
    stopLive();
  }
  refresh();
}

function stopLive() {
  live.stop();
  $('live-view').hidden = true; $('live-stop').hidden = true; $('fps').hidden = true;
  say('');
  refresh();
}

async function inspect() {
  const out = $('inspect-out');
  if (!state.styleId) { out.textContent = 'Choose a built-in style to see its summary.'; out.hidden = false; return; }
  const response = await fetch(`/api/styles/${encodeURIComponent(deviceModelId())}/inspect`);
  const s = await response.json();
  out.textContent = response.ok ? [
    `${s.id}: ${s.description}`,
    `network   StyleNet, ${s.form === 'mobile' ? 'mobile form, ' : ''}${s.channels} channels, ${s.residualBlocks} residual blocks${s.form === 'mobile' ? '' : `, ${s.upsample} upsampling`}`,
    `params    ${s.parameters.toLocaleString('en')}  (model.onnx ${(s.onnxBytes / 1048576).toFixed(1)} MB)`,
    `opset     ${s.opset.join(', ')}`,
    ...s.inputs.map((v) => `input     ${v}`),
    ...s.outputs.map((v) => `output    ${v}`),
    `nodes     ${s.nodes}: ${Object.entries(s.operators).map(([op, n]) => `${op} ${n}`).join(', ')}`,
  ].join('\n') : s.error;
  out.hidden = false;
}

function wireDrop() {
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    choosePhoto(e.dataTransfer.files[0]);
  });
}

$('photo').addEventListener('change', (e) => choosePhoto(e.target.files[0]));
$('camera').addEventListener('change', (e) => choosePhoto(e.target.files[0]));
$('own-model').addEventListener('change', (e) => chooseOwnModel(e.target.files[0]));
$('stylize').addEventListener('click', stylize);
$('live').addEventListener('click', startLive);
$('live-stop').addEventListener('click', stopLive);
$('split').addEventListener('input', updateSplit);
$('strength').addEventListener('input', refresh);
$('strength').addEventListener('change', updateDownload);
$('preserve-color').addEventListener('change', () => { refresh(); updateDownload(); });
$('ml-size').addEventListener('input', updateMlLink);
$('full-quality').addEventListener('change', () => { updateMlLink(); $('inspect-out').hidden = true; });
$('inspect').addEventListener('click', inspect);
wireDrop();
loadStyles();
refresh();
