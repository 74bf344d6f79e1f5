// Luhn mod-10 check digit (ISO/IEC 7812-1 annex B), as on card numbers.

function digitsOnly(s: string, what: string): void {
  if (typeof s !== 'string' || !/^\d+$/.test(s)) throw new TypeError(`${what} must be a non-empty string of digits`);
}

/** The check digit to append to `payload` so that the whole passes Luhn. */
export function luhnCheckDigit(payload: string): string {
  digitsOnly(payload, 'Luhn payload');
  let sum = 0;
  // Doubling starts at the rightmost payload digit (it sits left of the check digit).
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** True when `number` (payload + check digit, at least 2 digits) passes Luhn. */
export function luhnValid(number: string): boolean {
  if (typeof number !== 'string' || !/^\d{2,}$/.test(number)) return false;
  return luhnCheckDigit(number.slice(0, -1)) === number[number.length - 1];
}
