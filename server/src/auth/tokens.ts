/**
 * Signed, expiring session tokens (JWT, HS256, via jose). A token names the exercise, the
 * participant, the role and the nation; the room trusts nothing else about who a client is.
 */
import { jwtVerify, SignJWT, errors } from 'jose';
import { z } from 'zod';
import { Id, NationId } from '@concord/shared/common';
import { SeatRole } from '@concord/shared/engine/index';

export const TokenClaims = z.strictObject({
  ex: Id.describe('exercise id'),
  sub: z.string().min(1).max(64).describe('participant id'),
  role: SeatRole,
  nation: NationId.nullable(),
  position: Id.nullable(),
  name: z.string().min(1).max(80),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

const ISSUER = 'concord';

export class TokenError extends Error {
  readonly code: 'expired' | 'invalid';
  constructor(code: 'expired' | 'invalid', message: string) {
    super(message);
    this.code = code;
  }
}

export class Tokens {
  private readonly key: Uint8Array;
  readonly ttlSeconds: number;

  constructor(secret: string, ttlSeconds = 12 * 3600) {
    this.key = new TextEncoder().encode(secret);
    this.ttlSeconds = ttlSeconds;
  }

  async sign(claims: TokenClaims): Promise<string> {
    const { sub, ...rest } = claims;
    return new SignJWT(rest)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: unknown): Promise<TokenClaims> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096)
      throw new TokenError('invalid', 'missing or malformed token');
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const { iss: _iss, iat: _iat, exp: _exp, ...claims } = payload;
      const parsed = TokenClaims.safeParse(claims);
      if (!parsed.success) throw new TokenError('invalid', 'token claims are malformed');
      return parsed.data;
    } catch (e) {
      if (e instanceof TokenError) throw e;
      if (e instanceof errors.JWTExpired) throw new TokenError('expired', 'token has expired; join again with your code');
      throw new TokenError('invalid', 'token signature or format is invalid');
    }
  }
}
