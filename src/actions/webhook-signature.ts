import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature scheme every Rasd webhook (and every signed callback to Rasd) uses:
 * `X-Rasd-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>`. The send time lives
 * inside the signed body as `sentAt` (unix seconds), so a captured request cannot be replayed
 * later with a fresh `X-Rasd-Timestamp` header: the header is only a copy for early rejection.
 */

export const SIGNATURE_HEADER = 'X-Rasd-Signature';
export const TIMESTAMP_HEADER = 'X-Rasd-Timestamp';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Signs the exact bytes that go on the wire; re-serialising JSON would change them. */
export function signWebhookBody(body: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type SignatureFailure =
  | 'malformed-header'
  | 'bad-signature'
  | 'malformed-body'
  | 'missing-timestamp'
  | 'timestamp-mismatch'
  | 'expired';

export type SignatureCheck = { ok: true; payload: Record<string, unknown> } | { ok: false; reason: SignatureFailure };

export interface VerifyOptions {
  /** How far `sentAt` may be from now, either way (clock skew plus transit). */
  toleranceSeconds: number;
  /** The `X-Rasd-Timestamp` header, if the receiver has it; must equal the signed `sentAt`. */
  timestampHeader?: string | null;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

/**
 * Checks a webhook the way a receiver must: HMAC over the raw body compared in constant time,
 * then the signed `sentAt` within the tolerance. Returns the parsed body only when all pass.
 * @example
 * const check = verifyWebhookSignature(rawBody, req.headers['x-rasd-signature'], secret, { toleranceSeconds: 300 });
 * if (!check.ok) return reply.code(401).send({ error: check.reason });
 */
export function verifyWebhookSignature(
  body: string | Uint8Array,
  header: string | null | undefined,
  secret: string,
  options: VerifyOptions,
): SignatureCheck {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return { ok: false, reason: 'malformed-header' };
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(match[1], 'hex');
  if (!timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };

  const payload = parseObject(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  if (!payload) return { ok: false, reason: 'malformed-body' };
  const sentAt = payload['sentAt'];
  if (typeof sentAt !== 'number' || !Number.isInteger(sentAt)) return { ok: false, reason: 'missing-timestamp' };
  if (options.timestampHeader != null && options.timestampHeader.trim() !== String(sentAt)) {
    return { ok: false, reason: 'timestamp-mismatch' };
  }
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  if (Math.abs(nowSeconds - sentAt) > options.toleranceSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, payload };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
