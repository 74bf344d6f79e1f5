// The states `npm run preview` shows each page in. One row per picture: what the watch has stored
// when the app starts, and what the user does before the picture is taken. The link to the phone is
// cut, so every page shows what it stored (a sync that cannot happen changes nothing).
// To add a state: add a row. A page missing here gets one picture, 'empty' (nothing stored).
import { encodeBase64Url } from '../../lib/encoding/base64';
import { MERCHANT_NAME_MAX_LENGTH } from '../../lib/issuer-api/constants';
import type { SyncResponse } from '../../lib/issuer-api/types';
import type { TokenLease } from '../../lib/payment/types';
import { deriveRideKey, rideNotAfter, ridePublicKey } from '../../lib/ride/code';
import { issuerKeyFromSeed, signRideCert } from '../../lib/ride/issuer';
import { WALLET_STORAGE_KEY, type StoredSync, type Wallet } from '../../lib/wallet/wallet';
import { lockEntry } from '../fixtures/wallet';
import { leaseStepAt } from '../../lib/payment/lease';
import type { WearStatus } from '../zos/sensor';

/** One device per screen the issue asks for: round 466, 480, 360; square 390x450, 320x380. */
export const PREVIEW_DEVICES = [
  'Amazfit GTR 4',
  'Amazfit Balance',
  'Amazfit Active Edge',
  'Amazfit Active',
  'Amazfit Bip 5 Unity',
];

/**
 * The bands (API 1.0, the app in band/): pictured besides the watches, with the same states; what a state
 * stores goes into the band's /data file instead of LocalStorage (bandStore).
 */
export const BAND_PREVIEW_DEVICES = ['Amazfit Band 7', 'Xiaomi Mi Band 7'];

/**
 * A state's stored wallet as the band app keeps it: the file `<WALLET_STORAGE_KEY>.json` in its /data
 * folder, the JSON as UTF-16 code units (band/page/common/store.ts; test/band/band-sim.test.ts holds the two
 * together). Little-endian, as the band's Uint16Array writes them.
 */
export function bandFiles(storage: Record<string, string> = {}): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const [key, text] of Object.entries(storage)) {
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    files.set(`${key}.json`, bytes);
  }
  return files;
}

/** The smallest round (Active Edge, 360x360) and the smallest square (Bip 5 Unity, 320x380) of them. */
export const SMALLEST_PREVIEW_DEVICES = ['Amazfit Active Edge', 'Amazfit Bip 5 Unity'];

/** The watch clock for every picture (UTC); codes and "synced N min ago" follow from it. */
export const PREVIEW_NOW = Date.UTC(2026, 0, 15, 9, 0, 0);

const HOUR = 3_600_000;

export interface PreviewState {
  /** File name part: preview/<device>/<page>-<state>.png */
  name: string;
  /** Watch LocalStorage when the app starts (key -> value as the pages store it). */
  storage?: Record<string, string>;
  /** The page's onInit params, as push hands them over (a string): which card a card page shows. */
  params?: string;
  /** Taps after the page is built, in order: a widget's text, or a point as fractions of the screen. */
  taps?: Array<string | { fx: number; fy: number }>;
  /** After the taps, swipe the scrolling container under mid-screen this far through its range: 0 top, 0.5 middle, 1 bottom. */
  scroll?: number;
  /** Last, the wrist sensor's new status: 0 takes the watch off the wrist (the pay page locks at once). */
  wear?: WearStatus;
  /** A phone in reach answering the pay page's confirmation question with `activity`, pictured `waitMs` later. */
  phone?: { activity: unknown; waitMs: number };
}

// A fixed lease secret, so the codes (and the pictures) are the same on every run.
const lease = (over: Partial<TokenLease> = {}): TokenLease => ({
  v: 1,
  leaseId: 'preview-lease',
  leaseNumber: '48213377',
  secret: encodeBase64Url(new Uint8Array(32).map((_, i) => (i * 29 + 7) & 0xff)),
  step: 60,
  notBefore: PREVIEW_NOW - HOUR,
  expiresAt: PREVIEW_NOW + 72 * HOUR,
  issuerPrefix: '88',
  limits: { currency: 'CNY', perPayment: 50_000, daily: 200_000 },
  ...over,
});

