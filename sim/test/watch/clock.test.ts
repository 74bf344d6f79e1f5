import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DATE_FROM_CLOCK_SCRIPT, FakeClock } from '../../kernel/clock';

const T0 = Date.UTC(2026, 0, 15, 9);

describe('FakeClock', () => {
  it('runs timers in time order, same-time timers in the order they were set', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 6000 }),
        async (delays, span) => {
          const clock = new FakeClock(T0);
          const ran: Array<{ i: number; at: number }> = [];
          delays.forEach((d, i) => clock.setTimeout(() => ran.push({ i, at: clock.now() }), d));
          await clock.advance(span);
          const expected = delays
            .map((d, i) => ({ i, at: T0 + d }))
            .filter((t) => t.at <= T0 + span)
            .sort((a, b) => a.at - b.at || a.i - b.i);
          expect(ran).toEqual(expected);
          expect(clock.now()).toBe(T0 + span);
          expect(clock.pendingTimers).toBe(delays.length - expected.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cleared timers never run; intervals repeat until cleared', async () => {
    const clock = new FakeClock(T0);
    const seen: string[] = [];
    const t = clock.setTimeout(() => seen.push('timeout'), 100);
    clock.clearTimeout(t);
    const iv = clock.setInterval(() => {
      seen.push(`tick ${clock.now() - T0}`);
      if (seen.length === 3) clock.clearInterval(iv);
    }, 250);
    await clock.advance(2000);
    expect(seen).toEqual(['tick 250', 'tick 500', 'tick 750']);
  });

  it('a timer set by a timer runs in the same advance when it falls due', async () => {
    const clock = new FakeClock(T0);
    const seen: number[] = [];
    clock.setTimeout(() => {
      seen.push(clock.now() - T0);
      clock.setTimeout(() => seen.push(clock.now() - T0), 50);
    }, 100);
    await clock.advance(149);
    expect(seen).toEqual([100]);
    await clock.advance(1);
    expect(seen).toEqual([100, 150]);
  });

  it('lets promise chains started by a timer settle before the next timer', async () => {
    const clock = new FakeClock(T0);
    const order: string[] = [];
    clock.setTimeout(() => {
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => order.push('chain of 10'));
    }, 10);
    clock.setTimeout(() => order.push('timer 20'), 20);
    await clock.advance(30);
    expect(order).toEqual(['chain of 10', 'timer 20']);
  });

  it('waits for tracked real work before time moves on', async () => {
    const clock = new FakeClock(T0);
    let done = false;
    void clock.track(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          done = true;
          resolve();
        }, 30),
      ),
    );
    let timedOut = false;
    clock.setTimeout(() => {
      timedOut = !done;
    }, 10);
    await clock.advance(10);
    expect(done).toBe(true);
    expect(timedOut).toBe(false);
    expect(clock.pendingWork).toBe(0);
  });

  it('keeps running when a timer throws, and records the error', async () => {
    const clock = new FakeClock(T0);
    let after = false;
    clock.setTimeout(() => {
      throw new Error('boom');
    }, 1);
    clock.setTimeout(() => {
      after = true;
    }, 2);
    await clock.advance(5);
    expect(after).toBe(true);
    expect(String(clock.errors[0])).toContain('boom');
  });

  it('until() advances until the condition holds, and fails after maxMs', async () => {
    const clock = new FakeClock(T0);
    let flag = false;
    clock.setTimeout(() => {
      flag = true;
    }, 1234);
    await clock.until(() => flag);
    expect(clock.now() - T0).toBeGreaterThanOrEqual(1234);
    await expect(clock.until(() => false, 500)).rejects.toThrow(/within 500 ms/);
  });

  it('rejects bad input', async () => {
    expect(() => new FakeClock(Number.NaN)).toThrow(/finite/);
    const clock = new FakeClock(T0);
    await expect(clock.advance(-1)).rejects.toThrow(/>= 0/);
    expect(() => clock.setTimeout(undefined as never, 1)).toThrow(/function/);
  });

  it('makes a vm context Date follow the clock', async () => {
    const clock = new FakeClock(T0);
    const ctx = vm.createContext({ __clockNow: clock.now });
    vm.runInContext(DATE_FROM_CLOCK_SCRIPT, ctx);
    expect(vm.runInContext('Date.now()', ctx)).toBe(T0);
    await clock.advance(61_000);
    expect(vm.runInContext('new Date().getTime()', ctx)).toBe(T0 + 61_000);
    expect(vm.runInContext('new Date(0).getTime()', ctx)).toBe(0);
    expect(vm.runInContext('new Date() instanceof Date', ctx)).toBe(true);
    expect(vm.runInContext('Date.UTC(2020, 0, 1)', ctx)).toBe(Date.UTC(2020, 0, 1));
  });
});
