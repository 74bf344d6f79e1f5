// lib/issuer-api/parse (hand-written, what the phone and watch run) accepts exactly what the
// schemas of lib/issuer-api/schema accept, judged both by TypeBox's Value.Check and by the
// issuer's own ajv (a fastify instance with the server's ajv options). Documents are valid ones
// from arbitraries and the same with one thing broken at any node, each as likely: a field missing, a wrong type, a number or
// a string just out of range, an extra level of nesting, an extra field or item.
// The one rule JSON Schema cannot state is a lease's window (expiresAt after notBefore, at most
// 14 days): parse also checks it, so the expected verdict is "schema accepts and window holds".
// agreement.test.ts (fast lane) runs the properties at a third of their runs; agreement.slow.test.ts
// (slow lane) at full strength.
import Fastify, { type FastifyInstance } from 'fastify';
import fc from 'fast-check';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIVITY_MAX_ITEMS,
  AUTO_TOP_UP_RESULTS,
  DECLINE_REASONS,
  LINE_MAX_LENGTH,
  MERCHANT_NAME_MAX_LENGTH,
  NAME_MAX_LENGTH,
  SYNC_HISTORY_ITEMS,
  SYNC_MAX_CARDS,
  SYNC_TRIPS_PER_CARD,
} from '../../lib/issuer-api/constants';
import {
  IssuerApiError,
  parseActivityResponse,
  parseApiError,
  parseBindResponse,
  parseCardOptions,
  parseCardsResponse,
  parseChargeResponse,
  parseLeaseResponse,
  parseLimits,
  parseSyncResponse,
  parseTopUpResponse,
} from '../../lib/issuer-api/parse';
import * as S from '../../lib/issuer-api/schema';
import { MAX_LEASE_LIFETIME_MS } from '../../lib/payment/lease';
import { AJV_OPTIONS } from '../../server/app';

const MAX = Number.MAX_SAFE_INTEGER;

// --- valid documents -----------------------------------------------------------------------
const nat = fc.oneof(fc.constantFrom(0, 1, MAX), fc.integer({ min: 0, max: MAX }));
const money = fc.oneof(fc.constantFrom(-MAX, -1, 0, MAX), fc.integer({ min: -MAX, max: MAX }));
const currency = fc.stringMatching(/^[A-Z]{3}$/);
/** 1..max code points, astral ones included (a 64-emoji name is 128 UTF-16 units). */
const text = (max: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: max }),
    fc.string({ unit: 'grapheme-ascii', minLength: max, maxLength: max }),
  );
const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const secret = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64url'));
const rideCredential = fc.record({
  card: fc.stringMatching(/^[\x21-\x7e]{1,64}$/),
  serial: fc.integer({ min: 1, max: 0xffffffff }),
  key: fc.integer({ min: 0, max: 7 }),
  cert: fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => Buffer.from(b).toString('base64url')),
});
const lease = fc
  .record({
    v: fc.constant(1),
    leaseId: fc.stringMatching(/^[\x21-\x7e]{1,128}$/),
    leaseNumber: fc.oneof(fc.stringMatching(/^\d{7}$/), fc.stringMatching(/^\d{8}$/)),
    secret,
    step: fc.integer({ min: 30, max: 300 }),
    notBefore: fc.integer({ min: 0, max: 4e12 }),
    life: fc.integer({ min: 1, max: MAX_LEASE_LIFETIME_MS }),
    issuerPrefix: fc.stringMatching(/^\d\d$/).filter((p) => !/^(1[0-5]|2[5-9]|30|62)$/.test(p)),
    limits: fc.record({ currency, perPayment: nat, daily: nat }),
    ride: fc.option(fc.array(rideCredential, { maxLength: 16 }), { nil: undefined }),
  })
  .map(({ life, ride, ...l }) => ({ ...l, expiresAt: l.notBefore + life, ...(ride ? { ride } : {}) }));
