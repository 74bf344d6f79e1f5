// Reads QR codes and barcodes from RGBA pixel images, the way a cashier's scanner would, with
// independent decoders: QR codes with jsQR and zxing-wasm (ZXing-C++); barcodes with zxing-wasm
// and @zxing/library (the TypeScript port of ZXing Java), since jsQR reads QR codes only.
// zxing-wasm's .wasm is read from node_modules: its default locateFile points at a CDN, which
// tests must not use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import type { DecodeHintType } from '@zxing/library';

// @zxing/library ships CommonJS whose names Node's ESM loader cannot see: load it with require.
const ZX = createRequire(import.meta.url)('@zxing/library') as typeof import('@zxing/library');
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
  /** zxing-wasm (ZXing-C++). */
  zxing: string | null;
  /** zxing-wasm's format name of what it read, e.g. "Code128". */
  format: string | null;
  /** @zxing/library (ZXing's TypeScript port), trying the image as is and turned 90 degrees. */
  zxingJs: string | null;
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
          if (!file.endsWith('.wasm'))
            throw new Error(`zxing-wasm asked for ${file}: only the local .wasm may be used`);
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

/** Luminance (0-255) per pixel, as 8-bit grey, optionally transposed (turned 90 degrees and mirrored). */
function luminance(image: RgbaImage, transpose: boolean): Uint8ClampedArray {
  const { width: w, height: h, data } = image;
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const l = (306 * data[i]! + 601 * data[i + 1]! + 117 * data[i + 2]! + 512) >> 10;
      out[transpose ? x * h + y : y * w + x] = l;
    }
  }
  return out;
}

function zxingJsCode128(image: RgbaImage): string | null {
  const hints = new Map<DecodeHintType, unknown>([[ZX.DecodeHintType.TRY_HARDER, true]]);
  // RGBLuminanceSource cannot rotate, so a barcode with horizontal bars is tried transposed.
  for (const transpose of [false, true]) {
    const w = transpose ? image.height : image.width;
    const h = transpose ? image.width : image.height;
    const reader = new ZX.Code128Reader(); // MultiFormatReader would log every miss to the console
    try {
      const bitmap = new ZX.BinaryBitmap(
        new ZX.HybridBinarizer(new ZX.RGBLuminanceSource(luminance(image, transpose), w, h)),
      );
      return reader.decode(bitmap, hints).getText();
    } catch {
      // NotFound / Checksum / Format: nothing readable this way round
    }
  }
  return null;
}

/** Reads a Code 128 barcode, at any right angle, with zxing-wasm and with @zxing/library. */
export async function decodeBarcode(image: RgbaImage): Promise<BarcodeReadout> {
  checkImage(image);
  const z = await zxingRead(image, ['Code128']);
  return { zxing: z ? z.text : null, format: z ? z.format : null, zxingJs: zxingJsCode128(image) };
}
