/**
 * Session tokens and API keys: 256 random bits, shown once, stored only as their SHA-256. A prefix
 * says what a token is (`vgs_` session, `vgk_` user token, `vgp_` partner key) so a leaked one is
 * recognisable in a secret scanner.
 */
import { createHash, randomBytes } from 'node:crypto';

export type TokenKind = 'session' | 'token' | 'partner';

const PREFIX: Record<TokenKind, string> = { session: 'vgs_', token: 'vgk_', partner: 'vgp_' };

export function newSecretToken(kind: TokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The kind a token claims by its prefix, or null for anything else. */
export function tokenKind(token: string): TokenKind | null {
  for (const [kind, prefix] of Object.entries(PREFIX) as [TokenKind, string][]) {
    if (token.startsWith(prefix) && token.length === prefix.length + 43) return kind;
  }
  return null;
}
