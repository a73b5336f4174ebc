import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id of @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** argon2id with the library's defaults (19 MiB, 2 passes), the OWASP baseline. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone knows: verifying against it costs what a real check costs (no user enumeration by timing). */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoy;
}

/** The message key of a password that is too weak, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): 'auth.password.short' | 'auth.password.long' | 'auth.password.username' | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'auth.password.short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'auth.password.long';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'auth.password.username';
  return null;
}
