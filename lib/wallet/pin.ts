// The wrist lock and its PIN, as pure rules: what the watch stores (one LocalStorage record), how a PIN
// is hashed and checked, the keypad's steps, and when the wallet locks. page/common/lock.ts applies
// them to the watch's Wear sensor and storage; page/pin/ is the keypad.
//
// The PIN is kept only as PBKDF2-HMAC-SHA256 (@noble/hashes, the library the payment codes already use,
// pure JS that runs in QuickJS) of the 4 digits with a 16-byte random salt. PBKDF2 rather than scrypt:
// scrypt's cost is memory (N * r * 128 bytes: 1 MiB at N = 1024, r = 8), and a watch app's memory is
// small and not documented; PBKDF2 needs a few hundred bytes and its cost is time alone. The iteration
// count (PIN_ITERATIONS = 100) is what QuickJS does in about 0.1 s on a desktop core (about 0.9 ms per
// iteration: bench/pin-hash.bench.ts, BENCHMARKS.md "PIN hash"); a watch's core is slower by a factor no
// document gives, so a check may take most of a second there, which a person at a till still accepts. No iteration count makes 10,000 PINs hard to try once the record is read out of
// the watch's storage (docs/security.md): the slow hash keeps the digits out of plain sight, and the
// tries counter with the lease erase is what stops guessing on the watch itself.
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { constantTimeEqual, fromHex, toHex } from '../encoding/bytes';
import { isRecord } from '../guards';

export const LOCK_STORAGE_KEY = 'lock.v1';
export const PIN_LENGTH = 4;
/** Wrong PINs in a row that erase the lease from the watch. */
export const MAX_WRONG_PINS = 5;
/** PBKDF2 iterations for new PINs; measured in QuickJS (see the header). Stored with each PIN. */
export const PIN_ITERATIONS = 100;
export const PIN_SALT_BYTES = 16;
/**
 * An unlock outlives the app's exit only this long: the app sees the wrist only while it runs, so at
 * the next start it trusts the unlock only when it saw the watch worn at most this long ago (and it is
 * worn now). Long enough to pay and then look at a card balance; a watch taken off and put back on
 * within it, with the app closed, is not seen (docs/security.md).
 */
export const RESUME_MS = 5 * 60_000;

export interface PinHash {
  alg: 'pbkdf2-sha256';
  iterations: number;
  /** Hex. */
  salt: string;
  /** Hex, 32 bytes. */
  hash: string;
}

export interface LockRecord {
  v: 1;
  pin: PinHash | null;
  /** Wrong PINs in a row; counted before a PIN is checked, so a restart during the check still counts it. */
  wrong: number;
  unlocked: boolean;
  /** The app saw the watch worn since the unlock. */
  seenWorn: boolean;
  /** When the app last saw the watch worn (watch clock), or null. */
  wornAt: number | null;
  /** Unlocked by the keypad for the pay page's next opening (a watch that cannot tell if it is worn). */
  fresh: boolean;
  /** The lease was erased after too many wrong PINs; shown until a new lease arrives. */
  erased: boolean;
  /** The id of the last "Forgot PIN" wipe the watch carried out (the phone stops sending it). */
  wipeSeen: string | null;
}

export const EMPTY_LOCK: LockRecord = {
  v: 1,
  pin: null,
  wrong: 0,
  unlocked: false,
  seenWorn: false,
  wornAt: null,
  fresh: false,
  erased: false,
  wipeSeen: null,
};

/** @zos/sensor Wear getStatus(): 0 not worn, 1 worn, 2 in motion, 3 not sure (docs: sensor/Wear.mdx). */
export type WearKind = 'worn' | 'off' | 'unsure';

/**
 * "In motion" (2) counts as worn: the docs list it beside worn and not worn, and a watch reports
 * motion from a moving wrist. Anything the docs do not list counts as "not sure".
 */
export function wearKind(status: unknown): WearKind {
  if (status === 1 || status === 2) return 'worn';
  if (status === 0) return 'off';
  return 'unsure';
}

export function isPin(text: string): boolean {
  return text.length === PIN_LENGTH && /^[0-9]+$/.test(text);
}

export function hashPin(pin: string, salt: Uint8Array, iterations: number = PIN_ITERATIONS): PinHash {
  if (!isPin(pin)) throw new RangeError(`a PIN is ${PIN_LENGTH} digits`);
  const key = pbkdf2(sha256, asciiBytes(pin), salt, { c: iterations, dkLen: 32 });
  return { alg: 'pbkdf2-sha256', iterations, salt: toHex(salt), hash: toHex(key) };
}

/** The digits as ASCII bytes (QuickJS on the watch has no TextEncoder). */
function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function pinMatches(stored: PinHash, pin: string): boolean {
  if (!isPin(pin)) return false;
  return constantTimeEqual(hashPin(pin, fromHex(stored.salt), stored.iterations).hash, stored.hash);
}