const trip = fc.tuple(nat, nat, text(LINE_MAX_LENGTH));
const historyItem = fc.tuple(nat, nat, text(MERCHANT_NAME_MAX_LENGTH), fc.constantFrom('p', 'r'));
const sync = fc.record(
  {
    v: fc.constant(1),
    asOf: nat,
    now: nat,
    lease: fc.option(lease, { nil: null }),
    lim: fc.record({ cur: currency, pp: nat, day: nat, spent: nat }),
    cards: fc.array(
      fc.record(
        {
          id: text(NAME_MAX_LENGTH),
          name: text(NAME_MAX_LENGTH),
          bal: money,
          trips: fc.array(trip, { maxLength: SYNC_TRIPS_PER_CARD }),
          // Issue 11's low-balance threshold and automatic top-up: optional, most cards have neither.
          low: nat,
          auto: fc.record({ amt: nat, at: nat, r: fc.constantFrom(...AUTO_TOP_UP_RESULTS) }, { requiredKeys: ['amt'] }),
        },
        { requiredKeys: ['id', 'name', 'bal', 'trips'] },
      ),
      { maxLength: SYNC_MAX_CARDS },
    ),
    // Issue 10's fields are optional: an older issuer's answer has neither.
    bal: money,
    hist: fc.array(historyItem, { maxLength: SYNC_HISTORY_ITEMS }),
  },
  { requiredKeys: ['v', 'asOf', 'now', 'lease', 'lim', 'cards'] },
);
const activity = fc.record({
  now: nat,
  items: fc.array(
    fc.record({
      id: text(NAME_MAX_LENGTH),
      kind: fc.constantFrom('charge', 'refund'),
      at: nat,
      status: fc.constantFrom('approved', 'declined'),
      reason: fc.option(fc.constantFrom(...DECLINE_REASONS), { nil: null }),
      amount: nat,
      currency,
      merchant: text(MERCHANT_NAME_MAX_LENGTH),
      leaseId: fc.option(fc.stringMatching(/^[\x21-\x7e]{1,128}$/), { nil: null }),
      step: fc.option(nat, { nil: null }),
    }),
    { maxLength: Math.min(ACTIVITY_MAX_ITEMS, 4) },
  ),
});
const limits = fc.record({ currency, perPayment: nat, daily: nat, caps: fc.record({ perPayment: nat, daily: nat }) });
const cards = fc.record({
  cards: fc.array(
    fc.record({ id: text(NAME_MAX_LENGTH), name: text(NAME_MAX_LENGTH), balance: money, currency, asOf: nat }),
    { maxLength: 4 },
  ),
});
const topUp = fc.record({
  topUpId: text(NAME_MAX_LENGTH),
  cardId: text(NAME_MAX_LENGTH),
  amount: nat,
  cardBalance: money,
  walletBalance: money,
});
const cardOptions = fc.record({ cardId: text(NAME_MAX_LENGTH), low: nat, autoTopUp: fc.option(nat, { nil: null }) });
const charge = fc.oneof(
  fc.record({ status: fc.constant('approved'), chargeId: text(NAME_MAX_LENGTH), amount: nat, currency }),
  fc.record({
    status: fc.constant('declined'),
    chargeId: text(NAME_MAX_LENGTH),
    reason: fc.constantFrom(...DECLINE_REASONS),
  }),
);
const bind = fc.record({ deviceId: text(256), credential: text(512), lease });
const leaseResponse = fc.record({ lease });
const apiError = fc.record({ error: fc.string(), message: fc.string() });

