// A real issuer on loopback with a temporary SQLite file, plus the calls the
// tests repeat. Every test file gets its own database and port.
import type { FastifyInstance } from 'fastify';
import type { ConfigOverrides } from '../../server/config';
import type { Ctx } from '../../server/domain/context';
import { addCard, createMerchant, createOperator } from '../../server/domain/admin';
import { seedAccount, startLocalIssuer } from '../../server/world';
import type { BindResponse } from '../../lib/issuer-api/types';

export interface Harness {
  app: FastifyInstance;
  ctx: Ctx;
  url: string;
  dir: string;
  clock: { now: number };
  close(): Promise<void>;
}

/** A generous rate limit so only the rate-limit tests hit one. */
export const OPEN_LIMITS = {
  bind: { max: 10_000, windowMs: 60_000 },
  leases: { max: 10_000, windowMs: 60_000 },
  charges: { max: 100_000, windowMs: 60_000 },
  other: { max: 100_000, windowMs: 60_000 },
};

export async function startIssuer(
  opts: { config?: ConfigOverrides; realClock?: boolean; logStream?: { write(line: string): void } } = {},
): Promise<Harness> {
  // A settable clock starting at a fixed minute boundary, unless the test wants real time.
  const clock = { now: Date.UTC(2026, 10, 25, 12, 0, 0) };
  const issuer = await startLocalIssuer({
    tmpPrefix: 'issuer-test-',
    config: { rateLimits: OPEN_LIMITS, ...opts.config },
    now: opts.realClock ? Date.now : () => clock.now,
    logger: opts.logStream ? { level: 'debug', stream: opts.logStream } : false,
  });
  return { ...issuer, clock };
}

export async function call(
  h: { url: string },
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; text: string }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(h.url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text };
}

export interface Customer {
  accountId: string;
  deviceId: string;
  credential: string;
  lease: BindResponse['lease'];
}

/** An account with a wallet balance, bound to a device through the real API. */
export async function customer(h: Harness, balance = 100_000, currency = 'CNY'): Promise<Customer> {
  const { accountId, bindingCode: code } = seedAccount(h.ctx, { name: 'Test customer', balance, currency, card: null });
  const res = await call(h, 'POST', '/v1/devices/bind', { body: { bindingCode: code, deviceName: 'GTR 4' } });
  if (res.status !== 201) throw new Error(`bind failed: ${res.status} ${res.text}`);
  return { accountId, ...(res.body as BindResponse) };
}

export function merchant(h: Harness): { merchantId: string; merchantKey: string } {
  return createMerchant(h.ctx, { name: 'Canteen' });
}

export function operator(h: Harness): { operatorId: string; operatorKey: string } {
  return createOperator(h.ctx, { name: 'Metro' });
}

export function card(h: Harness, accountId: string, balance: number, name = 'Metro card'): string {
  return addCard(h.ctx, { accountId, name, balance }).cardId;
}

let keyCounter = 0;
export const idem = (): string => `k-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2)}`;