/**
 * A salt from the watch's Math.random (QuickJS has no crypto.getRandomValues) and its clock. A salt
 * needs to differ between watches and PINs, not to be secret.
 */
export function makeSalt(random: () => number, nowMs: number): Uint8Array {
  const out = new Uint8Array(PIN_SALT_BYTES);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(random() * 256) & 0xff;
  for (let i = 0; i < 6; i++) out[i] = (out[i]! ^ Math.floor(nowMs / 2 ** (8 * i))) & 0xff;
  return out;
}

// ---- when the wallet locks --------------------------------------------------------------------

const seen = (rec: LockRecord, wear: WearKind, nowMs: number): LockRecord =>
  wear === 'worn' && rec.unlocked ? { ...rec, seenWorn: true, wornAt: nowMs } : rec;

const locked = (rec: LockRecord): LockRecord => ({ ...rec, unlocked: false, seenWorn: false, fresh: false });

/** The app starts: the unlock stands only if the app saw the watch worn lately and it is worn now. */
export function lockAtStart(rec: LockRecord, wear: WearKind, nowMs: number): LockRecord {
  const keep =
    rec.unlocked &&
    rec.seenWorn &&
    wear === 'worn' &&
    rec.wornAt !== null &&
    nowMs >= rec.wornAt &&
    nowMs - rec.wornAt <= RESUME_MS;
  // `fresh` was for the pay page the keypad went on to in the last run: not this one.
  return keep ? { ...seen(rec, wear, nowMs), fresh: false } : locked(rec);
}

/**
 * The Wear status changed (or was read) while the app runs. Off the wrist locks at once; "not sure"
 * changes nothing here (the pay page asks for the PIN at its next opening, see payOpening).
 */
export function onWear(rec: LockRecord, wear: WearKind, nowMs: number): LockRecord {
  if (wear === 'off') return locked(rec);
  return seen(rec, wear, nowMs);
}

/** The pay page opens. A watch that is not sure it is worn asks for the PIN every time. */
export function payOpening(rec: LockRecord, wear: WearKind, nowMs: number): LockRecord {
  if (wear === 'off' || (wear === 'unsure' && !rec.fresh)) return locked(rec);
  return { ...seen(rec, wear, nowMs), fresh: false };
}

/** The pay page closes: a watch not sure it is worn locks again. */
export function payClosing(rec: LockRecord, wear: WearKind, nowMs: number): LockRecord {
  return wear === 'worn' ? seen(rec, wear, nowMs) : locked(rec);
}

export type PayGate = 'set-pin' | 'locked' | 'open';

/** Whether the pay page may make and show a code; with no lease there is nothing to protect. */
export function payGate(rec: LockRecord, hasLease: boolean): PayGate {
  if (!hasLease) return 'open';
  if (!rec.pin) return 'set-pin';
  return rec.unlocked ? 'open' : 'locked';
}

/** What the pay page shows: the code ('open'), the keypad, the locked screen, or that the code was erased. */
export type PayScreen = 'open' | 'keypad' | 'locked' | 'erased';

/**
 * The pay page's decision each time it draws, one rule for watches and bands (page/common/lock.ts,
 * band/page/common/lock.ts). A lease that came after an erase ends the erase (`changed`: store `rec`);
 * no lease after an erase says so; an open gate shows the code; a PIN to choose, or a locked wallet as
 * the page opens, goes to the keypad; locked while the code showed (off the wrist), the locked screen.
 * Only 'open' may make a code.
 */
export function payScreen(
  stored: LockRecord,
  hasLease: boolean,
  opening: boolean,
): { rec: LockRecord; changed: boolean; screen: PayScreen } {
  const changed = hasLease && stored.erased;
  const rec = changed ? { ...stored, erased: false } : stored;
  if (!hasLease && rec.erased) return { rec, changed, screen: 'erased' };
  const gate = payGate(rec, hasLease);
  if (gate === 'open') return { rec, changed, screen: 'open' };
  return { rec, changed, screen: opening || gate === 'set-pin' ? 'keypad' : 'locked' };
}

// ---- PIN entry ----------------------------------------------------------------------------------

/** A new PIN is set: the wallet is unlocked by it. */
export function pinSet(rec: LockRecord, pin: PinHash, wear: WearKind, nowMs: number): LockRecord {
  return seen(
    { ...rec, pin, wrong: 0, unlocked: true, seenWorn: false, wornAt: null, fresh: true, erased: false },
    wear,
    nowMs,
  );
}

/** Counted before the (slow) check, and stored, so a restart in the middle still counts the try. */
export function countTry(rec: LockRecord): LockRecord {
  return { ...rec, wrong: rec.wrong + 1 };
}

