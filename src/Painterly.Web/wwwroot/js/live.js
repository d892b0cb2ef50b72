// Live camera: frames from the camera (the rear one on phones) through the chosen style into a canvas, one after
// another as fast as the network allows, at a small side so the picture stays fluid; the frame rate is shown.
import { stylizeHere } from './engine.js';

// Longest side of a live frame: a quarter of the pixels of 768 px, enough for a phone screen.
export const LIVE_SIDE = 384;

// Frames per second over the last second or so, updated on every frame.
class FrameRate {
  #times = [];

  tick(now) {
    this.#times.push(now);
    while (this.#times.length > 2 && now - this.#times[0] > 1000) this.#times.shift();
    const span = now - this.#times[0];
    return span > 0 ? ((this.#times.length - 1) * 1000) / span : 0;
  }
}

export class LiveCamera {
  #view; #fps; #video; #stream = null; #running = false; #frames = 0;

  // view: the canvas the stylized frames go to; fps: the element whose text and data-fps show the rate;
  // video: the (hidden) element the camera plays in.
  constructor(view, fps, video) {
    this.#view = view;
    this.#fps = fps;
    this.#video = video;
  }

  get running() { return this.#running; }

  // key/source as for stylizeHere; onError gets the message of a failure that stopped the loop.
  async start(key, source, onError) {
    if (this.#running) return;
    this.#stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 640 }, height: { ideal: 480 } },
      audio: false,
    });
    this.#video.srcObject = this.#stream;
    await this.#video.play();
    this.#running = true;
    this.#loop(key, source).catch((e) => { this.stop(); onError(e.message ?? String(e)); });
  }

  stop() {
    this.#running = false;
    this.#stream?.getTracks().forEach((track) => track.stop());
    this.#stream = null;
    this.#video.srcObject = null;
  }

  async #loop(key, source) {
    const rate = new FrameRate();
    const { width, height } = frameSize(this.#video.videoWidth, this.#video.videoHeight);
    const grab = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    this.#view.width = width;
    this.#view.height = height;
    const out = this.#view.getContext('2d');
    while (this.#running) {
      // A frame's run can finish without a task boundary: wait for the next paint so the page (and the Stop
      // button) stay responsive.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      grab.drawImage(this.#video, 0, 0, width, height);
      const { image } = await stylizeHere(key, source, grab.getImageData(0, 0, width, height));
      if (!this.#running) break;
      out.putImageData(image, 0, 0);
      const fps = rate.tick(performance.now());
      this.#fps.textContent = `${fps.toFixed(1)} frames per second`;
      this.#fps.dataset.fps = fps.toFixed(2);
      this.#view.dataset.frames = String(++this.#frames);
    }
  }
}

// The camera's frame scaled to LIVE_SIDE at most, both sides multiples of 4 (the network's stride).
function frameSize(videoWidth, videoHeight) {
  const scale = Math.min(1, LIVE_SIDE / Math.max(videoWidth, videoHeight));
  const multipleOf4 = (v) => Math.max(8, Math.floor((v * scale) / 4) * 4);
  return { width: multipleOf4(videoWidth), height: multipleOf4(videoHeight) };
}
