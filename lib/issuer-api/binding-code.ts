// The binding code an operator hands out and a person types into the settings page: 8 characters of
// Crockford base32. One definition for the issuer (which issues and checks codes) and the phone
// (which checks what was typed before it calls the issuer).

/** Crockford base32: no I, L, O, U, so a human can read a code aloud. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BINDING_CODE_LENGTH = 8;
/**
 * The issuer splits a code into lookup characters (unique among live codes, stored plain, the
 * row to check) and the secret rest (stored hashed): 3 + 5.
 */
export const BINDING_LOOKUP_LENGTH = 3;

/** Trims, upper-cases and maps the letters Crockford base32 reads as digits (O -> 0, I and L -> 1); undefined if no code. */
export function normalizeBindingCode(input: string): string | undefined {
  const code = input.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== BINDING_CODE_LENGTH) return undefined;
  for (const ch of code) if (!CROCKFORD.includes(ch)) return undefined;
  return code;
}
