// The reader's (and the issuer's) side: is this ride code good now? No network: the issuer's public
// keys, the revocation list the reader last fetched, and the clock are all it needs.
import { p256 } from '@noble/curves/nist.js';
import { decodeRideBytes, RIDE_FORMAT_VERSION, RideFormatError, rideDigitsToBytes, type RideCodeParts } from './format';
import { certMessage, stepMessage } from './messages';
import { rideStepAt } from './code';

export type RideRefusal =
  | 'malformed' // not 340 digits, or no number a ride code can be
  | 'unsupported-version'
  | 'unknown-key' // signed by an issuer key the reader does not hold
  | 'certificate-expired'
  | 'outside-window' // a code of another step (too old, or from the future)
  | 'bad-signature' // altered, or signed with another card's key than its certificate names
  | 'revoked'
  | 'revocation-list-stale' // the reader's list is too old to trust (reader only)
  | 'used'; // this card already rode at this step here (reader only)

export const RIDE_REFUSAL_TEXT: Record<RideRefusal, string> = {
  malformed: 'not a ride code (wrong length or characters)',
  'unsupported-version': 'a ride code of a format this reader does not know',
  'unknown-key': 'signed by an issuer key this reader does not hold',
  'certificate-expired': "the watch's ride certificate has expired",
  'outside-window': 'the code is not of the current step (an old or copied code, or the watch clock is off)',
  'bad-signature': "the signature does not match the code's certificate (altered, or another card's key)",
  revoked: "the watch's ride certificate is revoked",
  'revocation-list-stale': "this reader's revocation list is too old",
  used: 'this code was already used here',
};

export type RideVerdict =
  | { ok: true; serial: number; step: number; keyId: number; notAfter: number }
  | { ok: false; reason: RideRefusal; message: string };

export interface RideVerifyOptions {
  /** Issuer public keys (33 or 65 bytes) by key id. */
  keys: ReadonlyMap<number, Uint8Array>;
  nowMs: number;
  /** Revoked certificate serials, from the newest revocation list the reader holds. */
  isRevoked?: (serial: number) => boolean;
  /** Steps before now still accepted (default 2: one minute of clock drift or slow gates). */
  pastSteps?: number;
  /** Steps after now accepted (default 1: a watch clock up to 30 s fast). */
  futureSteps?: number;
}

function refuse(reason: RideRefusal): RideVerdict {
  return { ok: false, reason, message: RIDE_REFUSAL_TEXT[reason] };
}

/** The certificate's expiry and the step window at o.nowMs: the refusal, or null if the code is of now. */
export function rideTiming(
  p: { notAfter: number; step: number },
  o: { nowMs: number; pastSteps?: number; futureSteps?: number },
): RideRefusal | null {
  if (o.nowMs >= p.notAfter * 1000) return 'certificate-expired';
  const now = rideStepAt(o.nowMs);
  if (p.step < now - (o.pastSteps ?? 2) || p.step > now + (o.futureSteps ?? 1)) return 'outside-window';
  return null;
}

/** Decodes without judging; null if it is not 340 digits of a 141-byte number. */
export function parseRideCode(text: string): RideCodeParts | null {
  try {
    return decodeRideBytes(rideDigitsToBytes(text));
  } catch (e) {
    if (e instanceof RideFormatError) return null;
    throw e;
  }
}

/**
 * Checks a ride code, cheapest checks first: format, key id, expiry, step window, then the two
 * signatures (the card key is recovered from the step signature; the certificate must vouch for
 * exactly that key), then revocation. Never throws for any input text.
 */
export function verifyRideCode(text: unknown, o: RideVerifyOptions): RideVerdict {
  if (typeof text !== 'string') return refuse('malformed');
  const p = parseRideCode(text.trim());
  if (!p) return refuse('malformed');
  if (p.version !== RIDE_FORMAT_VERSION) return refuse('unsupported-version');
  const issuerKey = o.keys.get(p.keyId);
  if (!issuerKey) return refuse('unknown-key');
  const late = rideTiming(p, o);
  if (late) return refuse(late);
  let cardKey: Uint8Array;
  try {
    const msg = stepMessage(p.version, p.keyId, p.serial, p.notAfter, p.step);
    const sig = new Uint8Array(65);
    sig[0] = p.recovery;
    sig.set(p.stepSig, 1);
    // Low s only: the other s of a signature would be a second text of the same ride.
    if (p256.Signature.fromBytes(p.stepSig).hasHighS()) return refuse('bad-signature');
    // The recovered key is the one key under which this signature verifies (SEC 1 4.1.6), so no
    // second check of the step signature is needed: the certificate must name exactly this key.
    cardKey = p256.recoverPublicKey(sig, msg);
    const compressed = p256.Point.fromBytes(cardKey).toBytes(true);
    if (!p256.verify(p.certSig, certMessage(p.keyId, p.serial, p.notAfter, compressed), issuerKey, { lowS: true }))
      return refuse('bad-signature');
  } catch {
    return refuse('bad-signature'); // r or s out of range, no point at r: not a signature
  }
  if (o.isRevoked?.(p.serial)) return refuse('revoked');
  return { ok: true, serial: p.serial, step: p.step, keyId: p.keyId, notAfter: p.notAfter };
}
