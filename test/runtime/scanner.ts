// Reads QR codes and barcodes from RGBA pixel images, the way a cashier's scanner would, with
// two independent decoders: jsQR (QR only) and zxing-wasm (QR and linear codes). zxing-wasm's
// .wasm is read from node_modules: its default locateFile points at a CDN, which tests must not use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';

/** An RGBA image, row-major, 4 bytes per pixel (the layout of canvas ImageData). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** What each decoder read; null where it found nothing. */
export interface QrReadout {
  jsqr: string | null;
  zxing: string | null;
}

export interface BarcodeReadout {
  zxing: string | null;
  /** zxing's format name of what it read, e.g. "Code128". */
  format: string | null;
}

let ready: Promise<unknown> | null = null;

/** Loads zxing-wasm from the local node_modules file (once). */
function zxingReady(): Promise<unknown> {
  if (!ready) {
    const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const bytes = readFileSync(wasmPath);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    ready = prepareZXingModule({
      overrides: {
        wasmBinary,
        // Emscripten asks for the file name even when it has the bytes: point it at the local file.
        locateFile: (file: string) => {
          if (!file.endsWith('.wasm')) throw new Error(`zxing-wasm asked for ${file}: only the local .wasm may be used`);
          return wasmPath;
        },
      },
      fireImmediately: true,
    });
  }
  return ready;
}

function checkImage(image: RgbaImage): void {
  if (image.data.length !== image.width * image.height * 4) {
    throw new Error(`image: expected ${image.width * image.height * 4} bytes of RGBA, got ${image.data.length}`);
  }
}

async function zxingRead(image: RgbaImage, formats: Array<'QRCode' | 'Code128'>): Promise<ReadResult | null> {
  await zxingReady();
  const results = await readBarcodes(
    // zxing reads any {width, height, data} as RGBA pixels; its type names the DOM ImageData.
    { width: image.width, height: image.height, data: image.data } as unknown as Parameters<typeof readBarcodes>[0],
    { formats, tryHarder: true, maxNumberOfSymbols: 1 },
  );
  const hit = results.find((r) => r.isValid);
  return hit ?? null;
}

/** Reads a QR code with jsQR and with zxing-wasm. */
export async function decodeQr(image: RgbaImage): Promise<QrReadout> {
  checkImage(image);
  const j = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
  const z = await zxingRead(image, ['QRCode']);
  return { jsqr: j ? j.data : null, zxing: z ? z.text : null };
}

/** Reads a Code 128 barcode (any orientation zxing tries) with zxing-wasm; jsQR reads QR codes only. */
export async function decodeBarcode(image: RgbaImage): Promise<BarcodeReadout> {
  checkImage(image);
  const z = await zxingRead(image, ['Code128']);
  return { zxing: z ? z.text : null, format: z ? z.format : null };
}
