import { createHmac, timingSafeEqual } from 'node:crypto';

/** Sessions last 8 hours. */
export const SESSION_HOURS = 8;

/**
 * A session token: `bp1.<session id>.<expiry, unix seconds>.<HMAC-SHA256>`. The signature proves
 * the token was issued here; the session row (looked up on every request) makes it revocable.
 */
export function signToken(secret: string, sessionId: string, expiresAt: Date): string {
  const body = `${sessionId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `bp1.${body}.${mac(secret, body)}`;
}

export interface TokenClaims {
  sessionId: string;
  expiresAt: Date;
}

/** The claims of a well-signed, unexpired token, or null. */
export function verifyToken(secret: string, token: string, now = new Date()): TokenClaims | 'expired' | null {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'bp1') return null;
  const [, sessionId, exp, sig] = parts;
  if (!/^[0-9a-f-]{36}$/.test(sessionId) || !/^\d{1,12}$/.test(exp)) return null;
  const expected = Buffer.from(mac(secret, `${sessionId}.${exp}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const expiresAt = new Date(Number(exp) * 1000);
  if (expiresAt <= now) return 'expired';
  return { sessionId, expiresAt };
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}
