// Ride codes on the issuer's side (lib/ride, docs/ride-codes.md): its P-256 keys, the certificate
// of each card's ride key in every lease it mints, the signed revocation list readers fetch, and
// the taps readers upload: each ride (certificate serial, step) is charged once, whichever reader
// uploads it first; later taps of the same ride are recorded as duplicates and reported back.
import { createPublicKey, randomBytes, timingSafeEqual, verify as cryptoVerify } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { SYNC_MAX_CARDS } from '../../lib/issuer-api/constants';
import { decodeBase64Url, encodeBase64Url } from '../../lib/encoding/base64';
import type { TokenLease } from '../../lib/payment/types';
import { deriveRideKey, rideNotAfter, ridePublicKey } from '../../lib/ride/code';
import type { RideCredential } from '../../lib/ride/credential';
import {
  issuerKeyFromSeed,
  issuerPublicKey,
  type RevocationList,
  signRevocationList,
  signRideCert,
} from '../../lib/ride/issuer';
import { RIDE_FORMAT_VERSION } from '../../lib/ride/format';
import { stepMessage } from '../../lib/ride/messages';
import { parseRideCode, RIDE_REFUSAL_TEXT, type RideRefusal, rideTiming } from '../../lib/ride/verify';
import type { Queries, Tx } from '../db/store';
import type { Ctx } from './context';
import { afterFare, FARE_CARD_COLUMNS, type FareCard } from './auto-top-up';
import { partyBook, post } from './ledger';
import { newId } from './ids';

interface KeyRow {
  id: number;
  secret: string;
  public_key: string;
}

/** The key new certificates are signed with: the newest unretired one, made on first use. */
export async function currentRideKey(ctx: Ctx, tx: Tx): Promise<KeyRow> {
  const found = await tx.get<KeyRow>(
    'SELECT id, secret, public_key FROM ride_keys WHERE retired_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1',
  );
  if (found) return found;
  const secret = issuerKeyFromSeed(randomBytes(48));
  // Two issuer processes may race to make key 0: one insert wins, both read it back.
  await tx.run(
    'INSERT INTO ride_keys (id, secret, public_key, created_at) VALUES (0, ?, ?, ?) ON CONFLICT DO NOTHING',
    encodeBase64Url(secret),
    encodeBase64Url(issuerPublicKey(secret)),
    ctx.now(),
  );
  return (await tx.get<KeyRow>('SELECT id, secret, public_key FROM ride_keys WHERE id = 0'))!;
}

/** The issuer's ride public keys (retired ones too: codes signed before a rotation stay checkable until they expire). */
export async function rideKeys(q: Queries): Promise<Array<{ id: number; publicKey: string; retired: boolean }>> {
  const rows = await q.all<{ id: number; public_key: string; retired_at: number | null }>(
    'SELECT id, public_key, retired_at FROM ride_keys ORDER BY id',
  );
  return rows.map((r) => ({ id: r.id, publicKey: r.public_key, retired: r.retired_at !== null }));
}

/**
 * Certificates for the cards of the lease's account (as many as sync sends), inside the lease's
 * minting transaction. The card key is derived from the lease secret, as the watch derives it.
 */
