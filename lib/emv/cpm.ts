// EMV QR Code, consumer-presented mode (EMVCo CPM specification v1.1): our payload builder
// and verifier, and a general decoder that reads any conforming payload (the spec's annex
// examples included). See docs/payment-codes.md for the data objects we put in.
import { Base64Error, decodeBase64, encodeBase64 } from '../encoding/base64';
import { constantTimeEqual, fromHex, toHex } from '../encoding/bytes';
import { counterBytes, nobleHmacSha256 } from '../payment/hotp';
import type { HmacSha256 } from '../payment/hotp';
import { isIssuerPrefixAllowed, LeaseError, leaseIsLive, leaseSecretBytes, leaseStepAt } from '../payment/lease';
import { luhnCheckDigit, luhnValid } from '../payment/luhn';
import type { LeaseRecord, TokenLease, VerifyResult } from '../payment/types';
import type { VerifyOptions } from '../payment/verify';
import { driftOf, verifyInWindow } from '../payment/verify';
import { decodeTlv, encodeTlv, findValue, isConstructed, TlvError } from './tlv';
import type { TlvNode } from './tlv';

export class CpmError extends Error {
  override name = 'CpmError';
}

export const CPM_PAYLOAD_FORMAT = 'CPV01';
/** What every CPM payload's base64 text starts with (85 05 "CPV01" ...), spec 5.1.1.1. */
export const CPM_TEXT_START = 'hQVDUFY';
/** Our application id: 'F' starts the proprietary, unregistered AID range (ISO/IEC 7816-5). */
export const DEFAULT_CPM_AID = 'F05757414C4C4554';

const TAG = {
  payloadFormat: '85',
  application: '61',
  common: '62',
  appTransparent: '63',
  commonTransparent: '64',
  aid: '4F',
  track2: '57',
  pan: '5A',
  cryptogram: '9F26',
  atc: '9F36',
} as const;

/** An application template (61) or the common data template (62), split as the spec's POI does. */
export interface CpmTemplate {
  /** Data objects for the POI (everything but the transparent template). */
  objects: TlvNode[];
  /** Contents of the transparent template (63 in 61, 64 in 62), passed on to the issuer. */
  transparent: TlvNode[];
}

export interface CpmPayload {
  applications: CpmTemplate[];
  common?: CpmTemplate;
  /** Templates and objects after the application / common templates. */
  other: TlvNode[];
}

export interface CpmAccount {
  pan: string;
  /** From track 2 equivalent data only. */
  expiry?: string; // YYMM
  serviceCode?: string;
  discretionary?: string;
}

function splitTemplate(node: TlvNode, transparentTag: string): CpmTemplate {
  if (!isConstructed(node)) throw new CpmError(`template ${node.tag} is not constructed`);
  const objects: TlvNode[] = [];
  let transparent: TlvNode[] = [];
  let seen = false;
  for (const child of node.children) {
    if (child.tag === transparentTag && isConstructed(child)) {
      if (seen) throw new CpmError(`template ${node.tag} holds two transparent templates`);
      seen = true;
      transparent = child.children;
    } else {
      objects.push(child);
    }
  }
  return { objects, transparent };
}

/** Application PAN (5A): compressed numeric, left-justified, padded with trailing F. */
function readPan(value: Uint8Array): string {
  const digits = toHex(value).replace(/F+$/, '');
  if (!/^\d{1,19}$/.test(digits)) throw new CpmError('application PAN (5A) is not compressed numeric');
  return digits;
}

/** Track 2 equivalent data (57): PAN 'D' YYMM service code, discretionary data, F pad. */
function readTrack2(value: Uint8Array): CpmAccount {
  const m = /^(\d{1,19})D(\d{4})(\d{3})(\d*)F?$/.exec(toHex(value));
  if (!m) throw new CpmError('track 2 equivalent data (57) is malformed');
  return { pan: m[1]!, expiry: m[2]!, serviceCode: m[3]!, discretionary: m[4]! };
}

function packDigits(digits: string): Uint8Array {
  return fromHex(digits.length % 2 ? digits + 'F' : digits);
}

/** The account of an application template, from its own objects or the common template's. */
export function cpmAccount(app: CpmTemplate, common?: CpmTemplate): CpmAccount | undefined {
  const pool = common ? [...app.objects, ...common.objects] : app.objects;
  const track2 = findValue(pool, TAG.track2);
  const pan = findValue(pool, TAG.pan);
  if (pan) return { ...(track2 ? readTrack2(track2) : {}), pan: readPan(pan) };
  return track2 ? readTrack2(track2) : undefined;
}

