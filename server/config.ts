// Issuer settings: defaults, and how the environment overrides them.
// Everything a test or a benchmark may need to change is here, nowhere else.
import {
  isIssuerPrefixAllowed,
  LEASE_NUMBER_LENGTHS,
  MAX_LEASE_LIFETIME_MS,
  MAX_STEP_SECONDS,
  MIN_STEP_SECONDS,
} from '../lib/payment/lease';

export interface RateLimit {
  max: number; // requests per window, per key
  windowMs: number;
}

export interface IssuerConfig {
  issuerPrefix: string; // 2 digits at the front of every payment code (docs/payment-codes.md)
  leaseNumberLength: number; // digits of a lease number inside a code
  leaseLifetimeMs: number;
  leaseStepSeconds: number;
  maxLiveLeasesPerDevice: number; // older ones are revoked when a new one is minted
  caps: { perPayment: number; daily: number }; // no account may set limits above these
  defaultLimits: { perPayment: number; daily: number };
  bindingCodeTtlMs: number;
  bindingCodeTries: number; // wrong tries before a binding code is burned
  rateLimits: {
    bind: RateLimit;
    leases: RateLimit;
    charges: RateLimit;
    other: RateLimit;
    signIn: RateLimit;
    /** GET /v1/activity per device credential: the pay page asks every 3 s (20 a minute) while it is open. */
    activity: RateLimit;
  };
}

export const DEFAULT_CONFIG: IssuerConfig = {
  issuerPrefix: '88',
  leaseNumberLength: 8,
  leaseLifetimeMs: 72 * 3600_000,
  leaseStepSeconds: 60,
  maxLiveLeasesPerDevice: 3,
  caps: { perPayment: 200_000, daily: 500_000 },
  defaultLimits: { perPayment: 50_000, daily: 200_000 },
  bindingCodeTtlMs: 10 * 60_000,
  bindingCodeTries: 5,
  rateLimits: {
    bind: { max: 10, windowMs: 60_000 },
    leases: { max: 30, windowMs: 60_000 },
    charges: { max: 10, windowMs: 1000 }, // per merchant key, docs/payment-codes.md
    other: { max: 300, windowMs: 60_000 },
    signIn: { max: 10, windowMs: 60_000 }, // the till's sign-in with a merchant key, per client address
    activity: { max: 60, windowMs: 60_000 },
  },
};

export type ConfigOverrides = Partial<Omit<IssuerConfig, 'rateLimits' | 'caps' | 'defaultLimits'>> & {
  caps?: Partial<IssuerConfig['caps']>;
  defaultLimits?: Partial<IssuerConfig['defaultLimits']>;
  rateLimits?: Partial<IssuerConfig['rateLimits']>;
};

export function makeConfig(overrides: ConfigOverrides = {}): IssuerConfig {
  const config: IssuerConfig = {
    ...DEFAULT_CONFIG,
    ...overrides,
    caps: { ...DEFAULT_CONFIG.caps, ...overrides.caps },
    defaultLimits: { ...DEFAULT_CONFIG.defaultLimits, ...overrides.defaultLimits },
    rateLimits: { ...DEFAULT_CONFIG.rateLimits, ...overrides.rateLimits },
  };
  // Lowered caps pull the built-in defaults down with them; explicit defaults must fit.
  if (!overrides.defaultLimits?.perPayment)
    config.defaultLimits.perPayment = Math.min(config.defaultLimits.perPayment, config.caps.perPayment);
  if (!overrides.defaultLimits?.daily)
    config.defaultLimits.daily = Math.min(config.defaultLimits.daily, config.caps.daily);
  checkConfig(config);
  return config;
}

function checkConfig(c: IssuerConfig): void {
  const problems: string[] = [];
  // The lease rules are the lib's: a lease the issuer mints must pass validateLease on the phone.
  if (!isIssuerPrefixAllowed(c.issuerPrefix))
    problems.push('issuerPrefix must be 2 digits, not 10-15 (WeChat Pay), 25-30 (Alipay) or 62 (UnionPay)');
  if (!LEASE_NUMBER_LENGTHS.includes(c.leaseNumberLength))
    problems.push(`leaseNumberLength must be ${LEASE_NUMBER_LENGTHS.join(' or ')}`);
  if (c.leaseLifetimeMs > MAX_LEASE_LIFETIME_MS)
    problems.push(`leaseLifetimeMs may not exceed ${MAX_LEASE_LIFETIME_MS} (14 days)`);
  if (c.leaseStepSeconds < MIN_STEP_SECONDS || c.leaseStepSeconds > MAX_STEP_SECONDS)
    problems.push(`leaseStepSeconds must be ${MIN_STEP_SECONDS}..${MAX_STEP_SECONDS}`);
  for (const [name, v] of [
    ['leaseLifetimeMs', c.leaseLifetimeMs],
    ['leaseStepSeconds', c.leaseStepSeconds],
    ['maxLiveLeasesPerDevice', c.maxLiveLeasesPerDevice],
    ['caps.perPayment', c.caps.perPayment],
    ['caps.daily', c.caps.daily],
    ['defaultLimits.perPayment', c.defaultLimits.perPayment],
    ['defaultLimits.daily', c.defaultLimits.daily],
    ['bindingCodeTtlMs', c.bindingCodeTtlMs],
    ['bindingCodeTries', c.bindingCodeTries],
  ] as const) {
    if (!Number.isSafeInteger(v) || v <= 0) problems.push(`${name} must be a positive integer`);
  }
  if (c.defaultLimits.perPayment > c.caps.perPayment || c.defaultLimits.daily > c.caps.daily)
    problems.push('defaultLimits must be within caps');
  for (const [name, r] of Object.entries(c.rateLimits)) {
    if (!Number.isSafeInteger(r.max) || r.max <= 0 || !Number.isSafeInteger(r.windowMs) || r.windowMs <= 0)
      problems.push(`rateLimits.${name} needs positive integer max and windowMs`);
  }
  if (problems.length > 0) throw new Error(`bad issuer config: ${problems.join('; ')}`);
}

/** Reads ISSUER_* variables; unknown or malformed numbers are an error, not a silent default. */
export function configFromEnv(env: NodeJS.ProcessEnv): IssuerConfig {
  const num = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
    return n;
  };
  const o: ConfigOverrides = {};
  const hours = num('ISSUER_LEASE_HOURS');
  if (hours !== undefined) o.leaseLifetimeMs = hours * 3600_000;
  if (env.ISSUER_PREFIX) o.issuerPrefix = env.ISSUER_PREFIX;
  const capPp = num('ISSUER_CAP_PER_PAYMENT');
  const capDay = num('ISSUER_CAP_DAILY');
  o.caps = { ...(capPp ? { perPayment: capPp } : {}), ...(capDay ? { daily: capDay } : {}) };
  const rl: Partial<IssuerConfig['rateLimits']> = {};
  for (const key of ['bind', 'leases', 'charges', 'other', 'signIn'] as const) {
    const max = num(`ISSUER_RATE_${key.toUpperCase()}_PER_MIN`);
    if (max !== undefined) rl[key] = { max, windowMs: 60_000 };
  }
  const chargesPerSecond = num('ISSUER_RATE_CHARGES_PER_SEC');
  if (chargesPerSecond !== undefined) rl.charges = { max: chargesPerSecond, windowMs: 1000 };
  o.rateLimits = rl;
  return makeConfig(o);
}