// --- one thing broken ----------------------------------------------------------------------
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const odd: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 53),
  1e300,
  '',
  'x',
  'cny',
  'CNY',
  '1234567',
  '88',
  '62',
  'a'.repeat(NAME_MAX_LENGTH + 1),
  'a'.repeat(LINE_MAX_LENGTH + 1),
  '\u{1F687}'.repeat(LINE_MAX_LENGTH),
  '\u{1F687}'.repeat(LINE_MAX_LENGTH + 1),
  '\u{1F687}'.repeat(NAME_MAX_LENGTH),
  '\u{1F687}'.repeat(NAME_MAX_LENGTH + 1),
  '\uD800',
  [],
  {},
  [0, 0, 'x'],
  [0, 0, 'x', 1],
  'declined',
  'approved',
  'over-daily',
  'ok',
  'A'.repeat(43),
  'p',
  'r',
  'charge',
  'refund',
  'a'.repeat(MERCHANT_NAME_MAX_LENGTH + 1),
  [0, 0, 'x', 'p'],
];
type Mutation =
  | { kind: 'delete' }
  | { kind: 'set'; value: Json }
  | { kind: 'nudge'; by: number }
  | { kind: 'wrap-array' }
  | { kind: 'wrap-object' }
  | { kind: 'add'; value: Json }
  | { kind: 'char'; at: number; ch: string };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'delete' as const }),
  fc.constantFrom(...odd).map((value) => ({ kind: 'set' as const, value })),
  fc.jsonValue().map((value) => ({ kind: 'set' as const, value: value as Json })),
  fc.constantFrom(-1, 1, -MAX, 0.5, 2 ** 53).map((by) => ({ kind: 'nudge' as const, by })),
  fc.constant({ kind: 'wrap-array' as const }),
  fc.constant({ kind: 'wrap-object' as const }),
  fc.constantFrom<Json>(1, 'x', [0, 0, 'x'], {}).map((value) => ({ kind: 'add' as const, value })),
  fc
    .record({ at: fc.nat(), ch: fc.constantFrom('a', '=', ' ', 'A', '0', '+', '\u00e9', base64url[1]!) })
    .map((c) => ({ kind: 'char' as const, ...c })),
);

function apply(v: Json, m: Mutation): Json | undefined {
  switch (m.kind) {
    case 'delete':
      return undefined;
    case 'set':
      return m.value;
    case 'nudge':
      return typeof v === 'number' ? v + m.by : v;
    case 'wrap-array':
      return [v];
    case 'wrap-object':
      return { v };
    case 'add':
      if (Array.isArray(v)) return [...v, m.value];
      if (v !== null && typeof v === 'object') return { ...v, extra: m.value };
      return m.value;
    case 'char': {
      if (typeof v !== 'string') return v;
      const i = v.length === 0 ? 0 : m.at % v.length;
      return v.slice(0, i) + m.ch + v.slice(i + 1);
    }
  }
}

/** Every node of doc as a path of keys, the root first. */
function paths(doc: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(doc)) doc.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (doc !== null && typeof doc === 'object')
    for (const [k, v] of Object.entries(doc)) out.push(...paths(v, [...at, k]));
  return out;
}

/** A copy of doc with m applied at its pick-th node (modulo their number), each node as likely. */
function mutate(doc: Json, pick: number, m: Mutation): Json | undefined {
  const all = paths(doc);
  const path = all[pick % all.length]!;
  const copy = structuredClone(doc);
  if (path.length === 0) return apply(copy, m);
  let parent = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  const next = apply(parent[key]!, m);
  if (next !== undefined) parent[key] = next;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
  return copy;
}

// --- the judges ----------------------------------------------------------------------------
/** A lease's window, the rule parse checks beyond the schema. */
function windowOk(l: unknown): boolean {
  const x = l as { notBefore: number; expiresAt: number };
  return x.expiresAt > x.notBefore && x.expiresAt - x.notBefore <= MAX_LEASE_LIFETIME_MS;
}
const ok =
  (parse: (x: unknown) => unknown) =>
  (x: unknown): boolean => {
    try {
      parse(x);
      return true;
    } catch (e) {
      if (!(e instanceof IssuerApiError)) throw e;
      return false;
    }
  };

