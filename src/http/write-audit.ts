import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/index.js';
import { appendAudit } from '../review/audit-log.js';
import { principalOf } from './access.js';

/**
 * Bank changes made over HTTP (HMA's curator routes) are audited here, from the layer that
 * knows who asked, rather than inside the BankStore, which knows no callers. The entry is
 * appended before the response leaves (onSend), so a failed append turns the response into
 * an error the caller sees instead of a silent gap. `X-Rasd-Reason` carries the why.
 */

const AUDITED: Readonly<Record<string, string>> = {
  'POST /c/banks': 'bank.create',
  'PUT /c/bank/:bank_name': 'bank.update',
  'POST /c/bank/:bank_name/content': 'bank.add-entries',
  'POST /c/bank/:bank_name/signal': 'bank.add-entries',
};

function targetOf(request: FastifyRequest): string {
  const params = request.params as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | undefined;
  const name = params?.bank_name ?? (body !== null && typeof body === 'object' ? body.name : undefined);
  return typeof name === 'string' ? name.slice(0, 200) : '';
}

function detailsOf(request: FastifyRequest, status: number): Record<string, string | number | boolean | null> {
  const body = request.body;
  const details: Record<string, string | number | boolean | null> = { route: request.routeOptions.url ?? '', status };
  if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
    const { enabled, enabled_ratio: ratio } = body as Record<string, unknown>;
    if (typeof enabled === 'boolean') details.enabled = enabled;
    if (typeof ratio === 'number') details.enabled = ratio > 0;
  }
  return details;
}

export function registerWriteAudit(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const action = AUDITED[`${request.method} ${request.routeOptions.url ?? ''}`];
    if (action === undefined || reply.statusCode >= 400) return payload;
    const reason = request.headers['x-rasd-reason'];
    await appendAudit(ctx.store, {
      actor: principalOf(request)?.actor ?? 'anonymous',
      action,
      target: targetOf(request),
      reason: typeof reason === 'string' && reason !== '' ? reason.slice(0, 500) : 'HMA curator API',
      details: detailsOf(request, reply.statusCode),
    });
    return payload;
  });
}