/** The ADF name (AID) of an application template, as hex. */
export function cpmAid(app: CpmTemplate): string | undefined {
  const v = findValue(app.objects, TAG.aid);
  return v && toHex(v);
}

/**
 * Decodes the text a QR reader returns (spec section 5.1): base64, then BER-TLV, then the
 * templates. Throws CpmError (with the TlvError or Base64Error as cause) on any violation.
 */
export function decodeEmvCpm(text: string): CpmPayload {
  if (typeof text !== 'string' || !text.startsWith(CPM_TEXT_START))
    throw new CpmError('not an EMV CPM payload (must start with "hQVDUFY")');
  let nodes: TlvNode[];
  try {
    nodes = decodeTlv(decodeBase64(text));
  } catch (e) {
    if (e instanceof Base64Error || e instanceof TlvError)
      throw new CpmError(`EMV CPM payload: ${e.message}`, { cause: e });
    throw e;
  }
  const [first, ...rest] = nodes;
  if (!first || first.tag !== TAG.payloadFormat || isConstructed(first))
    throw new CpmError('first object is not the payload format indicator (85)');
  const format = first.value.length === CPM_PAYLOAD_FORMAT.length ? String.fromCharCode(...first.value) : '';
  if (format !== CPM_PAYLOAD_FORMAT) throw new CpmError('unsupported payload format indicator (85), expected "CPV01"');
  let i = 0;
  const applications: CpmTemplate[] = [];
  while (i < rest.length && rest[i]!.tag === TAG.application)
    applications.push(splitTemplate(rest[i++]!, TAG.appTransparent));
  let common: CpmTemplate | undefined;
  if (i < rest.length && rest[i]!.tag === TAG.common) common = splitTemplate(rest[i++]!, TAG.commonTransparent);
  const other = rest.slice(i);
  if (applications.length === 0 || applications.length > 2)
    throw new CpmError(`expected 1 or 2 application templates, got ${applications.length}`);
  if (other.some((n) => n.tag === TAG.application || n.tag === TAG.common))
    throw new CpmError('application and common templates must come first');
  for (const app of applications) {
    if (!cpmAid(app)) throw new CpmError('application template without ADF name (4F)');
    const seen = new Set<string>();
    for (const n of common ? [...app.objects, ...common.objects] : app.objects) {
      if (isConstructed(n)) continue;
      if (seen.has(n.tag)) throw new CpmError(`data object ${n.tag} appears twice in the POI data`);
      seen.add(n.tag);
    }
    if (!cpmAccount(app, common)) throw new CpmError('neither track 2 equivalent data (57) nor application PAN (5A)');
  }
  return common ? { applications, common, other } : { applications, other };
}

/** Our token number: issuer prefix + lease number + Luhn digit (10 or 11 digits). */
export function tokenNumber(lease: Pick<TokenLease, 'issuerPrefix' | 'leaseNumber'>): string {
  const body = lease.issuerPrefix + lease.leaseNumber;
  return body + luhnCheckDigit(body);
}

const CRYPTOGRAM_DOMAIN = [0x57, 0x57, 0x43, 0x50, 0x4d, 0x31]; // "WWCPM1": never equal to an HOTP input

/** Application cryptogram (9F26) for TOTP step `step`: the first 8 bytes of an HMAC-SHA256. */
export function emvCryptogram(secret: Uint8Array, step: number, mac: HmacSha256 = nobleHmacSha256): Uint8Array {
  const msg = new Uint8Array(CRYPTOGRAM_DOMAIN.length + 8);
  msg.set(CRYPTOGRAM_DOMAIN, 0);
  msg.set(counterBytes(step), CRYPTOGRAM_DOMAIN.length);
  return mac(secret, msg).slice(0, 8);
}

export interface EmvCpmOptions {
  /** Application id, hex, 5-16 bytes. */
  aid?: string;
  /** Carry the token number as application PAN (5A, default) or track 2 equivalent data (57). */
  account?: '5A' | '57';
  hmac?: HmacSha256;
}

function checkAid(aid: string): Uint8Array {
  if (!/^(?:[0-9A-F]{2}){5,16}$/.test(aid))
    throw new CpmError(`AID must be 5-16 bytes of upper-case hex, got ${JSON.stringify(aid)}`);
  return fromHex(aid);
}

function expiryYymm(ms: number): string {
  const d = new Date(ms);
  return String(d.getUTCFullYear() % 100).padStart(2, '0') + String(d.getUTCMonth() + 1).padStart(2, '0');
}