interface Contract {
  name: string;
  schema: TSchema;
  valid: fc.Arbitrary<unknown>;
  accepts: (x: unknown) => boolean;
  /** Beyond the schema: the lease window where the document holds a lease. */
  extra?: (x: any) => boolean;
}
const contracts: Contract[] = [
  {
    name: 'sync',
    schema: S.SyncResponseSchema,
    valid: sync,
    accepts: ok(parseSyncResponse),
    extra: (x) => x.lease === null || windowOk(x.lease),
  },
  {
    name: 'bind',
    schema: S.BindResponseSchema,
    valid: bind,
    accepts: ok(parseBindResponse),
    extra: (x) => windowOk(x.lease),
  },
  {
    name: 'lease',
    schema: S.LeaseResponseSchema,
    valid: leaseResponse,
    accepts: ok(parseLeaseResponse),
    extra: (x) => windowOk(x.lease),
  },
  { name: 'activity', schema: S.ActivityResponseSchema, valid: activity, accepts: ok(parseActivityResponse) },
  { name: 'limits', schema: S.LimitsSchema, valid: limits, accepts: ok(parseLimits) },
  { name: 'cards', schema: S.CardsResponseSchema, valid: cards, accepts: ok(parseCardsResponse) },
  { name: 'topUp', schema: S.TopUpResponseSchema, valid: topUp, accepts: ok(parseTopUpResponse) },
  { name: 'cardOptions', schema: S.CardOptionsSchema, valid: cardOptions, accepts: ok(parseCardOptions) },
  { name: 'charge', schema: S.ChargeResponseSchema, valid: charge, accepts: ok(parseChargeResponse) },
  { name: 'error', schema: S.ApiErrorSchema, valid: apiError, accepts: (x) => parseApiError(x) !== undefined },
];

let ajv: FastifyInstance;
async function ajvAccepts(name: string, doc: unknown): Promise<boolean> {
  const r = await ajv.inject({
    method: 'POST',
    url: `/${name}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(doc),
  });
  if (r.statusCode !== 204 && r.statusCode !== 400) throw new Error(`unexpected ${r.statusCode}: ${r.body}`);
  return r.statusCode === 204;
}

async function agree(c: Contract, doc: unknown): Promise<void> {
  // What the phone sees is parsed JSON: undefined fields vanish, -0 stays a number.
  const wire = doc === undefined ? undefined : JSON.parse(JSON.stringify(doc));
  if (wire === undefined) return; // a deleted root is no document
  const schema = Value.Check(c.schema, wire);
  expect(await ajvAccepts(c.name, wire), "TypeBox and the issuer's ajv differ").toBe(schema);
  const expected = schema && (c.extra ? c.extra(wire) : true);
  expect(c.accepts(wire), JSON.stringify(wire).slice(0, 300)).toBe(expected);
}

/** Full strength: 150 valid documents and 600 broken ones per contract. */
export const FULL_RUNS = { valid: 150, broken: 600 };

/** The agreement properties, each contract with `runs.valid` valid documents and `runs.broken` broken ones. */
export function agreementSuite(runs: { valid: number; broken: number }): void {
  // The issuer's ajv, as fastify compiles it: one POST route per schema, 204 if the body passes.
  beforeAll(async () => {
    ajv = Fastify({ ajv: { customOptions: AJV_OPTIONS } });
    for (const c of contracts)
      ajv.post(`/${c.name}`, { schema: { body: c.schema } }, async (_, reply) => reply.code(204).send());
    await ajv.ready();
  });
  afterAll(async () => {
    await ajv.close();
  });

  describe('parse.ts accepts exactly what the schema accepts', () => {
    for (const c of contracts) {
      it(`${c.name}: every valid document`, async () => {
        await fc.assert(
          fc.asyncProperty(c.valid, async (doc) => {
            expect(Value.Check(c.schema, doc)).toBe(true);
            await agree(c, doc);
          }),
          { numRuns: runs.valid },
        );
      }, 60_000);

      it(`${c.name}: the same with one thing broken`, async () => {
        await fc.assert(
          fc.asyncProperty(c.valid, fc.nat(), mutation, async (doc, pick, m) => {
            await agree(c, mutate(doc as Json, pick, m));
          }),
          { numRuns: runs.broken },
        );
      }, 60_000);
    }
  });
}
