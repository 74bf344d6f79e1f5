// lib/wallet/pin.ts: the PIN hash, the keypad's steps, the lock rules and the stored record's parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../../lib/encoding/bytes';
import {
  afterTry,
  countTry,
  EMPTY_LOCK,
  hashPin,
  isPin,
  lockAtStart,
  makeSalt,
  MAX_WRONG_PINS,
  onWear,
  parseLock,
  payClosing,
  payGate,
  payOpening,
  PIN_ITERATIONS,
  pinMatches,
  pinSet,
  pressKey,
  RESUME_MS,
  startEntry,
  wearKind,
  payScreen,
  wiped,
  type LockRecord,
  type PinEntry,
  type PinKey,
  type WearKind,
} from '../../lib/wallet/pin';

const SALT = new Uint8Array(16).map((_, i) => i * 7);
const pinArb = fc.stringMatching(/^[0-9]{4}$/);
const wearArb = fc.constantFrom<WearKind>('worn', 'off', 'unsure');
const T = Date.UTC(2026, 10, 29, 12, 0, 0);
const withPin = (over: Partial<LockRecord> = {}): LockRecord => ({
  ...pinSet(EMPTY_LOCK, hashPin('2580', SALT, 2), 'worn', T),
  ...over,
});

describe('PIN hash', () => {
  it('is PBKDF2-HMAC-SHA256 of the ASCII digits with the salt, at the stored iteration count', () => {
    const h = hashPin('2580', SALT);
    expect(h.iterations).toBe(PIN_ITERATIONS);
    const expected = pbkdf2(sha256, new TextEncoder().encode('2580'), SALT, { c: PIN_ITERATIONS, dkLen: 32 });
    expect(h.hash).toBe(toHex(expected));
    expect(h.salt).toBe(toHex(SALT));
  });

  it('matches its own PIN and no other (properties)', () => {
    fc.assert(
      fc.property(pinArb, pinArb, (a, b) => {
        const h = hashPin(a, SALT, 2);
        expect(pinMatches(h, a)).toBe(true);
        expect(pinMatches(h, b)).toBe(a === b);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses anything but 4 ASCII digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (s) => {
        const ok = /^[0-9]{4}$/.test(s);
        expect(isPin(s)).toBe(ok);
        if (!ok) expect(() => hashPin(s, SALT, 1)).toThrow(RangeError);
      }),
      { numRuns: 200 },
    );
    expect(isPin('١٢٣٤')).toBe(false); // Arabic-Indic digits are not ASCII digits
  });

  it('salts differ between watches and between calls', () => {
    const a = toHex(makeSalt(Math.random, T));
    const b = toHex(makeSalt(Math.random, T));
    expect(a).not.toBe(b);
    expect(toHex(makeSalt(() => 0.5, T))).not.toBe(toHex(makeSalt(() => 0.5, T + 1)));
    expect(makeSalt(() => 0.999999, T)).toHaveLength(16);
  });
});

describe('keypad', () => {
  const type = (entry: PinEntry, digits: string) => {
    let e = entry;
    let done: ReturnType<typeof pressKey>['done'] = null;
    for (const d of digits) ({ entry: e, done } = pressKey(e, d as PinKey));
    return { entry: e, done };
  };

  it('takes a new PIN twice and gives it only when both agree', () => {
    fc.assert(
      fc.property(pinArb, pinArb, (a, b) => {
        const first = type(startEntry(EMPTY_LOCK), a);
        expect(first).toEqual({ entry: { step: 'repeat', digits: '', first: a }, done: null });
        const second = type(first.entry, b);
        if (a === b) expect(second.done).toEqual({ pin: a });
        else expect(second).toEqual({ entry: { step: 'new', digits: '', first: null }, done: 'mismatch' });
      }),
      { numRuns: 100 },
    );
  });

  it('unlocks with 4 digits; delete takes the last one back and does nothing on an empty entry', () => {
    const e = startEntry(withPin());
    expect(e.step).toBe('unlock');
    expect(pressKey(e, 'del').entry.digits).toBe('');
    const two = type(e, '25');
    expect(pressKey(two.entry, 'del').entry.digits).toBe('2');
    expect(type(e, '2580').done).toEqual({ pin: '2580' });
  });

  it('never holds more than 4 digits, whatever is pressed (property)', () => {
    const keys = fc.constantFrom<PinKey>('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'del');
    fc.assert(
      fc.property(fc.array(keys, { maxLength: 40 }), fc.boolean(), (presses, hasPin) => {
        let e = startEntry(hasPin ? withPin() : EMPTY_LOCK);
        for (const k of presses) {
          e = pressKey(e, k).entry;
          expect(e.digits.length).toBeLessThan(4);
          expect(e.digits).toMatch(/^[0-9]*$/);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('when the wallet locks', () => {
  it('locks off the wrist at once, from any state (property)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (unlocked, seenWorn, fresh) => {
        const rec = onWear(withPin({ unlocked, seenWorn, fresh }), 'off', T);
        expect(rec).toMatchObject({ unlocked: false, seenWorn: false, fresh: false });
        expect(rec.pin).not.toBeNull();
      }),
    );
  });

  it('keeps an unlock at start only when worn now and seen worn within RESUME_MS', () => {
    const rec = onWear(withPin(), 'worn', T);
    expect(lockAtStart(rec, 'worn', T + RESUME_MS).unlocked).toBe(true);
    expect(lockAtStart(rec, 'worn', T + RESUME_MS + 1).unlocked).toBe(false);
    expect(lockAtStart(rec, 'unsure', T + 1).unlocked).toBe(false);
    expect(lockAtStart(rec, 'off', T + 1).unlocked).toBe(false);
    expect(lockAtStart(rec, 'worn', T - 1).unlocked).toBe(false); // a clock set back proves nothing
    // Unlocked on a watch that never said it was worn: the next start locks.
    const unsureUnlock = afterTry(countTry(withPin({ unlocked: false })), true, 'unsure', T).rec;
    expect(unsureUnlock.seenWorn).toBe(false);
    expect(lockAtStart(unsureUnlock, 'worn', T + 1).unlocked).toBe(false);
  });

  it('never unlocks by itself: no wear change, start, opening or closing turns locked into unlocked (property)', () => {
    const step = fc.tuple(
      fc.constantFrom('wear', 'start', 'open', 'close'),
      wearArb,
      fc.integer({ min: 0, max: 600_000 }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        let rec = withPin({ unlocked: false, seenWorn: false, fresh: false });
        let t = T;
        for (const [kind, wear, dt] of steps) {
          t += dt;
          const rule = { wear: onWear, start: lockAtStart, open: payOpening, close: payClosing }[kind];
          rec = rule(rec, wear, t);
          expect(rec.unlocked).toBe(false);
        }
      }),
    );
  });

  it('asks a watch that is not sure it is worn for the PIN at every opening of the pay page', () => {
    const unlocked = afterTry(countTry(withPin({ unlocked: false })), true, 'unsure', T).rec;
    const opened = payOpening(unlocked, 'unsure', T); // right after the keypad: fresh
    expect(opened).toMatchObject({ unlocked: true, fresh: false });
    expect(payClosing(opened, 'unsure', T).unlocked).toBe(false);
    // Unlocked while worn (the keypad's opening used), then "not sure" by the time Pay opens again: locked.
    const worn = payOpening(withPin(), 'worn', T);
    expect(worn).toMatchObject({ unlocked: true, fresh: false });
    expect(payOpening(onWear(worn, 'worn', T), 'unsure', T).unlocked).toBe(false);
    expect(lockAtStart(withPin({ seenWorn: true, wornAt: T }), 'worn', T).fresh).toBe(false);
    expect(payOpening(withPin(), 'worn', T).unlocked).toBe(true);
  });

  it('gates the code: the pay page shows it only when open', () => {
    expect(payGate(EMPTY_LOCK, false)).toBe('open'); // nothing to protect
    expect(payGate(EMPTY_LOCK, true)).toBe('set-pin');
    expect(payGate(withPin({ unlocked: false }), true)).toBe('locked');
    expect(payGate(withPin(), true)).toBe('open');
    expect(payScreen(EMPTY_LOCK, true, false).screen).toBe('keypad'); // a PIN to choose
    expect(payScreen(withPin({ unlocked: false }), true, true).screen).toBe('keypad'); // opening, locked
    expect(payScreen(withPin({ unlocked: false }), true, false).screen).toBe('locked'); // off while shown
    expect(payScreen(withPin(), true, false).screen).toBe('open');
    expect(payScreen(withPin({ erased: true }), false, true).screen).toBe('erased');
    const after = payScreen(withPin({ erased: true, unlocked: false }), true, true);
    expect(after).toMatchObject({ changed: true, screen: 'keypad', rec: { erased: false } });
  });

  it('payScreen: open only through an open gate, erased only without a lease, stored only when a lease ends an erase', () => {
    const recArb = fc.record({
      pin: fc.boolean(),
      unlocked: fc.boolean(),
      erased: fc.boolean(),
    });
    fc.assert(
      fc.property(recArb, fc.boolean(), fc.boolean(), (r, hasLease, opening) => {
        const stored = r.pin
          ? withPin({ unlocked: r.unlocked, erased: r.erased })
          : { ...EMPTY_LOCK, erased: r.erased };
        const step = payScreen(stored, hasLease, opening);
        expect(step.screen === 'open').toBe(payGate(step.rec, hasLease) === 'open' && !(step.rec.erased && !hasLease));
        if (step.screen === 'erased') expect(hasLease).toBe(false);
        expect(step.changed).toBe(hasLease && stored.erased);
        expect(step.changed ? step.rec : stored).toBe(step.rec);
        if (hasLease) expect(step.rec.erased).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('wrong PINs', () => {
  it('counts each try before the check, resets on the right PIN, and erases at the fifth wrong in a row (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 30 }), (tries) => {
        let rec = withPin({ unlocked: false });
        let wrongInARow = 0;
        for (const ok of tries) {
          const counted = countTry(rec);
          expect(counted.wrong).toBe(rec.wrong + 1);
          const { rec: next, outcome } = afterTry(counted, ok, 'worn', T);
          wrongInARow = ok ? 0 : wrongInARow + 1;
          if (ok) expect(outcome).toEqual({ kind: 'unlocked' });
          else if (wrongInARow === MAX_WRONG_PINS) {
            expect(outcome).toEqual({ kind: 'erase' });
            expect(next).toMatchObject({ erased: true, unlocked: false, wrong: 0 });
            wrongInARow = 0;
          } else expect(outcome).toEqual({ kind: 'wrong', left: MAX_WRONG_PINS - wrongInARow });
          expect(next.wrong).toBe(wrongInARow);
          rec = next;
        }
      }),
    );
  });
});

describe('stored lock record', () => {
  it('reads back what it wrote (property)', () => {
    const recArb = fc.record({
      wrong: fc.integer({ min: 0, max: MAX_WRONG_PINS }),
      unlocked: fc.boolean(),
      seenWorn: fc.boolean(),
      wornAt: fc.option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: null }),
      fresh: fc.boolean(),
      erased: fc.boolean(),
      wipeSeen: fc.option(fc.string({ minLength: 1, maxLength: 64 }), { nil: null }),
    });
    fc.assert(
      fc.property(recArb, (over) => {
        const rec = withPin(over);
        expect(parseLock(JSON.parse(JSON.stringify(rec)))).toEqual(rec);
      }),
    );
  });

  it('reads nothing as no PIN; never reads a damaged PIN as no PIN; never unlocked without a PIN', () => {
    expect(parseLock(null)).toEqual(EMPTY_LOCK);
    expect(() => parseLock({ v: 2 })).toThrow(/version 1/);
    const good = withPin();
    for (const pin of [
      { ...good.pin, hash: 'zz' },
      { ...good.pin, salt: '00' },
      { ...good.pin, iterations: 0 },
      { ...good.pin, iterations: 1.5 },
      { ...good.pin, alg: 'md5' },
      'plain',
      2580,
    ]) {
      expect(() => parseLock({ ...good, pin })).toThrow(/PIN hash/);
    }
    expect(parseLock({ ...EMPTY_LOCK, unlocked: true }).unlocked).toBe(false);
    expect(parseLock({ ...good, wrong: 99 }).wrong).toBe(MAX_WRONG_PINS);
    expect(parseLock({ ...good, wrong: -1 }).wrong).toBe(0);
  });

  it('any JSON value either reads as a record or throws, never anything else (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (x) => {
        try {
          const rec = parseLock(x);
          expect(rec.v).toBe(1);
          if (rec.unlocked) expect(rec.pin).not.toBeNull();
        } catch (e) {
          expect(e).toBeInstanceOf(TypeError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a "Forgot PIN" wipe leaves no PIN, locked, and remembers its id', () => {
    expect(wiped('w1')).toEqual({ ...EMPTY_LOCK, wipeSeen: 'w1' });
  });
});

describe('Wear status', () => {
  it("reads the docs' four statuses; in motion counts as worn; anything else as not sure", () => {
    expect([0, 1, 2, 3].map(wearKind)).toEqual(['off', 'worn', 'worn', 'unsure']);
    fc.assert(
      fc.property(fc.anything(), (x) => {
        if (![0, 1, 2].includes(x as number)) expect(wearKind(x)).toBe('unsure');
      }),
    );
  });
});
