import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../lib/encoding/base64';
import { fromHex, toHex } from '../../lib/encoding/bytes';
import {
  cpmAccount,
  cpmAid,
  CpmError,
  decodeEmvCpm,
  DEFAULT_CPM_AID,
  emvCpmForStep,
  emvCryptogram,
  encodeEmvCpm,
  tokenNumber,
  verifyEmvCpm,
} from '../../lib/emv/cpm';
import { decodeTlv, encodeTlv, findValue } from '../../lib/emv/tlv';
import { generateCode } from '../../lib/payment/code';
import { leaseSecretBytes, leaseStepAt } from '../../lib/payment/lease';
import { luhnValid } from '../../lib/payment/luhn';
import type { LeaseRecord, TokenLease } from '../../lib/payment/types';
import { verifyCode } from '../../lib/payment/verify';
import { arbLease, makeLease, T0 } from '../../sim/fixtures/lease';

// EMVCo CPM specification v1.1, annex B: the payloads as printed there (base64 and hex).
const ANNEX_B1 = 'hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=';
const ANNEX_B1_HEX = '85054350563031611A4F07A0000000555555570F1234567890123458D191220112345F';
const ANNEX_B2 =
  'hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==';
const ANNEX_B2_HEX =
  '85054350563031611' +
  '34F07A0000000555555500850726F6475637431' +
  '61134F07A0000000666666500850726F6475637432' +
  '62495A0812345678901234585F200E43415244484F4C4445522F454D565F2D0872756573646565' +
  '6E' +
  '64219F10070601' +
  '0A030000009F2608584FD385FA234BCC9F360200019F37046D58EF13';

const ascii = (b: Uint8Array | undefined): string => (b ? new TextDecoder().decode(b) : '');
const lookupOf =
  (lease: TokenLease, revoked = false) =>
  (n: string): LeaseRecord | undefined =>
    n === lease.leaseNumber ? { lease, revoked } : undefined;