export async function certifyLease(
  ctx: Ctx,
  tx: Tx,
  lease: TokenLease,
  deviceId: string,
  accountId: string,
): Promise<RideCredential[]> {
  const cards = await tx.all<{ id: string }>(
    'SELECT id FROM cards WHERE account_id = ? ORDER BY created_at, id LIMIT ?',
    accountId,
    SYNC_MAX_CARDS,
  );
  if (cards.length === 0) return [];
  const key = await currentRideKey(ctx, tx);
  const issuerSecret = decodeBase64Url(key.secret);
  const leaseSecret = decodeBase64Url(lease.secret);
  const notAfter = rideNotAfter(lease);
  const out: RideCredential[] = [];
  for (const card of cards) {
    const next = await tx.get<{ s: number }>(
      tx.dialect === 'postgres'
        ? "SELECT nextval('ride_cert_serials') AS s"
        : 'SELECT COALESCE(MAX(serial), 0) + 1 AS s FROM ride_certs', // the write transaction keeps other writers out
    );
    const serial = Number(next!.s);
    const cardKey = ridePublicKey(deriveRideKey(leaseSecret, card.id));
    const cert = signRideCert(issuerSecret, key.id, serial, notAfter, cardKey);
    await tx.run(
      `INSERT INTO ride_certs (serial, lease_id, device_id, card_id, key_id, not_after, cert, public_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      serial,
      lease.leaseId,
      deviceId,
      card.id,
      key.id,
      notAfter,
      cert,
      encodeBase64Url(cardKey),
    );
    out.push({ card: card.id, serial, key: key.id, cert });
  }
  return out;
}

/** The credentials stored for a lease (newestLease hands them out again). */
export async function leaseRideCredentials(q: Queries, leaseId: string): Promise<RideCredential[]> {
  const rows = await q.all<{ card_id: string; serial: number; key_id: number; cert: string }>(
    'SELECT card_id, serial, key_id, cert FROM ride_certs WHERE lease_id = ? ORDER BY serial',
    leaseId,
  );
  return rows.map((r) => ({ card: r.card_id, serial: Number(r.serial), key: r.key_id, cert: r.cert }));
}

/** How long a revocation list is current; readers use it up to REVOCATION_GRACE_MS longer (lib/ride/issuer). */
export const REVOCATION_LIST_LIFETIME_MS = 3600_000;

/**
 * The signed list of serials whose lease is revoked (device unbound, or lease superseded) and
 * whose certificate has not expired yet: expired ones are refused anyway, so the list stays short.
 */
export async function revocationList(ctx: Ctx): Promise<RevocationList> {
  const now = ctx.now();
  return ctx.db.tx(async (tx) => {
    const key = await currentRideKey(ctx, tx);
    const rows = await tx.all<{ serial: number }>(
      `SELECT rc.serial FROM ride_certs rc JOIN leases l ON l.id = rc.lease_id
        WHERE l.revoked = 1 AND rc.not_after > ? ORDER BY rc.serial`,
      Math.floor(now / 1000),
    );
    return signRevocationList(
      decodeBase64Url(key.secret),
      key.id,
      now,
      now + REVOCATION_LIST_LIFETIME_MS,
      rows.map((r) => Number(r.serial)),
    );
  });
}

export interface UploadedTap {
  id: number;
  code: string;
  at: number;
  fare: number;
  line: string;
}

export type TapStatus = 'charged' | 'duplicate' | 'refused' | 'unpaid';

export interface TapResult {
  id: number;
  status: TapStatus;
  reason: string | null;
  tripId: string | null;
  /** For a duplicate: the reader and tap that rode first. */
  first: { reader: string; tap: number } | null;
}

interface TapRow {
  tap_id: number;
  status: TapStatus;
  reason: string | null;
  trip_id: string | null;
  first_reader: string | null;
  first_tap: number | null;
}

function resultOf(r: TapRow): TapResult {
  return {
    id: Number(r.tap_id),
    status: r.status,
    reason: r.reason,
    tripId: r.trip_id,
    first: r.first_reader === null ? null : { reader: r.first_reader, tap: Number(r.first_tap) },
  };
}

/** Taps may be uploaded this long after they happened (a reader offline for a week). */
export const TAP_MAX_AGE_MS = 30 * 24 * 3600_000;
/** A tap's time may be this far ahead of the issuer's clock (the reader's clock drifts). */
export const TAP_MAX_AHEAD_MS = 5 * 60_000;

/**
 * A reader's batch of taps. Each tap is judged once: a tap already uploaded (same operator,
 * reader and tap id) answers what it answered then, so a batch repeated after a crash counts once.
 */
export async function uploadTaps(
  ctx: Ctx,
  operatorId: string,
  readerId: string,
  taps: readonly UploadedTap[],
): Promise<TapResult[]> {
  const out: TapResult[] = [];
  for (const t of taps) out.push(await uploadOne(ctx, operatorId, readerId, t));
  return out;
}

async function uploadOne(ctx: Ctx, operatorId: string, readerId: string, t: UploadedTap): Promise<TapResult> {
  const now = ctx.now();
  const verdict = await judgeTap(ctx, t, now);
  return ctx.db.tx(
    async (tx): Promise<TapResult> => {
      const prior = await tx.get<TapRow>(
        'SELECT tap_id, status, reason, trip_id, first_reader, first_tap FROM ride_taps WHERE operator_id = ? AND reader_id = ? AND tap_id = ?',
        operatorId,
        readerId,
        t.id,
      );
      if (prior) return resultOf(prior);
      const row: TapRow & { serial: number | null; step: number | null; card_id: string | null } = {
        tap_id: t.id,
        status: 'refused',
        reason: null,
        trip_id: null,
        first_reader: null,
        first_tap: null,
        serial: verdict.ok ? verdict.serial : null,
        step: verdict.ok ? verdict.step : null,
        card_id: null,
      };
      if (!verdict.ok) row.reason = verdict.reason;
      else {
        const cert = verdict.cert;
        if (cert.unbound_at !== null && cert.unbound_at <= t.at) {
          row.card_id = cert.card_id;
          row.reason = 'revoked';
        } else {
          row.card_id = cert.card_id;
          const claimed = await tx.run(
            'INSERT INTO ride_rides (serial, step, operator_id, reader_id, tap_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
            verdict.serial,
            verdict.step,
            operatorId,
            readerId,
            t.id,
          );
          if (claimed === 0) {
            const first = await tx.get<{ reader_id: string; tap_id: number; operator_id: string }>(
              'SELECT operator_id, reader_id, tap_id FROM ride_rides WHERE serial = ? AND step = ?',
              verdict.serial,
              verdict.step,
            );
            row.status = 'duplicate';
            row.reason = 'ride already charged';
            row.first_reader =
              first!.operator_id === operatorId ? first!.reader_id : `${first!.operator_id}:${first!.reader_id}`;
            row.first_tap = Number(first!.tap_id);
          } else await charge(tx, operatorId, readerId, t, cert.card_id, row, now);
        }
      }
      await tx.run(
        `INSERT INTO ride_taps (operator_id, reader_id, tap_id, serial, step, card_id, at, fare, line, status, reason,
           trip_id, first_reader, first_tap, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        operatorId,
        readerId,
        t.id,
        row.serial,
        row.step,
        row.card_id,
        t.at,
        t.fare,
        t.line,
        row.status,
        row.reason,
        row.trip_id,
        row.first_reader,
        row.first_tap,
        now,
      );
      return resultOf(row);
    },
    { group: true },
  );
}