export type TryOutcome = { kind: 'unlocked' } | { kind: 'wrong'; left: number } | { kind: 'erase' };

/** After the check: `counted` is the record countTry stored. */
export function afterTry(
  counted: LockRecord,
  ok: boolean,
  wear: WearKind,
  nowMs: number,
): { rec: LockRecord; outcome: TryOutcome } {
  if (ok) {
    const rec = seen({ ...counted, wrong: 0, unlocked: true, seenWorn: false, wornAt: null, fresh: true }, wear, nowMs);
    return { rec, outcome: { kind: 'unlocked' } };
  }
  if (counted.wrong >= MAX_WRONG_PINS)
    return { rec: { ...locked(counted), wrong: 0, erased: true }, outcome: { kind: 'erase' } };
  return { rec: locked(counted), outcome: { kind: 'wrong', left: MAX_WRONG_PINS - counted.wrong } };
}

/** "Forgot PIN" carried out: no PIN, nothing unlocked; the wipe's id is kept so it runs once. */
export function wiped(wipeId: string): LockRecord {
  return { ...EMPTY_LOCK, wipeSeen: wipeId };
}

/** The keypad's state: which step, the digits typed (memory only, never stored), the first entry of a new PIN. */
export interface PinEntry {
  step: 'new' | 'repeat' | 'unlock';
  digits: string;
  first: string | null;
}

export type PinKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'del';

export function startEntry(rec: LockRecord): PinEntry {
  return { step: rec.pin ? 'unlock' : 'new', digits: '', first: null };
}

/**
 * One key. `done` carries the 4 digits when they are complete: for 'unlock' to check, for 'repeat' the
 * new PIN when both entries agree. 'mismatch': the second entry differed; the entry starts over.
 */
export function pressKey(entry: PinEntry, key: PinKey): { entry: PinEntry; done: null | { pin: string } | 'mismatch' } {
  if (key === 'del') return { entry: { ...entry, digits: entry.digits.slice(0, -1) }, done: null };
  const digits = entry.digits + key;
  if (digits.length < PIN_LENGTH) return { entry: { ...entry, digits }, done: null };
  if (entry.step === 'new') return { entry: { step: 'repeat', digits: '', first: digits }, done: null };
  if (entry.step === 'repeat') {
    if (digits === entry.first) return { entry: { ...entry, digits: '' }, done: { pin: digits } };
    return { entry: { step: 'new', digits: '', first: null }, done: 'mismatch' };
  }
  return { entry: { ...entry, digits: '' }, done: { pin: digits } };
}

// ---- the stored record --------------------------------------------------------------------------

const isHex = (x: unknown, len: number): x is string =>
  typeof x === 'string' && x.length === len && /^[0-9a-fA-F]+$/.test(x);

function parsePinHash(x: unknown): PinHash | null {
  if (!isRecord(x) || x.alg !== 'pbkdf2-sha256') return null;
  const it = x.iterations;
  if (typeof it !== 'number' || !Number.isInteger(it) || it < 1 || it > 10_000_000) return null;
  if (!isHex(x.salt, PIN_SALT_BYTES * 2) || !isHex(x.hash, 64)) return null;
  return { alg: 'pbkdf2-sha256', iterations: it, salt: x.salt, hash: x.hash };
}

/**
 * Reads the stored record. Anything that does not check out reads as locked with no PIN only when
 * there was none: a damaged record with a PIN in it must not become "no PIN" (that would let anyone
 * set a new one), so a bad PIN field throws and the caller keeps the wallet locked.
 */
export function parseLock(x: unknown): LockRecord {
  if (x === null || x === undefined || x === '') return EMPTY_LOCK;
  if (!isRecord(x) || x.v !== 1) throw new TypeError('not a version 1 lock record');
  const pin = x.pin === null || x.pin === undefined ? null : parsePinHash(x.pin);
  if (x.pin !== null && x.pin !== undefined && !pin) throw new TypeError('lock record: bad PIN hash');
  const wrong =
    typeof x.wrong === 'number' && Number.isInteger(x.wrong) && x.wrong >= 0 ? Math.min(x.wrong, MAX_WRONG_PINS) : 0;
  const wornAt = typeof x.wornAt === 'number' && Number.isFinite(x.wornAt) ? x.wornAt : null;
  const wipeSeen = typeof x.wipeSeen === 'string' && x.wipeSeen.length <= 64 ? x.wipeSeen : null;
  return {
    v: 1,
    pin,
    wrong,
    unlocked: x.unlocked === true && pin !== null,
    seenWorn: x.seenWorn === true,
    wornAt,
    fresh: x.fresh === true,
    erased: x.erased === true,
    wipeSeen,
  };
}
