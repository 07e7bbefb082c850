import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** A random secret for cookies and tokens, URL-safe. */
export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Secrets that are themselves random (session ids, API tokens) are stored as SHA-256. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Passwords: argon2id (the library's default algorithm; a test checks the `$argon2id$` prefix)
 * with OWASP's recommended minimum cost (19 MiB, 2 passes).
 */
export const hashPassword = (password: string) => hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