interface CertRow {
  card_id: string;
  key_id: number;
  not_after: number;
  cert: string;
  public_key: string;
  unbound_at: number | null;
}

type Judged =
  | { ok: true; serial: number; step: number; cert: CertRow }
  | { ok: false; reason: RideRefusal | 'unknown-serial'; message: string };

// SubjectPublicKeyInfo of a compressed P-256 point, less the point: node:crypto takes the key in DER.
const P256_SPKI_PREFIX = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');

/**
 * The issuer's check of an uploaded code. It issued the certificate, so instead of recovering the
 * card key and verifying its own signature (two curve multiplications in JS, as a reader does), it
 * looks the serial up, compares the certificate in the code with the one it stored, and verifies the
 * step signature against the stored card key with node:crypto (OpenSSL): the same verdict, ~50x faster.
 * Taps are judged at their own time (`at`), as the reader judged them.
 */
async function judgeTap(ctx: Ctx, t: UploadedTap, now: number): Promise<Judged> {
  const no = (reason: RideRefusal | 'unknown-serial', message?: string): Judged => ({
    ok: false,
    reason,
    message: message ?? (reason === 'unknown-serial' ? 'no such certificate' : RIDE_REFUSAL_TEXT[reason]),
  });
  const p = parseRideCode(t.code);
  if (!p) return no('malformed');
  if (p.version !== RIDE_FORMAT_VERSION) return no('unsupported-version');
  const late = rideTiming(p, { nowMs: t.at });
  if (late) return no(late);
  if (t.at > now + TAP_MAX_AHEAD_MS || t.at < now - TAP_MAX_AGE_MS)
    return no('outside-window', 'the tap time is too far from now');
  const cert = await ctx.db.get<CertRow>(
    `SELECT rc.card_id, rc.key_id, rc.not_after, rc.cert, rc.public_key, d.unbound_at
       FROM ride_certs rc JOIN devices d ON d.id = rc.device_id WHERE rc.serial = ?`,
    p.serial,
  );
  if (!cert) return no('unknown-serial');
  const sameCert =
    cert.key_id === p.keyId &&
    Number(cert.not_after) === p.notAfter &&
    timingSafeEqual(decodeBase64Url(cert.cert), p.certSig);
  if (!sameCert) return no('bad-signature');
  let good: boolean;
  try {
    // Low s only (as readers require): r or s out of range throws here.
    if (p256.Signature.fromBytes(p.stepSig).hasHighS()) return no('bad-signature');
    const key = createPublicKey({
      key: Buffer.concat([P256_SPKI_PREFIX, decodeBase64Url(cert.public_key)]),
      format: 'der',
      type: 'spki',
    });
    good = cryptoVerify(
      'sha256',
      stepMessage(p.version, p.keyId, p.serial, p.notAfter, p.step),
      { key, dsaEncoding: 'ieee-p1363' },
      p.stepSig,
    );
  } catch {
    good = false;
  }
  if (!good) return no('bad-signature');
  return { ok: true, serial: p.serial, step: p.step, cert };
}