const lastSync: StoredSync = {
  v: 1,
  asOf: PREVIEW_NOW - 25 * 60_000,
  lease: null,
  lim: { cur: 'CNY', pp: 50_000, day: 200_000, spent: 12_345 },
  cards: [
    {
      id: 'c1',
      name: 'Metro',
      bal: 8_820,
      trips: [
        [PREVIEW_NOW - 2 * HOUR, 300, 'Line 2'],
        [PREVIEW_NOW - 26 * HOUR, 200, 'Bus 37'],
      ],
    },
    { id: 'c2', name: 'City Bus', bal: 150, trips: [] },
  ],
};

/** The wallet and, for a wallet with a lease, its PIN set and the watch unlocked (the pay page shows its code). */
const stored = (wallet: Wallet): Record<string, string> => ({
  [WALLET_STORAGE_KEY]: JSON.stringify(wallet),
  ...(wallet.lease ? Object.fromEntries([lockEntry(PREVIEW_NOW)]) : {}),
});
const withLock = (storage: Record<string, string>, over: Parameters<typeof lockEntry>[1]): Record<string, string> => ({
  ...storage,
  ...Object.fromEntries([lockEntry(PREVIEW_NOW, over)]),
});

// 'Pudong Maglev L1': a line of the longest a sync carries (16 characters, LINE_MAX_LENGTH).
const LINES = ['Line 12', 'Bus 37', 'Pudong Maglev L1', 'Night Bus N4', 'Line 10'];
/** As many cards and trips as a sync carries (SYNC_MAX_CARDS x SYNC_TRIPS_PER_CARD): the longest list pages. */
const manyCards: SyncResponse['cards'] = ['Shanghai Metro', 'City Bus', 'Airport Express', 'Harbour Ferry', 'Tram'].map(
  (name, c) => ({
    id: `c${c + 1}`,
    name,
    bal: 12_345 - c * 2_500,
    trips: LINES.map((line, i): [number, number, string] => [
      PREVIEW_NOW - (1 + i * 9 + c) * HOUR,
      i === 2 ? 5_000 : 200 + 100 * ((i + c) % 4),
      line,
    ]),
  }),
);

const SYNCED = stored({ v: 1, lease: lease(), last: lastSync, syncedAt: PREVIEW_NOW - 25 * 60_000, clockOffsetMs: 0 });
/** Synced, no PIN chosen yet: the first use after binding. */
const SYNCED_NO_PIN = { [WALLET_STORAGE_KEY]: SYNCED[WALLET_STORAGE_KEY]! };
/** 5 cards of 5 trips each: the transit page needs scrolling on every screen. */
export const MANY_CARDS = stored({
  v: 1,
  lease: lease(),
  last: { ...lastSync, cards: manyCards },
  syncedAt: PREVIEW_NOW - 25 * 60_000,
  clockOffsetMs: 0,
});
const EXPIRED = stored({
  v: 1,
  lease: lease({ notBefore: PREVIEW_NOW - 80 * HOUR, expiresAt: PREVIEW_NOW - HOUR }),
  last: lastSync,
  syncedAt: PREVIEW_NOW - 80 * HOUR,
  clockOffsetMs: 0,
});

/** The lease with ride credentials for both cards, signed by a fixed preview issuer key. */
function withRide(l: TokenLease): TokenLease {
  const issuer = issuerKeyFromSeed(new Uint8Array(48).map((_, i) => (i * 13 + 1) & 0xff));
  const secret = new Uint8Array(32).map((_, i) => (i * 29 + 7) & 0xff); // as lease() above
  return {
    ...l,
    ride: ['c1', 'c2'].map((card, i) => ({
      card,
      serial: 4711 + i,
      key: 0,
      cert: signRideCert(issuer, 0, 4711 + i, rideNotAfter(l), ridePublicKey(deriveRideKey(secret, card))),
    })),
  };
}
/** A wallet whose lease carries ride credentials (the ride page), synced 25 minutes ago. */
export const RIDE_READY = stored({
  v: 1,
  lease: withRide(lease()),
  last: lastSync,
  syncedAt: PREVIEW_NOW - 25 * 60_000,
  clockOffsetMs: 0,
});

