// The issuer's HTTP API (/v1) as TypeScript types: the issuer builds these
// shapes and the phone's side service reads them through ./parse.
// Money is integer minor units with an ISO 4217 currency; times are UTC ms.
import type { TokenLease } from '../payment/types';

/** Every 4xx/5xx body. `error` is a stable machine code, `message` is for humans. */
export interface ApiError {
  error: string;
  message: string;
}

// --- devices -------------------------------------------------------------
export interface BindRequest {
  bindingCode: string; // 8 characters, Crockford base32, as the operator's CLI printed it
  deviceName: string;
}
export interface BindResponse {
  deviceId: string;
  credential: string; // shown once; send as `Authorization: Bearer <credential>`
  lease: TokenLease;
}
export interface LeaseResponse {
  lease: TokenLease;
}

// --- limits --------------------------------------------------------------
export interface LimitsUpdate {
  perPayment: number;
  daily: number;
}
export interface Limits extends LimitsUpdate {
  currency: string;
  caps: LimitsUpdate; // the issuer's ceilings: a PUT above them gets 400
}

// --- sync: everything the watch needs in one round trip -------------------
/**
 * Field names are short because the whole document crosses BLE to the watch:
 * 1 444 bytes for a new lease and 5 cards with 5 trips each (names like
 * "Shanghai Metro", lines like "Line 12"; test/server/api.test.ts checks <= 1 500).
 * Longer names cost their length: card names may have 64 characters, lines 16.
 * - `asOf`: the issuer's clock when it answered; balances and `spent` are as of then.
 * - `lease`: a fresh lease when the newest one is past half its life, else null.
 * - `lim`: `cur` currency, `pp` per-payment limit, `day` daily limit,
 *   `spent` approved charges today (UTC day).
 * - `cards[]`: `bal` balance (same currency as `lim.cur`), `trips` newest first.
 */
export interface SyncResponse {
  v: 1;
  asOf: number;
  lease: TokenLease | null;
  lim: SyncLimits;
  cards: SyncCard[];
}
export interface SyncLimits {
  cur: string;
  pp: number;
  day: number;
  spent: number;
}
export interface SyncCard {
  id: string;
  name: string;
  bal: number;
  trips: SyncTrip[]; // at most 5, newest first
}
/** A trip as a tuple to keep sync small: [at (UTC ms), fare (minor units), line]. */
export type SyncTrip = [at: number, fare: number, line: string];

// --- transit -------------------------------------------------------------
export interface TransitCard {
  id: string;
  name: string;
  balance: number;
  currency: string;
  asOf: number;
}
export interface CardsResponse {
  cards: TransitCard[];
}
export interface TopUpRequest {
  amount: number;
  idempotencyKey: string;
}
export interface TopUpResponse {
  topUpId: string;
  cardId: string;
  amount: number;
  cardBalance: number;
  walletBalance: number;
}
export interface TapRequest {
  cardId: string;
  fare: number;
  line: string;
  idempotencyKey: string;
  at?: number; // when the gate saw the card; defaults to the issuer's clock
}
export interface TapResponse {
  tripId: string;
  cardId: string;
  fare: number;
  balance: number;
}

// --- merchants -----------------------------------------------------------
export interface ChargeRequest {
  code: string; // a numeric payment code, or an EMV CPM payload (see docs/payment-codes.md)
  amount: number;
  currency: string;
  idempotencyKey: string;
}
export type DeclineReason =
  | 'unknown-code'
  | 'used'
  | 'expired'
  | 'revoked'
  | 'over-per-payment'
  | 'over-daily'
  | 'insufficient-funds'
  | 'currency-mismatch';
export const DECLINE_REASONS: readonly DeclineReason[] = [
  'unknown-code',
  'used',
  'expired',
  'revoked',
  'over-per-payment',
  'over-daily',
  'insufficient-funds',
  'currency-mismatch',
];
export type ChargeResponse =
  | { status: 'approved'; chargeId: string; amount: number; currency: string }
  | { status: 'declined'; chargeId: string; reason: DeclineReason };
export interface RefundRequest {
  chargeId: string;
  amount: number;
  idempotencyKey: string;
}
export interface RefundResponse {
  refundId: string;
  chargeId: string;
  amount: number;
  refundedTotal: number;
}
