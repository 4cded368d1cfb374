import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'podium_session';

/** Signs and checks the session cookie's value: `<learner id>.<HMAC-SHA256>`, base64url. */
export class CookieSigner {
  constructor(private readonly secret: string) {}

  sign(learnerId: string): string {
    return `${learnerId}.${this.mac(learnerId)}`;
  }

  /** The learner id if the value is intact, undefined otherwise. */
  verify(value: string | undefined): string | undefined {
    if (!value) return undefined;
    const dot = value.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const id = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(this.mac(id));
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
  }

  private mac(id: string): string {
    return createHmac('sha256', this.secret).update(`session:${id}`).digest('base64url');
  }
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax, a year long, Secure when served over HTTPS. */
export function sessionCookie(value: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure ? '; Secure' : ''}`;
}
