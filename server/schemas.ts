// What the routes add to the API's schemas (lib/issuer-api/schema, the one definition of every
// request and answer): the error responses each route lists and the bearer security scheme, for
// the OpenAPI document.
import { ApiErrorSchema } from '../lib/issuer-api/schema';

export const errorBody = ApiErrorSchema;

/** The usual error responses of a route, for the OpenAPI document. */
export function errors(...codes: number[]): Record<number, typeof errorBody> {
  const out: Record<number, typeof errorBody> = {};
  for (const c of [400, ...codes]) out[c] = errorBody;
  return out;
}

export const bearer = [{ bearer: [] }];
