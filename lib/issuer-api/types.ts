// The issuer's HTTP API (/v1) as TypeScript types, each read off its schema in ./schema: the
// issuer builds these shapes and the phone's side service reads them through ./parse.
// Type-only imports: nothing of TypeBox reaches the watch or phone bundles through this file.
// Money is integer minor units with an ISO 4217 currency; times are UTC ms.
import type { Static } from 'typebox';
import type { TokenLease } from '../payment/types';
import type * as S from './schema';

export { AUTO_TOP_UP_RESULTS, type AutoTopUpResult, DECLINE_REASONS, type DeclineReason } from './constants';

/** Every 4xx/5xx body. `error` is a stable machine code, `message` is for humans. */
export type ApiError = Static<typeof S.ApiErrorSchema>;

// --- devices -------------------------------------------------------------
export type BindRequest = Static<typeof S.BindRequestSchema>;
export type BindResponse = Static<typeof S.BindResponseSchema>;
export type LeaseResponse = Static<typeof S.LeaseResponseSchema>;

// --- limits --------------------------------------------------------------
export type LimitsUpdate = Static<typeof S.LimitsUpdateSchema>;
export type Limits = Static<typeof S.LimitsSchema>;

// --- sync: everything the watch needs in one round trip (see ./schema) ---
export type SyncResponse = Static<typeof S.SyncResponseSchema>;
export type SyncLimits = Static<typeof S.SyncLimitsSchema>;
export type SyncCard = Static<typeof S.SyncCardSchema>;
/** A trip as a tuple to keep sync small: [at (UTC ms), fare (minor units), line]. */
export type SyncTrip = Static<typeof S.SyncTripSchema>;
/** A payment or refund as a tuple: [at (UTC ms), amount (minor units), merchant, 'p' | 'r']. */
export type SyncHistoryItem = Static<typeof S.SyncHistoryItemSchema>;

// --- activity: the pay page's confirmation (GET /v1/activity) -------------
export type ActivityItem = Static<typeof S.ActivityItemSchema>;
export type ActivityResponse = Static<typeof S.ActivityResponseSchema>;

// --- transit -------------------------------------------------------------
export type TransitCard = Static<typeof S.TransitCardSchema>;
export type CardsResponse = Static<typeof S.CardsResponseSchema>;
export type TopUpRequest = Static<typeof S.TopUpRequestSchema>;
export type TopUpResponse = Static<typeof S.TopUpResponseSchema>;
export type CardOptionsUpdate = Static<typeof S.CardOptionsUpdateSchema>;
export type CardOptions = Static<typeof S.CardOptionsSchema>;
export type SyncAutoTopUp = Static<typeof S.SyncAutoTopUpSchema>;
export type TapRequest = Static<typeof S.TapRequestSchema>;
export type TapResponse = Static<typeof S.TapResponseSchema>;

// --- merchants -----------------------------------------------------------
export type ChargeRequest = Static<typeof S.ChargeRequestSchema>;
export type ChargeResponse = Static<typeof S.ChargeResponseSchema>;
export type RefundRequest = Static<typeof S.RefundRequestSchema>;
export type RefundResponse = Static<typeof S.RefundResponseSchema>;

// The lease schema is declared as TokenLease (lib/payment/types); this fails to compile if the
// fields it actually lists ever stop matching that interface.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type LeaseSchemaIsTokenLease = Assert<Same<Static<typeof S.LeaseObjectSchema>, TokenLease>>;
export type TillSession = Static<typeof S.TillSessionSchema>;
export type TillChargeRequest = Static<typeof S.TillChargeRequestSchema>;
export type TillCharge = Static<typeof S.TillChargeSchema>;
export type TillChargesResponse = Static<typeof S.TillChargesResponseSchema>;
export type TillRefundRequest = Static<typeof S.TillRefundRequestSchema>;
