// The set-up every realm shares (kernel/realm.ts): Date and timers from the clock, the console, and
// the guard that keeps callbacks out of a realm that is gone.
import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { FakeClock } from '../../kernel/clock';
import { createRealmContext, realmConsole, realmGuard, realmTimers } from '../../kernel/realm';

describe('realm set-up', () => {
  it('gives a context the clock time and timers, and clearAll cancels what is pending', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 15));
    const errors: unknown[] = [];
    const timers = realmTimers(clock, {
      guard: realmGuard(
        () => true,
        (e) => errors.push(e),
      ),
      checkWhen: 'set',
      who: 'test realm',
    });
    const heard: string[] = [];
    const context = createRealmContext('test', clock, timers, { hear: (s: string) => heard.push(s) });
    expect(vm.runInContext('Date.now()', context)).toBe(clock.now());
    expect(vm.runInContext('new Date().toISOString()', context)).toBe('2026-01-15T00:00:00.000Z');
    vm.runInContext(
      `setTimeout(() => hear('once'), 10); setInterval(() => hear('tick'), 20); setTimeout(() => { throw new Error('bug') }, 5)`,
      context,
    );
    expect(() => vm.runInContext('setTimeout(42)', context)).toThrow('test realm: setTimeout needs a function');
    await clock.advance(40);
    expect(heard).toEqual(['once', 'tick', 'tick']);
    expect(errors.map(String)).toEqual(['Error: bug']);
    timers.clearAll();
    await clock.advance(100);
    expect(heard).toHaveLength(3);
    expect(clock.pendingTimers).toBe(0);
  });

  it("checks a watch timer's function when it fires, and leaves its error to the clock", async () => {
    const clock = new FakeClock(0);
    let alive = true;
    const timers = realmTimers(clock, { guard: realmGuard(() => alive), checkWhen: 'run' });
    const ran: number[] = [];
    timers.setTimeout(42, 1);
    timers.setTimeout(() => ran.push(clock.now()), 2);
    timers.setTimeout(() => ran.push(clock.now()), 20);
    await clock.advance(10);
    expect(clock.errors.map(String)).toEqual(['TypeError: setTimeout needs a function']);
    alive = false;
    await clock.advance(20);
    expect(ran).toEqual([2]);
  });

  it('formats console output per level', () => {
    const lines: string[] = [];
    const c = realmConsole((level, text) => lines.push(`${level} ${text}`));
    c.log!('a %d', 1);
    c.error!({ x: 1 });
    expect(Object.keys(c)).toEqual(['log', 'info', 'warn', 'error', 'debug']);
    expect(lines).toEqual(['log a 1', 'error { x: 1 }']);
  });
});