/** The fare as a trip, as POST /transit/taps records one; a card that cannot pay leaves the ride unpaid (reported). */
async function charge(
  tx: Tx,
  operatorId: string,
  readerId: string,
  t: UploadedTap,
  cardId: string,
  row: TapRow,
  now: number,
): Promise<void> {
  const card = await tx.get<FareCard & { balance: number }>(
    `SELECT c.id, b.currency, b.balance, ${FARE_CARD_COLUMNS} FROM cards c JOIN books b ON b.id = c.id WHERE c.id = ?${tx.forUpdate}`,
    cardId,
  );
  if (!card || card.balance < t.fare) {
    row.status = 'unpaid';
    row.reason = 'insufficient-funds';
    return;
  }
  const tripId = newId('tr');
  await tx.run(
    'INSERT INTO trips (id, card_id, operator_id, idempotency_key, fare, line, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    tripId,
    cardId,
    operatorId,
    `ride:${readerId}:${t.id}`.slice(0, 64),
    t.fare,
    t.line,
    t.at,
  );
  await post(tx, tripId, 'fare', now, [
    { book: cardId, amount: -t.fare },
    {
      book: partyBook(operatorId, card.currency, tripId),
      amount: t.fare,
      open: { kind: 'operator', currency: card.currency },
    },
  ]);
  // A ride that takes the card under its threshold tops it up, as a tap by card id does (auto-top-up.ts).
  await afterFare(tx, card, card.balance, t.fare, tripId, now);
  row.status = 'charged';
  row.trip_id = tripId;
}

/** Duplicates and unpaid or refused taps the operator's readers uploaded, newest first (the operator's report). */
export async function rideExceptions(
  ctx: Ctx,
  operatorId: string,
  limit = 100,
): Promise<Array<TapResult & { reader: string; at: number; fare: number; line: string }>> {
  const rows = await ctx.db.all<TapRow & { reader_id: string; at: number; fare: number; line: string }>(
    `SELECT reader_id, tap_id, status, reason, trip_id, first_reader, first_tap, at, fare, line FROM ride_taps
      WHERE operator_id = ? AND status <> 'charged' ORDER BY uploaded_at DESC, at DESC LIMIT ?`,
    operatorId,
    limit,
  );
  return rows.map((r) => ({ ...resultOf(r), reader: r.reader_id, at: r.at, fare: r.fare, line: r.line }));
}
