// The argument check of Zepp's fetch in the phone realm: a url string, or one object with url,
// method, headers and body (plus ZML's timeout / baseURL); anything else is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFetchRequest } from '../../kernel/phone-realm';

describe("Zepp's fetch arguments", () => {
  it('a url string is a GET', () => {
    expect(checkFetchRequest('http://127.0.0.1:9/x', 10_000)).toEqual({
      url: 'http://127.0.0.1:9/x',
      method: 'GET',
      headers: {},
      body: undefined,
      timeout: 10_000,
    });
  });

  it('keeps url, method, headers, body and timeout; resolves baseURL', () => {
    expect(
      checkFetchRequest(
        {
          url: '/v1/a',
          baseURL: 'https://w.example.org/api/',
          method: 'post',
          headers: { a: 'b' },
          body: '{}',
          timeout: 50,
        },
        1,
      ),
    ).toEqual({
      url: 'https://w.example.org/v1/a',
      method: 'POST',
      headers: { a: 'b' },
      body: '{}',
      timeout: 50,
    });
  });

  it('refuses any other key', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1 })
          .filter((k) => !['url', 'method', 'headers', 'body', 'timeout', 'baseURL', '__proto__'].includes(k)),
        (k) => {
          expect(() => checkFetchRequest({ url: 'http://a.example/', [k]: 1 }, 1)).toThrow(
            /only url, method, headers and body/,
          );
        },
      ),
    );
  });

  it('refuses a body, a header or a url that is not a string, and a GET with a body', () => {
    const notString = fc.oneof(fc.integer(), fc.boolean(), fc.object(), fc.constant(null));
    fc.assert(
      fc.property(notString, (bad) => {
        expect(() => checkFetchRequest({ url: 'http://a.example/', method: 'POST', body: bad }, 1)).toThrow(TypeError);
        expect(() => checkFetchRequest({ url: 'http://a.example/', headers: { h: bad } }, 1)).toThrow(TypeError);
        expect(() => checkFetchRequest({ url: bad }, 1)).toThrow(TypeError);
      }),
    );
    expect(() => checkFetchRequest({ url: 'http://a.example/', body: '{}' }, 1)).toThrow(
      /GET request cannot have a body/,
    );
    expect(() => checkFetchRequest({ url: 'ftp://a.example/' }, 1)).toThrow(/only http and https/);
    expect(() => checkFetchRequest({ url: 'a.example/x' }, 1)).toThrow(/not absolute/);
    expect(() => checkFetchRequest({ url: 'http://a.example/', method: 'GET /x' }, 1)).toThrow(/HTTP method/);
  });
});
