/**
 * The claims of a JSON Web Token in an `Authorization: Bearer` header, decoded without any
 * verification (RFC 7519 §7.2 steps 1-5 of reading a JWS): the agent does not know the key, and
 * whether the app verified the token or not, its claims are text a client chose (an unverified
 * token outright; a verified one still carries the user's own name, email, ...). Anything that is
 * not three base64url parts with a JSON object in the middle is not a token: undefined.
 */

/** Far above any real token; a longer header is not decoded. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function decodeJwtClaims(
  authorization: string | readonly string[] | undefined,
): Record<string, unknown> | undefined {
  if (typeof authorization !== 'string' || authorization.length > MAX_TOKEN_LENGTH + 7) {
    return undefined;
  }
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  const parts = match?.[1]?.split('.');
  if (parts?.length !== 3) return undefined;
  const [header, payload] = parts;
  if (header === undefined || payload === undefined) return undefined;
  if (!BASE64URL.test(header) || !BASE64URL.test(payload)) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
