// The till's camera: frames from getUserMedia, read with the browser's BarcodeDetector where it
// exists (Chrome on Android, macOS, ChromeOS), else with zxing-wasm, whose .wasm the issuer serves
// from its own files (/till/zxing_reader.wasm). Reads Code 128 and QR codes (also EMV CPM QR codes,
// whose text goes to the issuer as it is).
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (opts: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

let zxingPrepared = false;

async function nativeDetector(): Promise<BarcodeDetectorLike | undefined> {
  const Ctor = (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Ctor) return undefined;
  try {
    const formats = await Ctor.getSupportedFormats();
    if (!formats.includes('code_128') || !formats.includes('qr_code')) return undefined;
    return new Ctor({ formats: ['code_128', 'qr_code'] });
  } catch {
    return undefined;
  }
}

export interface Scanner {
  stop(): void;
}

/** Starts the camera in `video` and calls onRead once with the first code read; then stops. */
export async function startScanner(video: HTMLVideoElement, onRead: (text: string) => void): Promise<Scanner> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment', width: { ideal: 1280 } },
    audio: false,
  });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const native = await nativeDetector();
  if (!native && !zxingPrepared) {
    prepareZXingModule({
      overrides: { locateFile: (path: string) => (path.endsWith('.wasm') ? '/till/zxing_reader.wasm' : path) },
    });
    zxingPrepared = true;
  }
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  let timer: number | undefined;
  const stop = (): void => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
    video.hidden = true;
  };
  const tick = async (): Promise<void> => {
    if (stopped) return;
    try {
      let text: string | undefined;
      if (video.videoWidth > 0 && g) {
        if (native) {
          text = (await native.detect(video))[0]?.rawValue;
        } else {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          g.drawImage(video, 0, 0);
          const image = g.getImageData(0, 0, canvas.width, canvas.height);
          const results = await readBarcodes(image, {
            formats: ['Code128', 'QRCode'],
            tryHarder: true,
            maxNumberOfSymbols: 1,
          });
          text = results.find((r) => r.isValid)?.text;
        }
      }
      if (text && !stopped) {
        stop();
        onRead(text);
        return;
      }
    } catch {
      // a frame that could not be read: try the next one
    }
    if (!stopped) timer = window.setTimeout(() => void tick(), 150);
  };
  void tick();
  return { stop };
}
