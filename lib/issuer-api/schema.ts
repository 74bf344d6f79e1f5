// The issuer's HTTP API (/v1), written once. From these schemas come:
//  - the server's route schemas (ajv validates requests, fast-json-stringify shapes answers),
//  - the OpenAPI document at /v1/openapi.json (@fastify/swagger reads the route schemas),
//  - the TypeScript types in ./types (Static<> of each schema).
// The phone's runtime check stays the hand-written ./parse (test/issuer-api checks that it
// accepts exactly what these schemas accept).
//
// Why `typebox` 1.x and not @sinclair/typebox 0.34 or json-schema-to-ts: the server is on
// fastify 5, whose type provider line @fastify/type-provider-typebox 6.x takes `typebox` ^1.1 as
// its peer (0.34 goes with provider 5.x); TypeBox builds plain draft-07 JSON Schema objects
// (tuples as `items: [...]` + `additionalItems: false`) that fastify's ajv and fast-json-stringify
// read as they are, and Value.Check gives tests the same verdicts without a server.
// json-schema-to-ts would need every schema spelt `as const` and its deep type inference is slow.
//
// Run-time imports of this file belong to the server and tests only: the watch and the phone
// import `type`s from ./types (erased) and values from ./constants, ./binding-code and ./parse.
//
// Money is integer minor units with an ISO 4217 currency; times are UTC ms.
import Type from 'typebox';
import type { TokenLease } from '../payment/types';
import { BINDING_CODE_LENGTH } from './binding-code';
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
} from './constants';

// --- field kinds -----------------------------------------------------------
// Requests keep the exact rules the issuer has always applied (their ajv messages are the API's
// error bodies); answers state what the issuer really sends, which is what the phone accepts.