/** The CPM payload of `lease` for TOTP step `step`, as base64 text for a byte-mode QR code. */
export function emvCpmForStep(lease: TokenLease, step: number, opts: EmvCpmOptions = {}): string {
  if (!isIssuerPrefixAllowed(lease.issuerPrefix) || !/^\d{7,8}$/.test(lease.leaseNumber))
    throw new LeaseError('invalid lease: prefix or lease number');
  const aid = checkAid(opts.aid ?? DEFAULT_CPM_AID);
  const token = tokenNumber(lease);
  const account: TlvNode =
    opts.account === '57'
      ? { tag: TAG.track2, value: packDigits(`${token}D${expiryYymm(lease.expiresAt)}201`) }
      : { tag: TAG.pan, value: packDigits(token) };
  const atc = step % 65536;
  const bytes = encodeTlv([
    { tag: TAG.payloadFormat, value: Uint8Array.from(CPM_PAYLOAD_FORMAT, (c) => c.charCodeAt(0)) },
    {
      tag: TAG.application,
      children: [
        { tag: TAG.aid, value: aid },
        account,
        {
          tag: TAG.appTransparent,
          children: [
            { tag: TAG.cryptogram, value: emvCryptogram(leaseSecretBytes(lease), step, opts.hmac) },
            { tag: TAG.atc, value: Uint8Array.of(atc >> 8, atc & 0xff) },
          ],
        },
      ],
    },
  ]);
  return encodeBase64(bytes);
}

/** The CPM payload for `nowMs` (watch clock). Throws LeaseError when the lease is not live. */
export function encodeEmvCpm(lease: TokenLease, nowMs: number, opts: EmvCpmOptions = {}): string {
  if (!leaseIsLive(lease, nowMs))
    throw new LeaseError(nowMs < lease.notBefore ? 'lease is not valid yet' : 'lease has expired');
  return emvCpmForStep(lease, leaseStepAt(lease, nowMs), opts);
}

export interface VerifyEmvCpmOptions extends VerifyOptions {
  /** The AID of our application template; default DEFAULT_CPM_AID. */
  aid?: string;
}

/**
 * Issuer-side check of a CPM payload; same results as verifyCode. The one-time slot
 * (leaseId, step) is shared with the numeric code of that step.
 */
export function verifyEmvCpm(
  payload: string,
  nowMs: number,
  lookup: (leaseNumber: string) => LeaseRecord | undefined,
  opts?: VerifyEmvCpmOptions,
): VerifyResult {
  driftOf(opts);
  const wantAid = opts?.aid ?? DEFAULT_CPM_AID;
  checkAid(wantAid);
  let decoded: CpmPayload;
  try {
    decoded = decodeEmvCpm(payload);
  } catch (e) {
    if (e instanceof CpmError) return { ok: false, reason: 'malformed' };
    throw e;
  }
  const app = decoded.applications.find((a) => cpmAid(a) === wantAid);
  if (!app) return { ok: false, reason: 'malformed' };
  let account: CpmAccount | undefined;
  try {
    account = cpmAccount(app, decoded.common);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!account || (account.pan.length !== 10 && account.pan.length !== 11)) return { ok: false, reason: 'malformed' };
  if (!luhnValid(account.pan)) return { ok: false, reason: 'bad-check-digit' };
  const prefix = account.pan.slice(0, 2);
  const leaseNumber = account.pan.slice(2, -1);
  if (!isIssuerPrefixAllowed(prefix) || (opts?.issuerPrefix !== undefined && prefix !== opts.issuerPrefix)) {
    return { ok: false, reason: 'malformed' };
  }
  const transparent = app.transparent.length > 0 ? app.transparent : (decoded.common?.transparent ?? []);
  const cryptogram = findValue(transparent, TAG.cryptogram);
  const atcBytes = findValue(transparent, TAG.atc);
  if (!cryptogram || cryptogram.length !== 8 || !atcBytes || atcBytes.length !== 2)
    return { ok: false, reason: 'malformed' };
  const atc = ((atcBytes[0] as number) << 8) | (atcBytes[1] as number);
  const record = lookup(leaseNumber);
  if (!record || record.lease.leaseNumber !== leaseNumber || record.lease.issuerPrefix !== prefix) {
    return { ok: false, reason: 'unknown-lease' };
  }
  const mac = opts?.hmac ?? nobleHmacSha256;
  const secret = leaseSecretBytes(record.lease);
  return verifyInWindow(
    record,
    nowMs,
    opts,
    (step) => step % 65536 === atc && constantTimeEqual(emvCryptogram(secret, step, mac), cryptogram),
  );
}
