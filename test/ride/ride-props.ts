// The ride code's properties, at a strength each lane chooses (ride.test.ts: fast lane, ride.slow.test.ts: full).
// Encoder/decoder: bytes <-> digits round trip and nothing else decodes; verifier: a good code passes, and a
// truncated, altered, other-card, other-step or fuzzed one is refused with its reason and never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRideCode } from '../../lib/ride/code';
import {
  decodeRideBytes,
  encodeRideBytes,
  RIDE_CODE_BYTES,
  RIDE_CODE_DIGITS,
  RIDE_STEP_SECONDS,
  rideBytesToDigits,
  rideDigitsToBytes,
} from '../../lib/ride/format';
import { signRevocationList, verifyRevocationList } from '../../lib/ride/issuer';
import { verifyRideCode } from '../../lib/ride/verify';
import {
  CARD_A,
  CARD_B,
  ISSUER_KEY_ID,
  ISSUER_KEYS,
  ISSUER_SECRET,
  NOW,
  OTHER_ISSUER_SECRET,
  rideLease,
} from '../../sim/fixtures/ride';

export interface RideRuns {
  format: number;
  verify: number;
  fuzz: number;
}
export const FULL_RUNS: RideRuns = { format: 2000, verify: 300, fuzz: 3000 };

const at = (ms: number) => ({ keys: ISSUER_KEYS, nowMs: ms });
const lease = rideLease(1);
const stepMs = RIDE_STEP_SECONDS * 1000;

