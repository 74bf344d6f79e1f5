// Slow lane: the QRCODE-widget scan property of scan.test.ts at full strength (8 random contents).
import { describe } from 'vitest';
import { qrReadsShortAscii } from './scan';

describe('QRCODE widget read by the scanner', () => {
  qrReadsShortAscii(8);
});