describe('decodeEmvCpm: spec annex B', () => {
  it('the base64 and hex of the annex agree', () => {
    expect(toHex(decodeBase64(ANNEX_B1))).toBe(ANNEX_B1_HEX);
    expect(toHex(decodeBase64(ANNEX_B2))).toBe(ANNEX_B2_HEX);
  });

  it('example 1: one application, track 2 equivalent data', () => {
    const p = decodeEmvCpm(ANNEX_B1);
    expect(p.applications).toHaveLength(1);
    expect(p.common).toBeUndefined();
    expect(cpmAid(p.applications[0]!)).toBe('A0000000555555');
    expect(cpmAccount(p.applications[0]!)).toEqual({
      pan: '1234567890123458',
      expiry: '1912',
      serviceCode: '201',
      discretionary: '12345',
    });
    expect(encodeBase64(encodeTlv(decodeTlv(decodeBase64(ANNEX_B1))))).toBe(ANNEX_B1);
  });

  it('example 2: two applications and a common data template', () => {
    const p = decodeEmvCpm(ANNEX_B2);
    expect(p.applications.map(cpmAid)).toEqual(['A0000000555555', 'A0000000666666']);
    expect(p.applications.map((a) => ascii(findValue(a.objects, '50')))).toEqual(['Product1', 'Product2']);
    const common = p.common!;
    expect(cpmAccount(p.applications[1]!, common)).toEqual({ pan: '1234567890123458' });
    expect(ascii(findValue(common.objects, '5F20'))).toBe('CARDHOLDER/EMV');
    expect(ascii(findValue(common.objects, '5F2D'))).toBe('ruesdeen');
    expect(toHex(findValue(common.transparent, '9F10')!)).toBe('06010A03000000');
    expect(toHex(findValue(common.transparent, '9F26')!)).toBe('584FD385FA234BCC');
    expect(toHex(findValue(common.transparent, '9F36')!)).toBe('0001');
    expect(toHex(findValue(common.transparent, '9F37')!)).toBe('6D58EF13');
    expect(p.other).toEqual([]);
    expect(encodeBase64(encodeTlv(decodeTlv(decodeBase64(ANNEX_B2))))).toBe(ANNEX_B2);
  });

  it('rejects payloads the spec rejects', () => {
    const b64 = (hex: string) => encodeBase64(fromHex(hex));
    const cases: Array<[string, RegExp]> = [
      ['hello', /hQVDUFY/],
      [ANNEX_B1.slice(0, -1), /base64/],
      [b64('85054350563031'), /application templates/],
      [b64('8505435056303261034F0100'), /CPV01|hQVDUFY/], // CPV02 is not a CPM v1 payload
      [b64('850543505630316103570100'), /4F/],
      [b64('850543505630316104' + '4F01AA' + '00'), /57|5A/],
      [b64('8505435056303161094F01AA5A01125A0134'), /twice/],
      [b64('85054350563031' + '61064F01AA5A0112'.repeat(3)), /application templates/],
      [b64('85054350563031' + '61064F01AA5A0112' + '9F0100' + '61064F01AB5A0112'), /first/],
      [b64('8506435056303131' + '61064F01AA5A0112'), /CPV01|hQVDUFY/],
      [b64('850543505630316106' + '4F01AA' + '5A01AB'), /compressed numeric/],
    ];
    for (const [text, msg] of cases) {
      expect(() => decodeEmvCpm(text), text).toThrow(CpmError);
      expect(() => decodeEmvCpm(text), text).toThrow(msg);
    }
  });

  it('any text decodes or fails with CpmError; verifyEmvCpm never throws', () => {
    const lease = makeLease();
    const good = encodeEmvCpm(lease, T0);
    const mutated = fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([at, junk]) => {
      const bytes = decodeBase64(good);
      const i = at % bytes.length;
      const out = Uint8Array.from([...bytes.slice(0, i), ...junk, ...bytes.slice(i + junk.length)]);
      return encodeBase64(out);
    });
    const tlvPayload = fc
      .uint8Array({ maxLength: 60 })
      .map((b) => encodeBase64(Uint8Array.from([0x85, 0x05, 0x43, 0x50, 0x56, 0x30, 0x31, ...b])));
    fc.assert(
      fc.property(fc.oneof(mutated, tlvPayload, fc.string(), fc.constant(good)), (text) => {
        try {
          decodeEmvCpm(text);
        } catch (e) {
          expect(e).toBeInstanceOf(CpmError);
        }
        const r = verifyEmvCpm(text, T0, lookupOf(lease));
        if (r.ok) expect(r.leaseId).toBe(lease.leaseId);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('our CPM payload', () => {
  it('has 85, 61 with 4F, 5A (token number) and 63 with 9F26 and 9F36', () => {
    const lease = makeLease();
    const text = encodeEmvCpm(lease, T0);
    expect(text.startsWith('hQVDUFY')).toBe(true);
    const p = decodeEmvCpm(text);
    const app = p.applications[0]!;
    expect(cpmAid(app)).toBe(DEFAULT_CPM_AID);
    const token = tokenNumber(lease);
    expect(token).toBe('88' + lease.leaseNumber + token.slice(-1));
    expect(luhnValid(token)).toBe(true);
    expect(cpmAccount(app)).toEqual({ pan: token });
    const step = leaseStepAt(lease, T0);
    expect(findValue(app.transparent, '9F26')).toEqual(emvCryptogram(leaseSecretBytes(lease), step));
    expect(findValue(app.transparent, '9F36')).toEqual(Uint8Array.of((step % 65536) >> 8, step & 0xff));
    expect(text.length).toBeLessThanOrEqual(64); // fits a small byte-mode QR
  });

  it('track 2 variant carries the lease expiry', () => {
    const lease = makeLease({ expiresAt: Date.UTC(2026, 11, 31) });
    const p = decodeEmvCpm(encodeEmvCpm(lease, T0, { account: '57' }));
    expect(cpmAccount(p.applications[0]!)).toEqual({
      pan: tokenNumber(lease),
      expiry: '2612',
      serviceCode: '201',
      discretionary: '',
    });
    expect(verifyEmvCpm(encodeEmvCpm(lease, T0, { account: '57' }), T0, lookupOf(lease)).ok).toBe(true);
  });

  it('verifies within the drift window, with the same slot as the numeric code', () => {
    fc.assert(
      fc.property(
        arbLease,
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom<'5A' | '57'>('5A', '57'),
        (lease, d, account) => {
          const s = leaseStepAt(lease, T0);
          const r = verifyEmvCpm(emvCpmForStep(lease, s + d, { account }), T0, lookupOf(lease));
          if (Math.abs(d) <= 1) expect(r).toEqual({ ok: true, leaseId: lease.leaseId, step: s + d });
          else expect(r).toEqual({ ok: false, reason: 'outside-window' });
          const numeric = verifyCode(generateCode(lease, T0), T0, lookupOf(lease));
          expect(numeric.ok && numeric.step).toBe(s);
        },
      ),
    );
  });

  it('reasons', () => {
    const lease = makeLease();
    const text = encodeEmvCpm(lease, T0);
    const s = leaseStepAt(lease, T0);
    expect(verifyEmvCpm(text, T0, () => undefined)).toEqual({ ok: false, reason: 'unknown-lease' });
    expect(verifyEmvCpm(text, T0, lookupOf(lease, true))).toEqual({ ok: false, reason: 'revoked' });
    expect(verifyEmvCpm(text, T0, lookupOf({ ...lease, expiresAt: T0 }))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyEmvCpm(text, T0, lookupOf(lease), { isUsed: (_id, st) => st === s })).toEqual({
      ok: false,
      reason: 'used',
    });
    expect(verifyEmvCpm(text, T0, lookupOf(lease), { aid: 'A0000000555555' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyEmvCpm(text, T0, lookupOf(lease), { issuerPrefix: '77' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyEmvCpm(ANNEX_B1, T0, lookupOf(lease), { aid: 'A0000000555555' })).toEqual({
      ok: false,
      reason: 'malformed',
    }); // 16-digit PAN is not ours
    // a wrong cryptogram, a wrong ATC, and a token number with a bad Luhn digit
    const nodes = decodeTlv(decodeBase64(text));
    const tweak = (hexFrom: string, hexTo: string) =>
      encodeBase64(fromHex(toHex(encodeTlv(nodes)).replace(hexFrom, hexTo)));
    const crypt = toHex(emvCryptogram(leaseSecretBytes(lease), s));
    expect(
      verifyEmvCpm(tweak(crypt, crypt.slice(0, -1) + (crypt.endsWith('0') ? '1' : '0')), T0, lookupOf(lease)),
    ).toEqual({ ok: false, reason: 'outside-window' });
    const atc = (s % 65536).toString(16).toUpperCase().padStart(4, '0');
    expect(
      verifyEmvCpm(
        tweak('9F3602' + atc, '9F3602' + ((s + 7) % 65536).toString(16).toUpperCase().padStart(4, '0')),
        T0,
        lookupOf(lease),
      ),
    ).toEqual({ ok: false, reason: 'outside-window' });
    const token = tokenNumber(lease);
    const badToken = token.slice(0, -1) + String((Number(token.slice(-1)) + 1) % 10);
    expect(verifyEmvCpm(tweak('5A06' + token + 'F', '5A06' + badToken + 'F'), T0, lookupOf(lease))).toEqual({
      ok: false,
      reason: 'bad-check-digit',
    });
  });

  it('refuses bad options and dead leases', () => {
    const lease = makeLease();
    expect(() => encodeEmvCpm(lease, lease.expiresAt)).toThrow(/expired/);
    expect(() => encodeEmvCpm(lease, T0, { aid: 'A000' })).toThrow(CpmError);
    expect(() => verifyEmvCpm(encodeEmvCpm(lease, T0), T0, lookupOf(lease), { driftSteps: -1 })).toThrow(RangeError);
  });
});
