// Low-balance warnings, automatic top-up and card pages, end to end (issuer on loopback, simulated
// watch + phone + settings page): a threshold set in the settings page reaches the issuer, a ride
// takes the card under it, and the watch (transit page, card page) and the settings page warn; with
// automatic top-up on, the ride tops the card up, and when the wallet cannot pay, both say why.
// card-pages.slow.test.ts picks the devices (slow lane only: the fast lane must stay under 40 s).
import { afterEach, describe, expect } from 'vitest';
import { cardKeys } from '../../lib/wallet/settings-keys';
import { textsOnScreen } from '../../sim/render/problems';
import { bind, journeyIt, post, world, type World } from './wallet-e2e';

let w: World;

const ride = (fare: number, key: string) =>
  post(`${w.issuerUrl}/v1/transit/taps`, w.operatorKey, {
    cardId: w.cardId,
    fare,
    line: 'Line 2',
    idempotencyKey: key,
  });

/** Types into the card's option inputs and saves; resolves once the side service answered. */
async function saveOptions(opts: { low?: string; auto?: boolean; amount?: string }) {
  const keys = cardKeys(w.cardId!);
  const s = w.sim.settings;
  if (opts.low !== undefined) await s.type({ settingsKey: keys.low }, opts.low);
  if (opts.auto !== undefined && (s.find({ settingsKey: keys.auto })?.props.value === true) !== opts.auto)
    await s.toggle({ settingsKey: keys.auto });
  if (opts.amount !== undefined) await s.type({ settingsKey: keys.autoAmount }, opts.amount);
  await s.press({ type: 'Button', label: 'Save Metro card options' });
  await w.sim.clock.until(() => !s.texts().includes('Working…'), 10_000);
}

/** Opens the transit page from home, waits for its sync, and returns its texts. */
async function openTransit(): Promise<string[]> {
  await w.sim.watch.tap('Transit cards');
  await w.sim.clock.settle();
  return w.sim.watch.texts();
}

/** From the transit page, taps the card and waits for the card page's sync. */
async function openCard(): Promise<string[]> {
  await w.sim.watch.tap('Metro card');
  await w.sim.clock.settle();
  expect(w.sim.watch.page).toBe('page/card/index.page');
  return w.sim.watch.texts();
}

/**
 * Every text of the page can be read whole on some screen while scrolling it from top to bottom
 * (in view, not cut, not hidden by the outline: sim/render/problems.ts), as test/app/list-scroll.ts checks the lists.
 */
async function allReadable(): Promise<void> {
  const seen = new Map<number, { text: string; ok: boolean }>();
  const step = -Math.round(w.sim.watch.device.height / 5);
  for (let screens = 0; screens < 100; screens++) {
    for (const t of textsOnScreen(w.sim.watch.snapshot())) {
      const r = seen.get(t.node.id) ?? { text: t.text, ok: false };
      r.ok ||= t.readable;
      seen.set(t.node.id, r);
    }
    if ((await w.sim.watch.swipe({ dy: step })) === 0) break;
  }
  await w.sim.watch.swipe({ dy: 1e6 });
  expect([...seen.values()].filter((r) => !r.ok).map((r) => r.text)).toEqual([]);
}

export type CardJourney = 'low' | 'auto';

export function cardPagesSuite(device: string, journeys: CardJourney[] = ['low', 'auto']): void {
  const journey = journeyIt(journeys);
  describe(`low balance, automatic top-up and card pages on '${device}'`, () => {
    afterEach(async () => w?.close());

    journey(
      'low',
      'warns under the threshold set in the settings page: transit page, card page, settings page',
      async () => {
        w = await world(device);
        await bind(w);
        await saveOptions({ low: '18' });
        expect(w.sim.settings.texts()).toContain('Saved. The watch shows it after its next sync.');
        expect(await ride(300, 'low-1')).toMatchObject({ balance: 1_700 });

        const transit = await openTransit();
        expect(transit).toContain('¥17.00');
        expect(transit).toContain('Low: under ¥18.00');

        // A tap on the card opens its page; push's params object reaches onInit as a JSON string.
        const card = await openCard();
        expect(w.sim.watch.pageParams).toBe(JSON.stringify({ card: w.cardId }));
        expect(card).toEqual(expect.arrayContaining(['Metro card', '¥17.00', 'Low balance: under ¥18.00', 'Line 2']));
        expect(card.some((t) => /^As of \d\d:\d\d$/.test(t))).toBe(true);
        expect(card.some((t) => /^\d\d:\d\d {2}-¥3\.00$/.test(t))).toBe(true);
        expect(w.sim.watch.errors).toEqual([]);
        await allReadable();
        await w.sim.watch.back();
        expect(w.sim.watch.page).toBe('page/transit/index.page');

        await w.sim.settings.press({ label: 'Refresh' });
        await w.sim.clock.until(() => w.sim.settings.texts().includes('Under ¥18.00: top up soon'), 10_000);
      },
    );

    journey(
      'auto',
      'tops the card up when a ride takes it under, and says why when the wallet cannot pay',
      async () => {
        w = await world(device);
        await bind(w);
        // Automatic top-up needs a threshold to cross: the page says so and sends nothing.
        await saveOptions({ low: '', auto: true, amount: '50' });
        expect(w.sim.settings.texts()).toContain('Set a low-balance amount for automatic top-up to start under');
        await saveOptions({ low: '18' });
        expect(w.sim.settings.texts().some((t) => t.startsWith('Saved. Automatic top-up starts'))).toBe(true);

        // 20.00 -> 17.00 crosses 18.00: the issuer adds 50.00 from the wallet (500.00).
        expect(await ride(300, 'auto-1')).toMatchObject({ balance: 6_700 });
        const transit = await openTransit();
        expect(transit).toContain('¥67.00');
        expect(transit.some((t) => t.startsWith('Low:'))).toBe(false);
        const card = await openCard();
        expect(card.some((t) => /^Topped up ¥50\.00 at \d\d:\d\d$/.test(t))).toBe(true);
        expect(card).toContain('Auto top-up: ¥50.00');
        await allReadable();
        await w.sim.watch.back();
        await w.sim.watch.back();

        // A top-up bigger than what is left in the wallet (450.00): the next crossing cannot be paid.
        await saveOptions({ amount: '460' });
        expect(await ride(5_000, 'auto-2')).toMatchObject({ balance: 1_700 });
        await openTransit();
        const failed = await openCard();
        expect(failed).toEqual(
          expect.arrayContaining(['¥17.00', 'Low balance: under ¥18.00', 'Auto top-up failed: wallet balance too low']),
        );
        expect(w.sim.watch.errors).toEqual([]);
        await allReadable();
        await w.sim.settings.press({ label: 'Refresh' });
        await w.sim.clock.until(
          () =>
            w.sim.settings.texts().includes('Automatic top-up failed: your wallet balance is lower than the top-up'),
          10_000,
        );
      },
    );
  });
}
