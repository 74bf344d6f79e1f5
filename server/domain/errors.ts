// The one error type domain code throws; the error plugin turns it into
// an HTTP status and an {error, message} body, and the CLI into JSON.
export class IssuerError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IssuerError';
  }
}

export const notFound = (what: string): IssuerError => new IssuerError(404, 'not-found', `${what} not found`);