export function rideSuite(runs: RideRuns): void {
  describe('ride code bytes and digits', () => {
    it('round-trip every 141-byte string through 340 digits', () => {
      fc.assert(
        fc.property(fc.uint8Array({ minLength: RIDE_CODE_BYTES, maxLength: RIDE_CODE_BYTES }), (b) => {
          const d = rideBytesToDigits(b);
          expect(d).toMatch(/^\d{340}$/);
          expect(rideDigitsToBytes(d)).toEqual(b);
        }),
        { numRuns: runs.format },
      );
    });
    it('round-trip the fields', () => {
      const fields = fc.record({
        version: fc.integer({ min: 0, max: 15 }),
        recovery: fc.integer({ min: 0, max: 1 }),
        keyId: fc.integer({ min: 0, max: 7 }),
        serial: fc.integer({ min: 0, max: 0xffffffff }),
        notAfter: fc.integer({ min: 0, max: 0xffffffff }),
        certSig: fc.uint8Array({ minLength: 64, maxLength: 64 }),
        step: fc.integer({ min: 0, max: 0xffffffff }),
        stepSig: fc.uint8Array({ minLength: 64, maxLength: 64 }),
      });
      fc.assert(
        fc.property(fields, (p) => {
          expect(decodeRideBytes(encodeRideBytes(p))).toEqual(p);
        }),
        { numRuns: runs.format },
      );
    });
    it('refuse other lengths, non-digits and numbers past 2^1128', () => {
      expect(() => rideDigitsToBytes('9'.repeat(RIDE_CODE_DIGITS))).toThrow(/too large/);
      fc.assert(
        fc.property(fc.string({ maxLength: 400 }), (s) => {
          if (/^\d{340}$/.test(s)) return;
          expect(() => rideDigitsToBytes(s)).toThrow();
        }),
        { numRuns: runs.format },
      );
    });
  });

  describe('verifying a ride code', () => {
    it('accepts this step, the two before and the one after; refuses others as outside-window', () => {
      fc.assert(
        fc.property(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 0, max: stepMs - 1 }), (d, within) => {
          const made = NOW - (NOW % stepMs) + d * stepMs + within;
          const { text, step } = makeRideCode(lease, CARD_A, made);
          const v = verifyRideCode(text, at(NOW - (NOW % stepMs) + 1000));
          if (d >= -2 && d <= 1) expect(v).toMatchObject({ ok: true, serial: 1001, step });
          else expect(v).toMatchObject({ ok: false, reason: 'outside-window' });
        }),
        { numRuns: Math.min(runs.verify, 60) },
      );
    });
    it('refuses any single altered byte (clear reason, never ok)', () => {
      const { text } = makeRideCode(lease, CARD_A, NOW);
      const bytes = rideDigitsToBytes(text);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: RIDE_CODE_BYTES - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
          const b = bytes.slice();
          b[i]! ^= x;
          const v = verifyRideCode(rideBytesToDigits(b), at(NOW));
          expect(v.ok).toBe(false);
          if (!v.ok) expect(v.message.length).toBeGreaterThan(10);
        }),
        { numRuns: runs.verify },
      );
    });
    it('refuses any single altered digit and any truncation', () => {
      const { text } = makeRideCode(lease, CARD_B, NOW);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: RIDE_CODE_DIGITS - 1 }), fc.integer({ min: 1, max: 9 }), (i, x) => {
          const d = String((Number(text[i]) + x) % 10);
          const v = verifyRideCode(text.slice(0, i) + d + text.slice(i + 1), at(NOW));
          expect(v.ok).toBe(false);
        }),
        { numRuns: runs.verify },
      );
      fc.assert(
        fc.property(fc.integer({ min: 0, max: RIDE_CODE_DIGITS - 1 }), (n) => {
          expect(verifyRideCode(text.slice(0, n), at(NOW))).toMatchObject({ ok: false, reason: 'malformed' });
        }),
        { numRuns: runs.verify },
      );
    });
    it("refuses a certificate of one card with the step signed by another card's key", () => {
      const a = rideDigitsToBytes(makeRideCode(lease, CARD_A, NOW).text);
      const b = rideDigitsToBytes(makeRideCode(lease, CARD_B, NOW).text);
      // A's header, serial and certificate, B's step signature (and its recovery bit).
      const mixed = a.slice();
      mixed.set(b.subarray(73), 73);
      mixed[0] = (a[0]! & ~8) | (b[0]! & 8);
      expect(verifyRideCode(rideBytesToDigits(mixed), at(NOW))).toMatchObject({ ok: false, reason: 'bad-signature' });
      // Another lease's key for the same card (a copied certificate on another watch).
      const other = rideLease(2, [[CARD_A, 1001]]);
      const c = rideDigitsToBytes(makeRideCode(other, CARD_A, NOW).text);
      const stolen = a.slice();
      stolen.set(c.subarray(73), 73);
      stolen[0] = (a[0]! & ~8) | (c[0]! & 8);
      expect(verifyRideCode(rideBytesToDigits(stolen), at(NOW))).toMatchObject({ ok: false, reason: 'bad-signature' });
    });
    it('refuses a certificate signed by a key that is not the issuer key of its id', async () => {
      const { signRideCert } = await import('../../lib/ride/issuer');
      const forged = rideLease(3);
      forged.ride = forged.ride!.map((c) => ({
        ...c,
        cert: signRideCert(
          OTHER_ISSUER_SECRET,
          ISSUER_KEY_ID,
          c.serial,
          Math.floor(forged.expiresAt / 1000),
          new Uint8Array(33).fill(2),
        ),
      }));
      expect(verifyRideCode(makeRideCode(forged, CARD_A, NOW).text, at(NOW))).toMatchObject({
        reason: 'bad-signature',
      });
      expect(verifyRideCode(makeRideCode(lease, CARD_A, NOW).text, { keys: new Map(), nowMs: NOW })).toMatchObject({
        reason: 'unknown-key',
      });
    });
    it('refuses revoked serials and expired certificates', () => {
      const { text } = makeRideCode(lease, CARD_A, NOW);
      expect(verifyRideCode(text, { ...at(NOW), isRevoked: (s) => s === 1001 })).toMatchObject({ reason: 'revoked' });
      expect(verifyRideCode(text, { ...at(NOW), isRevoked: (s) => s === 2001 })).toMatchObject({ ok: true });
      const late = lease.expiresAt + 1000;
      expect(verifyRideCode(makeRideCode(lease, CARD_A, late).text, at(late))).toMatchObject({
        reason: 'certificate-expired',
      });
    });
    it('never throws on fuzzed input', () => {
      const { text } = makeRideCode(lease, CARD_A, NOW);
      const near = fc
        .tuple(fc.integer({ min: 0, max: RIDE_CODE_DIGITS }), fc.string({ maxLength: 8 }))
        .map(([i, s]) => text.slice(0, i) + s + text.slice(i + s.length));
      const anything = fc.oneof(near, fc.string({ maxLength: 400 }), fc.stringMatching(/^\d{340}$/), fc.anything());
      fc.assert(
        fc.property(anything, (x) => {
          const v = verifyRideCode(x, at(NOW));
          if (x !== text) expect(v.ok).toBe(false);
        }),
        { numRuns: runs.fuzz },
      );
    });
  });

  describe('revocation lists', () => {
    it('verify as signed and refuse any change', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: 0xffffffff }), { maxLength: 20 }),
          fc.nat(1e12),
          (serials, t) => {
            const list = signRevocationList(ISSUER_SECRET, ISSUER_KEY_ID, t, t + 86_400_000, serials);
            expect(verifyRevocationList(JSON.parse(JSON.stringify(list)), ISSUER_KEYS)).toMatchObject({ ok: true });
            expect(verifyRevocationList({ ...list, nextUpdate: list.nextUpdate + 1 }, ISSUER_KEYS).ok).toBe(false);
            expect(verifyRevocationList({ ...list, serials: [...list.serials, 0xffffffff + 1] }, ISSUER_KEYS).ok).toBe(
              false,
            );
            if (list.serials.length > 0)
              expect(verifyRevocationList({ ...list, serials: list.serials.slice(1) }, ISSUER_KEYS).ok).toBe(false);
          },
        ),
        { numRuns: Math.max(10, runs.verify / 10) },
      );
      fc.assert(
        fc.property(fc.anything(), (x) => {
          expect(verifyRevocationList(x, ISSUER_KEYS).ok).toBe(false);
        }),
        { numRuns: runs.fuzz },
      );
    });
  });
}
