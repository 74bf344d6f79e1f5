// The issuer client over Zepp's fetch: what it hands fetch, and a request that never gets an answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ISSUER_TIMEOUT_MS, IssuerClient, IssuerRequestError, type ZeppFetch } from '../../app-side/issuer-client';

afterEach(() => {
  vi.useRealTimers();
});

describe('issuer client', () => {
  it('hands fetch only url, method, headers and, when there is one, body (no undefined keys)', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const fetchFn: ZeppFetch = async (request) => {
      seen.push(request);
      return { status: 200, body: '{"currency":"CNY","perPayment":1,"daily":2,"caps":{"perPayment":3,"daily":4}}' };
    };
    const client = new IssuerClient('http://issuer', fetchFn, 'cred');
    await client.limits();
    await client.setLimits(1, 2);
    expect(Object.keys(seen[0]!).sort()).toEqual(['headers', 'method', 'url']);
    expect(Object.keys(seen[1]!).sort()).toEqual(['body', 'headers', 'method', 'url']);
    expect(seen[1]!.body).toBe('{"perPayment":1,"daily":2}');
  });

  it('gives up on a request with no answer after ISSUER_TIMEOUT_MS, as unreachable (status 0)', async () => {
    vi.useFakeTimers();
    const client = new IssuerClient('http://issuer', () => new Promise(() => {}), 'cred');
    const outcome = client.sync().then(
      () => null,
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(ISSUER_TIMEOUT_MS - 1);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    const e = await outcome;
    expect(e).toBeInstanceOf(IssuerRequestError);
    expect(e).toMatchObject({ status: 0, code: 'timeout' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('clears its timer when the answer comes in time', async () => {
    vi.useFakeTimers();
    const client = new IssuerClient(
      'http://issuer',
      async () => ({ status: 401, body: { error: 'unauthorized', message: 'no' } }),
      'cred',
    );
    await expect(client.sync()).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
