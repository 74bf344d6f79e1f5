// The issuer's HTTP API as the phone calls it, through Zepp's fetch ({url, method, headers, body}).
// Every answer is checked by lib/issuer-api/parse before anyone uses it.
//
// Zepp's fetch (docs/reference/side-service-api/fetch.mdx) takes only url, method, headers and body,
// and says nothing of a timeout or of how non-2xx answers come back. So a request without a body has
// no `body` key at all, every request gets its own time limit (Promise.race with setTimeout: the
// side service's runtime is not documented to have AbortController, and the fetch object cannot take
// a signal anyway), and both a resolved non-2xx answer and a rejection are handled.
import {
  IssuerApiError,
  parseActivityResponse,
  parseApiError,
  parseBindResponse,
  parseCardOptions,
  parseCardsResponse,
  parseLeaseResponse,
  parseLimits,
  parseSyncResponse,
  parseTopUpResponse,
} from '../lib/issuer-api/parse';
import type {
  ActivityResponse,
  BindResponse,
  CardOptions,
  CardsResponse,
  LeaseResponse,
  Limits,
  SyncResponse,
  TopUpResponse,
} from '../lib/issuer-api/types';

/** Zepp's fetch: one object in, {status, body} out; body may be a JSON string or already parsed. */
export type ZeppFetch = (request: {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
}) => Promise<{
  status: number;
  body?: unknown;
}>;

/** How long one request to the issuer may take before the phone gives up on it (ms). */
export const ISSUER_TIMEOUT_MS = 10_000;

export class IssuerRequestError extends Error {
  override name = 'IssuerRequestError';
  constructor(
    message: string,
    /** 0: no answer (network, or none within the time limit); else the HTTP status. */
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
  }
}

export class IssuerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: ZeppFetch,
    private readonly credential: string | null = null,
    private readonly timeoutMs: number = ISSUER_TIMEOUT_MS,
  ) {}

  /** The fetch, or a rejection once timeoutMs passed without an answer (the late answer is then ignored). */
  private fetchWithin(request: Parameters<ZeppFetch>[0]): ReturnType<ZeppFetch> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new IssuerRequestError(`no answer from the issuer within ${this.timeoutMs / 1000} s`, 0, 'timeout')),
        this.timeoutMs,
      );
    });
    return Promise.race([this.fetchFn(request), timeout]).then(
      (res) => {
        clearTimeout(timer);
        return res;
      },
      (e: unknown) => {
        clearTimeout(timer);
        throw e;
      },
    );
  }

  private async call<T>(method: string, path: string, parse: (x: unknown) => T, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.credential) headers.authorization = `Bearer ${this.credential}`;
    const request: Parameters<ZeppFetch>[0] = { url: this.baseUrl + path, method, headers };
    if (body !== undefined) request.body = JSON.stringify(body);
    let res;
    try {
      res = await this.fetchWithin(request);
    } catch (e) {
      if (e instanceof IssuerRequestError) throw e;
      throw new IssuerRequestError(
        `issuer not reachable: ${e instanceof Error ? e.message : String(e)}`,
        0,
        'unreachable',
      );
    }
    let data: unknown = res.body;
    if (typeof data === 'string') {
      try {
        data = data === '' ? undefined : JSON.parse(data);
      } catch {
        throw new IssuerRequestError(
          `issuer answered ${res.status} with a body that is not JSON`,
          res.status,
          'bad-response',
        );
      }
    }
    if (res.status < 200 || res.status >= 300) {
      const err = parseApiError(data);
      throw new IssuerRequestError(
        err?.message ?? `issuer answered ${res.status}`,
        res.status,
        err?.error ?? 'http-error',
      );
    }
    try {
      return parse(data);
    } catch (e) {
      const why = e instanceof IssuerApiError ? e.message : String(e);
      throw new IssuerRequestError(`issuer answer does not check out: ${why}`, res.status, 'bad-response');
    }
  }

  bind(bindingCode: string, deviceName: string): Promise<BindResponse> {
    return this.call('POST', '/v1/devices/bind', parseBindResponse, { bindingCode, deviceName });
  }

  unbind(): Promise<void> {
    return this.call('DELETE', '/v1/devices/self', () => undefined);
  }

  newLease(): Promise<LeaseResponse> {
    return this.call('POST', '/v1/leases', parseLeaseResponse, {});
  }

  sync(): Promise<SyncResponse> {
    return this.call('GET', '/v1/sync', parseSyncResponse);
  }

  /** This device's charges and refunds since `since` (issuer clock): the pay page's confirmation. */
  activity(since: number): Promise<ActivityResponse> {
    return this.call('GET', `/v1/activity?since=${Math.max(0, Math.floor(since))}`, parseActivityResponse);
  }

  limits(): Promise<Limits> {
    return this.call('GET', '/v1/limits', parseLimits);
  }

  setLimits(perPayment: number, daily: number): Promise<Limits> {
    return this.call('PUT', '/v1/limits', parseLimits, { perPayment, daily });
  }

  cards(): Promise<CardsResponse> {
    return this.call('GET', '/v1/transit/cards', parseCardsResponse);
  }

  topUp(cardId: string, amount: number, idempotencyKey: string): Promise<TopUpResponse> {
    return this.call('POST', `/v1/transit/cards/${encodeURIComponent(cardId)}/top-up`, parseTopUpResponse, {
      amount,
      idempotencyKey,
    });
  }

  setCardOptions(cardId: string, low: number, autoTopUp: number | null): Promise<CardOptions> {
    return this.call('PUT', `/v1/transit/cards/${encodeURIComponent(cardId)}/options`, parseCardOptions, {
      low,
      autoTopUp,
    });
  }
}