/**
 * Cards with options: Metro above its threshold with automatic top-up that last went through, City Bus
 * under its threshold, Airport Express under it with an automatic top-up the wallet could not pay.
 */
export const CARD_OPTIONS = stored({
  v: 1,
  lease: withRide(lease()), // c1 and c2 get the ride code action, c3 not
  last: {
    ...lastSync,
    cards: [
      { ...lastSync.cards[0]!, low: 2_000, auto: { amt: 5_000, at: PREVIEW_NOW - 2 * HOUR, r: 'ok' } },
      { ...lastSync.cards[1]!, low: 1_000 },
      {
        id: 'c3',
        name: 'Airport Express',
        bal: 420,
        low: 3_000,
        auto: { amt: 10_000, at: PREVIEW_NOW - HOUR, r: 'insufficient-funds' },
        trips: [[PREVIEW_NOW - HOUR, 2_500, 'Pudong Maglev L1']],
      },
    ],
  },
  syncedAt: PREVIEW_NOW - 25 * 60_000,
  clockOffsetMs: 0,
});

// The history page (issue 10): as many payments and refunds as a sync carries, names of the longest
// the issuer sends (24 characters, MERCHANT_NAME_MAX_LENGTH) in Latin and Chinese letters.
const MERCHANTS = [
  'Campus canteen',
  'Shanghai Jiao Tong University Cafe',
  '上海交通大学闵行校区第一食堂超市便利店咖啡厅面包房',
  'Bakery',
  'Metro kiosk',
];
const HISTORY = stored({
  v: 1,
  lease: lease(),
  last: {
    ...lastSync,
    bal: 47_650,
    hist: Array.from({ length: 10 }, (_, i): [number, number, string, 'p' | 'r'] => [
      PREVIEW_NOW - (10 + i * 97) * 60_000,
      i === 1 ? 350 : 2_350 + i * 1_111,
      Array.from(MERCHANTS[i % MERCHANTS.length]!)
        .slice(0, MERCHANT_NAME_MAX_LENGTH)
        .join(''),
      i === 1 ? 'r' : 'p',
    ]),
  },
  syncedAt: PREVIEW_NOW - 25 * 60_000,
  clockOffsetMs: 0,
});
// The pay page after two payments within one step: both codes the issuer would take are spent.
const WAITING = {
  ...SYNCED,
  'pay.v1': JSON.stringify({ v: 1, mode: 'qr', leaseId: 'preview-lease', next: Math.floor(PREVIEW_NOW / 60_000) + 2 }),
};
// The pay page opened again after the QR code was used last: it opens in QR.
const REMEMBERED_QR = { ...SYNCED, 'pay.v1': JSON.stringify({ v: 1, mode: 'qr', leaseId: null, next: 0 }) };

/**
 * The pay page 3.5 s after it opened, when its first confirmation question (after 3 s) heard that the code
 * on screen was charged: "Paid ¥23.50 · Campus canteen", or declined over the daily limit.
 */
const charged = (status: 'approved' | 'declined'): PreviewState['phone'] => ({
  activity: {
    now: PREVIEW_NOW,
    items: [
      {
        id: 'ch1',
        kind: 'charge',
        at: PREVIEW_NOW + 1_000,
        status,
        reason: status === 'declined' ? 'over-daily' : null,
        amount: 2_350,
        currency: 'CNY',
        merchant: 'Campus canteen',
        leaseId: lease().leaseId,
        step: leaseStepAt(lease(), PREVIEW_NOW),
      },
    ],
  },
  waitMs: 3_500,
});

export const EMPTY_STATE: PreviewState = { name: 'empty' };