export const IdempotencyKey = Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' });
/** A positive amount in a request. */
export const Amount = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 });
/** A balance: may be negative only in principle (never on our books), always a safe integer. */
export const Money = Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });
/** Amounts, limits and fares in answers. */
export const NonNegative = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
/** UTC milliseconds; a safe integer, so a time stored from a request can always be sent back. */
export const Time = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });
export const RecordId = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9a-z]{12}$` });
/** Ids and names in answers: opaque to the phone, 1..64 characters. */
const Name = Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH });

/** Every 4xx/5xx body. `error` is a stable machine code, `message` is for humans. */
export const ApiErrorSchema = Type.Object({ error: Type.String(), message: Type.String() });

// --- the token lease (its type, TokenLease, lives in lib/payment/types) -----
// As lib/payment/lease validateLease checks it, except two rules across fields that JSON Schema
// cannot state: expiresAt > notBefore and a lifetime of at most 14 days.
const LeaseFields = {
  v: Type.Unsafe<1>({ type: 'integer', enum: [1] }),
  leaseId: Type.String({ pattern: '^[\\x21-\\x7e]{1,128}$' }),
  leaseNumber: Type.String({ pattern: '^(\\d{7}|\\d{8})$' }),
  // 32 bytes are 43 characters; the last one carries 4 bits and 2 zero spare bits.
  secret: Type.String({
    pattern: '^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$',
    description: '32 bytes, base64url without padding',
  }),
  step: Type.Integer({ minimum: 30, maximum: 300, description: 'seconds per code' }),
  notBefore: Time,
  expiresAt: Time,
  // Two digits, not those of WeChat Pay (10-15), Alipay (25-30) or UnionPay (62) codes.
  issuerPrefix: Type.String({ pattern: '^(?!1[0-5]|2[5-9]|30|62)\\d\\d$' }),
  limits: Type.Object({ currency: Currency, perPayment: NonNegative, daily: NonNegative }),
  // Ride codes (lib/ride, docs/ride-codes.md): per transit card, the issuer's certificate of its ride key.
  ride: Type.Optional(
    Type.Array(
      Type.Object({
        card: Type.String({ pattern: '^[\\x21-\\x7e]{1,64}$' }),
        serial: Type.Integer({ minimum: 1, maximum: 0xffffffff }),
        key: Type.Integer({ minimum: 0, maximum: 7, description: 'issuer ride key id' }),
        cert: Type.String({
          pattern: '^[A-Za-z0-9_-]{85}[AQgw]$',
          description: "the issuer's P-256 signature, 64 bytes, base64url without padding",
        }),
      }),
      { maxItems: 16 },
    ),
  ),
};
/** The lease as TypeBox infers it; ./types checks that this type is TokenLease. */
export const LeaseObjectSchema = Type.Object(LeaseFields);
const LeaseObject = LeaseObjectSchema;
export const LeaseSchema = Type.Unsafe<TokenLease>(LeaseObject);
/** A lease or null, as one schema: `type: ['object', 'null']` (fast-json-stringify writes it without trying branches). */
export const LeaseOrNullSchema = Type.Unsafe<TokenLease | null>({ ...LeaseObject, type: ['object', 'null'] });

// --- devices -----------------------------------------------------------------
export const BindRequestSchema = Type.Object(
  {
    bindingCode: Type.String({
      pattern: `^[0-9A-Za-z]{${BINDING_CODE_LENGTH}}$`,
      description: "Crockford base32, as the operator's CLI printed it",
    }),
    deviceName: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export const BindResponseSchema = Type.Object({
  deviceId: Type.String({ minLength: 1, maxLength: 256 }),
  credential: Type.String({
    minLength: 1,
    maxLength: 512,
    description: 'shown once; send as `Authorization: Bearer <credential>`',
  }),
  lease: LeaseSchema,
});
export const LeaseResponseSchema = Type.Object({ lease: LeaseSchema });
/** DELETE /devices/self answers 204 with no body. */
export const NoContentSchema = Type.Null();

// --- limits ------------------------------------------------------------------
export const LimitsUpdateSchema = Type.Object({ perPayment: Amount, daily: Amount }, { additionalProperties: false });
export const LimitsSchema = Type.Object({
  currency: Currency,
  perPayment: NonNegative,
  daily: NonNegative,
  caps: Type.Object(
    { perPayment: NonNegative, daily: NonNegative },
    { description: "the issuer's ceilings: a PUT above them gets 400" },
  ),
});

// --- sync: everything the watch needs in one round trip ---------------------
// Field names are short because the whole document crosses BLE to the watch:
// 1 444 bytes for a new lease and 5 cards with 5 trips each (names like
// "Shanghai Metro", lines like "Line 12"; test/server/api.test.ts checks <= 1 500).
// Longer names cost their length: card names may have 64 characters, lines 16.
export const SyncTripSchema = Type.Tuple(
  [Time, NonNegative, Type.String({ minLength: 1, maxLength: LINE_MAX_LENGTH })],
  {
    description: '[at (UTC ms), fare (minor units), line]',
  },
);
/** What the last automatic top-up of a card came to: done, or why the wallet could not pay. */
export const AutoTopUpResultSchema = Type.Unsafe<(typeof AUTO_TOP_UP_RESULTS)[number]>({
  type: 'string',
  enum: [...AUTO_TOP_UP_RESULTS],
});
export const SyncAutoTopUpSchema = Type.Object(
  {
    amt: NonNegative,
    at: Type.Optional(Time),
    r: Type.Optional(AutoTopUpResultSchema),
  },
  {
    description:
      '`amt` the amount of an automatic top-up; `at` and `r` when and how the last one went, in the current dip under the threshold',
  },
);
export const SyncCardSchema = Type.Object({
  id: Name,
  name: Name,
  bal: Money,
  trips: Type.Array(SyncTripSchema, { maxItems: SYNC_TRIPS_PER_CARD, description: 'newest first' }),
  low: Type.Optional({
    ...NonNegative,
    description: 'the low-balance threshold: the card warns under it; absent when none is set',
  } as typeof NonNegative),
  auto: Type.Optional({
    ...SyncAutoTopUpSchema,
    description: 'automatic top-up, present only when it is on',
  } as typeof SyncAutoTopUpSchema),
});
export const SyncLimitsSchema = Type.Object(
  { cur: Currency, pp: NonNegative, day: NonNegative, spent: NonNegative },
  {
    description: '`cur` currency, `pp` per-payment limit, `day` daily limit, `spent` approved charges today (UTC day)',
  },
);
/** One payment or refund on the watch's history page (issue 10): a tuple, to keep sync small. */
export const SyncHistoryItemSchema = Type.Tuple(
  [
    Time,
    NonNegative,
    Type.String({ minLength: 1, maxLength: MERCHANT_NAME_MAX_LENGTH }),
    // An enum, not a union of literals: fast-json-stringify cannot write a union inside a tuple.
    Type.Unsafe<'p' | 'r'>({ type: 'string', enum: ['p', 'r'] }),
  ],
  { description: "[at (UTC ms), amount (minor units, in `lim.cur`), merchant, 'p' approved payment | 'r' refund]" },
);
export const SyncResponseSchema = Type.Object({
  v: Type.Unsafe<1>({ type: 'integer', enum: [1] }),
  asOf: {
    ...Time,
    description: "the issuer's clock when it answered; balances and `spent` are as of then",
  } as typeof Time,
  now: {
    ...Time,
    description:
      "the issuer's clock as the answer leaves it: the watch corrects its own clock by it (codes are checked on the issuer's time)",
  } as typeof Time,
  lease: {
    ...LeaseOrNullSchema,
    description: 'a fresh lease when the newest one is past half its life, else null',
  } as typeof LeaseOrNullSchema,
  lim: SyncLimitsSchema,
  cards: Type.Array(SyncCardSchema, { maxItems: SYNC_MAX_CARDS, description: '`bal` in the currency of `lim.cur`' }),
  // Optional, so an older issuer's answer still checks out; this issuer always sends both.
  bal: Type.Optional({ ...Money, description: "the wallet's balance in `lim.cur`, as of `asOf`" } as typeof Money),
  hist: Type.Optional(
    Type.Array(SyncHistoryItemSchema, {
      maxItems: SYNC_HISTORY_ITEMS,
      description: 'the last payments and refunds of the account, newest first',
    }),
  ),
});

// --- transit -----------------------------------------------------------------
export const TransitCardSchema = Type.Object({ id: Name, name: Name, balance: Money, currency: Currency, asOf: Time });
export const CardsResponseSchema = Type.Object({ cards: Type.Array(TransitCardSchema, { maxItems: 256 }) });
export const CardParamsSchema = Type.Object({ id: RecordId('c') });
export const TopUpRequestSchema = Type.Object(
  { amount: Amount, idempotencyKey: IdempotencyKey },
  { additionalProperties: false },
);
export const TopUpResponseSchema = Type.Object({
  topUpId: Name,
  cardId: Name,
  amount: NonNegative,
  cardBalance: Money,
  walletBalance: Money,
});
/** PUT /transit/cards/:id/options: a card's low-balance threshold (0: none) and automatic top-up (null: off). */
export const CardOptionsUpdateSchema = Type.Object(
  {
    low: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }),
    autoTopUp: Type.Union([Amount, Type.Null()]),
  },
  { additionalProperties: false },
);
export const CardOptionsSchema = Type.Object({
  cardId: Name,
  low: NonNegative,
  autoTopUp: Type.Union([NonNegative, Type.Null()]),
});
export const TapRequestSchema = Type.Object(
  {
    cardId: RecordId('c'),
    fare: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }),
    line: Type.String({ minLength: 1, maxLength: LINE_MAX_LENGTH }),
    idempotencyKey: IdempotencyKey,
    at: Type.Optional({
      ...Time,
      description: "when the gate saw the card; defaults to the issuer's clock",
    } as typeof Time),
  },
  { additionalProperties: false },
);
export const TapResponseSchema = Type.Object({
  tripId: Type.String(),
  cardId: Type.String(),
  fare: Money,
  balance: Money,
});

// --- ride codes: what transit readers fetch and upload (operator key; lib/ride, docs/ride-codes.md) ---
export const RideTapSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: "the reader's own tap number" }),
    code: Type.String({ pattern: '^[0-9]{340}$', description: 'the ride code as read (340 digits)' }),
    at: { ...Time, description: 'when the reader accepted it' } as typeof Time,
    fare: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }),
    line: Type.String({ minLength: 1, maxLength: LINE_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export const RIDE_UPLOAD_MAX_TAPS = 200;
export const RideTapsRequestSchema = Type.Object(
  {
    reader: Type.String({
      pattern: '^[\\x21-\\x7e]{1,64}$',
      description: "the reader's id, unique within the operator",
    }),
    taps: Type.Array(RideTapSchema, { minItems: 1, maxItems: RIDE_UPLOAD_MAX_TAPS }),
  },
  { additionalProperties: false },
);
const NullableText = Type.Union([Type.String(), Type.Null()]);
export const RideTapResultSchema = Type.Object({
  id: NonNegative,
  status: Type.Union([
    Type.Literal('charged'),
    Type.Literal('duplicate'),
    Type.Literal('refused'),
    Type.Literal('unpaid'),
  ]),
  reason: NullableText,
  tripId: NullableText,
  first: Type.Union([Type.Object({ reader: Type.String(), tap: NonNegative }), Type.Null()], {
    description: 'for a duplicate: the reader and tap that rode first',
  }),
});
export const RideTapsResponseSchema = Type.Object({ results: Type.Array(RideTapResultSchema) });
export const RideKeysResponseSchema = Type.Object({
  keys: Type.Array(
    Type.Object({
      id: Type.Integer({ minimum: 0, maximum: 7 }),
      publicKey: Type.String({ description: 'P-256, compressed (33 bytes), base64url' }),
      retired: Type.Boolean(),
    }),
  ),
});
export const RevocationListSchema = Type.Object({
  key: Type.Integer({ minimum: 0, maximum: 7 }),
  issuedAt: Time,
  nextUpdate: { ...Time, description: 'fetch a new list by then; readers refuse codes 24 h after it' } as typeof Time,
  serials: Type.Array(Type.Integer({ minimum: 1, maximum: 0xffffffff })),
  sig: Type.String({ description: "the issuer's P-256 signature, base64url (lib/ride/messages revocationMessage)" }),
});
export const RideExceptionsResponseSchema = Type.Object({
  taps: Type.Array(
    Type.Object({
      ...RideTapResultSchema.properties,
      reader: Type.String(),
      at: Time,
      fare: NonNegative,
      line: Type.String(),
    }),
  ),
});

// --- merchants ---------------------------------------------------------------
export const ChargeRequestSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 512, description: 'numeric payment code or EMV CPM payload' }),
    amount: Amount,
    currency: Currency,
    idempotencyKey: IdempotencyKey,
  },
  { additionalProperties: false },
);
export const DeclineReasonSchema = Type.Unsafe<(typeof DECLINE_REASONS)[number]>({
  type: 'string',
  enum: [...DECLINE_REASONS],
});
export const ChargeResponseSchema = Type.Union([
  Type.Object({ status: Type.Literal('approved'), chargeId: Name, amount: NonNegative, currency: Currency }),
  Type.Object({ status: Type.Literal('declined'), chargeId: Name, reason: DeclineReasonSchema }),
]);
export const RefundRequestSchema = Type.Object(
  { chargeId: RecordId('ch'), amount: Amount, idempotencyKey: IdempotencyKey },
  { additionalProperties: false },
);
export const RefundResponseSchema = Type.Object({
  refundId: Type.String(),
  chargeId: Type.String(),
  amount: Money,
  refundedTotal: Money,
});

// --- the till (/till/api: the cashier's web page, cookie session, server/README.md) -------------
export const TillSignInRequestSchema = Type.Object(
  { merchantKey: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const TillSessionSchema = Type.Object({
  merchantName: Name,
  /** The currency the till charges in. */
  currency: Currency,
  /** Sent back in the x-csrf-token header on every request that changes something. */
  csrfToken: Type.String(),
  /** The session ends after this long without a request. */
  idleMs: NonNegative,
});
export const TillChargeRequestSchema = Type.Object(
  {
    code: ChargeRequestSchema.properties.code,
    amount: Amount,
    /** One per sale attempt, kept by the page until the answer arrives; the server namespaces it ("till:"). */
    idempotencyKey: Type.String({ minLength: 8, maxLength: 48, pattern: '^[A-Za-z0-9_-]+$' }),
  },
  { additionalProperties: false },
);
export const TillChargeSchema = Type.Object({
  chargeId: Name,
  status: Type.Union([Type.Literal('approved'), Type.Literal('declined')]),
  reason: Type.Union([DeclineReasonSchema, Type.Null()]),
  amount: NonNegative,
  currency: Currency,
  refunded: NonNegative,
  at: Time,
});
export const TillChargesQuerySchema = Type.Object(
  { since: Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })) },
  { additionalProperties: false },
);
export const TillChargesResponseSchema = Type.Object({
  /** Approved charges since `since` (the page's local midnight), less what was refunded of them. */
  today: Type.Object({ amount: Money, count: NonNegative, currency: Currency }),
  /** The last 20 charges, newest first. */
  charges: Type.Array(TillChargeSchema, { maxItems: 20 }),
});
export const TillRefundRequestSchema = Type.Object(
  { chargeId: RecordId('ch'), amount: Amount, idempotencyKey: TillChargeRequestSchema.properties.idempotencyKey },
  { additionalProperties: false },
);

// --- activity: what happened to this device's codes lately (the pay page's confirmation) ----------
export const ActivityQuerySchema = Type.Object(
  {
    since: Type.String({
      pattern: '^\\d{1,15}$',
      description: "UTC ms on the issuer's clock; at most 15 minutes back is searched",
    }),
  },
  { additionalProperties: false },
);
export const ActivityItemSchema = Type.Object({
  id: Name,
  kind: Type.Union([Type.Literal('charge'), Type.Literal('refund')]),
  at: Time,
  status: Type.Union([Type.Literal('approved'), Type.Literal('declined')]),
  reason: Type.Union([DeclineReasonSchema, Type.Null()]),
  amount: NonNegative,
  currency: Currency,
  merchant: Type.String({ minLength: 1, maxLength: MERCHANT_NAME_MAX_LENGTH }),
  leaseId: Type.Union([LeaseFields.leaseId, Type.Null()]),
  step: Type.Union([NonNegative, Type.Null()]),
});
export const ActivityResponseSchema = Type.Object({
  now: Time,
  items: Type.Array(ActivityItemSchema, {
    maxItems: ACTIVITY_MAX_ITEMS,
    description:
      "charges of this device's codes (approved or declined) and refunds of them since `since`, newest first; `step` is the code's step when the issuer verified it",
  }),
});
