// The watch's engine as the realm models it (kernel/engine.ts; sim/README.md "Globals on the watch"):
// no eval, no new Function, no Intl, no TextEncoder; the locale methods answer as QuickJS's do; the
// real app still runs.
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDevices } from '../../../reference/devices';
import { EMPTY_WALLET, WALLET_STORAGE_KEY, applySync } from '../../../lib/wallet/wallet';
import { lease, lockEntry, sync, T0 } from '../../fixtures/wallet';
import { FakeClock } from '../../kernel/clock';
import { silentLink } from '../../kernel/link';
import { NO_CODE_FROM_STRINGS, WATCH_ENGINE_SCRIPT } from '../../kernel/engine';
import { createRealmContext, realmGuard, realmTimers } from '../../kernel/realm';
import { createWatchRealm, type FullWatchRealm } from '../../kernel/watch-realm';

const FIXTURE = fileURLToPath(new URL('../../fixtures/watch-engine', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let realms: FullWatchRealm[] = [];
afterEach(async () => {
  for (const r of realms) await r.close();
  realms = [];
});

async function open(
  entryPage: string,
  opts: { appDir?: string; storage?: Map<string, unknown> } = {},
): Promise<FullWatchRealm> {
  const device = loadDevices().find((d) => d.name === 'Amazfit Balance')!;
  const realm = await createWatchRealm({
    device,
    clock: new FakeClock(T0),
    link: silentLink(),
    appDir: opts.appDir ?? FIXTURE,
    entryPage,
    ...(opts.storage ? { storage: opts.storage } : {}),
  });
  realms.push(realm);
  return realm;
}

describe('the watch engine in the realm', () => {
  it.each([
    ['page/eval/index.page', /EvalError: Code generation from strings disallowed/],
    ['page/new-function/index.page', /EvalError: Code generation from strings disallowed/],
    ['page/intl/index.page', /ReferenceError: Intl is not defined/],
    ['page/text-encoder/index.page', /ReferenceError: TextEncoder is not defined/],
  ])('%s fails in build, as on the watch', async (page, error) => {
    await expect(open(page)).rejects.toSatisfy((e: unknown) => error.test(String(e)));
  });

  it('gives the locale methods QuickJS answers and only the watch globals', async () => {
    const realm = await open('page/locale/index.page');
    // Local time is the host's (the realm's Date is V8's): QuickJS's format, from the local fields.
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const local = (ms: number) => {
      const d = new Date(ms);
      const day = `${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${pad(d.getFullYear(), 4)}`;
      const time = `${pad(d.getHours() % 12 || 12)}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
      return { day, time };
    };
    const texts = realm.texts();
    const pm = local(Date.UTC(2026, 0, 5, 15, 4, 5));
    expect(texts).toContain(`date=${pm.day}, ${pm.time}`);
    expect(texts).toContain(`day=${pm.day}`);
    expect(texts).toContain(`time=${local(Date.UTC(2026, 0, 5, 0, 4, 5)).time}`);
    expect(texts).toContain('number=1234567.891');
    expect(texts).toContain('compare=Babä');
    expect(texts).toContain('upper=I');
    expect(texts).toContain('globals=Buffer,Promise,getCurrentPage');
    expect(realm.errors).toEqual([]);
  });

  it('the context refuses code from strings even through the Function constructor of its own functions', () => {
    const clock = new FakeClock(0);
    const timers = realmTimers(clock, { guard: realmGuard(() => true), checkWhen: 'run' });
    const context = createRealmContext(
      't',
      clock,
      timers,
      {},
      { codeGeneration: NO_CODE_FROM_STRINGS, setupScript: WATCH_ENGINE_SCRIPT },
    );
    expect(() => vm.runInContext(`(function () {}).constructor('return 1')`, context)).toThrow(
      /Code generation from strings disallowed/,
    );
    expect(() => vm.runInContext(`new Function('return this')`, context)).toThrow(
      /Code generation from strings disallowed/,
    );
    expect(() => vm.runInContext(`(0, eval)('1')`, context)).toThrow(/Code generation from strings disallowed/);
    expect(
      vm.runInContext(
        `typeof WeakRef + typeof SharedArrayBuffer + typeof WebAssembly + typeof globalThis.Intl`,
        context,
      ),
    ).toBe('undefinedundefinedundefinedundefined');
    expect(
      vm.runInContext(
        `[(12).toLocaleString(), 10n.toLocaleString(), 'b'.localeCompare('a'), 'ab'.localeCompare('a'), new Date(NaN).toLocaleString()].join('|')`,
        context,
      ),
    ).toBe('12|10|1|1|Invalid Date');
  });

  it('the real app still runs: the pay page draws its code and toggles modes', async () => {
    const wallet = applySync(EMPTY_WALLET, sync({ lease: lease() }), T0);
    const realm = await open('page/pay/index.page', {
      appDir: ROOT,
      storage: new Map([[WALLET_STORAGE_KEY, JSON.stringify(wallet)], lockEntry(T0)]),
    });
    expect(realm.texts().some((t) => /^[\d ]{12,}$/.test(t))).toBe(true);
    for (let i = 0; i < 3; i++) {
      // A tap on the code (one CANVAS) moves to the next mode: barcode -> QR -> EMV QR -> barcode.
      const white = realm.snapshot().widgets.find((w) => w.type === 'CANVAS')!;
      await realm.tap({ x: Number(white.props.x) + 2, y: Number(white.props.y) + 2 });
    }
    expect(realm.texts().some((t) => /^[\d ]{12,}$/.test(t))).toBe(true);
    await realm.back();
    expect(realm.errors).toEqual([]);
  });
});