/** Page url (as in app.json) -> its states. */
export const PREVIEW_STATES: Record<string, PreviewState[]> = {
  'page/home/index.page': [EMPTY_STATE, { name: 'synced', storage: SYNCED }],
  'page/pay/index.page': [
    { name: 'no-lease' },
    { name: 'barcode', storage: SYNCED },
    // A tap on the code (mid-screen) moves barcode -> QR code -> EMV QR code.
    { name: 'qr', storage: SYNCED, taps: [{ fx: 0.5, fy: 0.5 }] },
    {
      name: 'emv',
      storage: SYNCED,
      taps: [
        { fx: 0.5, fy: 0.5 },
        { fx: 0.5, fy: 0.5 },
      ],
    },
    { name: 'expired', storage: EXPIRED },
    { name: 'remembered-qr', storage: REMEMBERED_QR },
    { name: 'wait-next-code', storage: WAITING },
    // Taken off the wrist while the code shows: the locked screen (page/common/lock.ts).
    { name: 'locked', storage: SYNCED, wear: 0 },
    // The confirmation (page/pay/confirmation.ts, band/page/pay/confirmation.ts): paid, and declined.
    { name: 'paid', storage: SYNCED, phone: charged('approved') },
    { name: 'declined', storage: SYNCED, phone: charged('declined') },
    // Five wrong PINs erased the lease; no phone yet to bring a new one.
    {
      name: 'erased',
      storage: withLock(
        stored({ v: 1, lease: null, last: lastSync, syncedAt: PREVIEW_NOW - 25 * 60_000, clockOffsetMs: 0 }),
        { unlocked: false, erased: true },
      ),
    },
  ],
  // The keypad (page/pin): a new PIN; unlocking with two digits typed; after a wrong PIN; after the fifth.
  'page/pin/index.page': [
    { name: 'new', storage: SYNCED_NO_PIN },
    { name: 'unlock', storage: withLock(SYNCED, { unlocked: false }), taps: ['2', '5'] },
    { name: 'wrong', storage: withLock(SYNCED, { unlocked: false }), taps: ['1', '1', '1', '1'] },
    { name: 'erased', storage: withLock(SYNCED, { unlocked: false, wrong: 4 }), taps: ['1', '1', '1', '1'] },
  ],
  'page/history/index.page': [
    EMPTY_STATE,
    { name: 'ten-top', storage: HISTORY },
    { name: 'ten-bottom', storage: HISTORY, scroll: 1 },
  ],
  'page/transit/index.page': [
    EMPTY_STATE,
    { name: 'cards', storage: SYNCED },
    { name: 'cards-low', storage: CARD_OPTIONS },
    { name: 'many-top', storage: MANY_CARDS },
    { name: 'many-middle', storage: MANY_CARDS, scroll: 0.5 },
    { name: 'many-bottom', storage: MANY_CARDS, scroll: 1 },
  ],
  'page/limits/index.page': [EMPTY_STATE, { name: 'synced', storage: SYNCED }],
  // The shortcut card (app-widget/index.ts), at its own size: not set up, synced, a card under its threshold.
  'app-widget/index': [
    { name: 'not-set-up' },
    { name: 'synced', storage: SYNCED },
    { name: 'low', storage: CARD_OPTIONS },
  ],
  // Without a page param the ride page shows the first certified card (Metro).
  'page/ride/index.page': [
    EMPTY_STATE,
    { name: 'no-credential', storage: SYNCED },
    { name: 'code', storage: RIDE_READY },
    // Opened from a card's page: the card its param names (the second certified card, City Bus).
    { name: 'card-param', storage: RIDE_READY, params: JSON.stringify({ card: 'c2' }) },
  ],
  'page/card/index.page': [
    { name: 'normal', storage: CARD_OPTIONS, params: JSON.stringify({ card: 'c1' }) },
    { name: 'low', storage: CARD_OPTIONS, params: JSON.stringify({ card: 'c2' }) },
    { name: 'auto-failed', storage: CARD_OPTIONS, params: JSON.stringify({ card: 'c3' }) },
    // A card no longer in the wallet (gone since the transit page was drawn).
    { name: 'gone', storage: SYNCED, params: JSON.stringify({ card: 'c9' }) },
  ],
};

export function statesFor(page: string): PreviewState[] {
  return PREVIEW_STATES[page] ?? [EMPTY_STATE];
}
