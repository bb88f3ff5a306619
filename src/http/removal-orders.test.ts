import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { readProblem, seededRoleServer } from './testing.js';

/**
 * EU TCO removal orders over real HTTP and SQLite: intake, the listing with its one-hour clock,
 * completion inside and outside the hour, and an audit entry for each intake and completion.
 */

const { get, post, ctx, url } = seededRoleServer({ setup: { loadConfig, createLoggers } });

interface OrderView {
  orderId: string;
  status: string;
  receivedAt: string;
  completedAt?: string;
  clock: { deadline: string; remainingMs: number; overdue: boolean; metDeadline?: boolean };
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('removal orders', () => {
  it('records an order, lists it with a running clock, and completes it within the hour', async () => {
    const receivedAt = minutesAgo(20);
    const created = await post('/api/removal-orders', 'analyst', {
      authority: 'Test Authority',
      reference: 'TCO-1',
      receivedAt,
      itemLinks: ['https://t.me/synthetic_channel/42'],
    });
    expect(created.status).toBe(200);
    const order = (await created.json()) as OrderView;
    expect(order).toMatchObject({ status: 'open', receivedAt, clock: { overdue: false } });
    expect(order.clock.deadline).toBe(new Date(Date.parse(receivedAt) + 3_600_000).toISOString());
    expect(order.clock.remainingMs).toBeGreaterThan(39 * 60_000);
    expect(order.clock.remainingMs).toBeLessThanOrEqual(40 * 60_000);

    const listed = await get('/api/removal-orders', 'reviewer');
    const list = (await listed.json()) as { now: string; rows: OrderView[] };
    expect(list, JSON.stringify(list)).toHaveProperty('rows');
    expect(list.rows.map((r) => r.orderId)).toContain(order.orderId);
    expect(list.rows.find((r) => r.orderId === order.orderId)?.clock).not.toHaveProperty('metDeadline');

    const done = await post(`/api/removal-orders/${order.orderId}/complete`, 'reviewer');
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'completed', clock: { metDeadline: true, overdue: false } });
    const again = await post(`/api/removal-orders/${order.orderId}/complete`, 'reviewer');
    expect(again.status).toBe(409);

    const audit = (await ctx().store.listAudit({ limit: 500 })).rows.filter((e) => e.target === order.orderId);
    expect(audit).toMatchObject([
      {
        action: 'removal-order.received',
        actor: expect.stringMatching(/^key:/),
        details: { authority: 'Test Authority', reference: 'TCO-1', receivedAt },
      },
      { action: 'removal-order.completed', details: { metDeadline: true, receivedAt } },
    ]);
  });

  it('shows an order past its hour as overdue, and a late completion as missed', async () => {
    const created = await post('/api/removal-orders', 'admin', {
      authority: 'Test Authority',
      reference: 'TCO-2',
      receivedAt: minutesAgo(90),
      itemLinks: ['https://t.me/synthetic_channel/43'],
    });
    const order = (await created.json()) as OrderView;
    const listed = (await (await get('/api/removal-orders?status=open', 'analyst')).json()) as { rows: OrderView[] };
    const row = listed.rows.find((r) => r.orderId === order.orderId);
    expect(row?.clock.overdue).toBe(true);
    expect(row?.clock.remainingMs).toBeLessThan(-29 * 60_000);
    const done = await post(`/api/removal-orders/${order.orderId}/complete`, 'analyst', { completedAt: minutesAgo(5) });
    expect(await done.json()).toMatchObject({ status: 'completed', clock: { metDeadline: false, overdue: true } });
    const open = (await (await get('/api/removal-orders?status=open', 'analyst')).json()) as { rows: OrderView[] };
    expect(open.rows.map((r) => r.orderId)).not.toContain(order.orderId);
  });

  it('refuses other roles: reviewers may list and complete but not record; partners nothing', async () => {
    const body = { authority: 'Test Authority', reference: 'TCO-R', itemLinks: ['https://t.me/x/1'] };
    expect((await post('/api/removal-orders', 'reviewer', body)).status).toBe(403);
    expect((await post('/api/removal-orders', 'partner', body)).status).toBe(403);
    expect((await get('/api/removal-orders', 'partner')).status).toBe(403);
    expect((await post('/api/removal-orders/tco_none/complete', 'partner')).status).toBe(403);
    expect((await fetch(`${url()}/api/removal-orders`)).status).toBe(401);
  });

  it('points at what is wrong in a bad order, and refuses a repeated reference', async () => {
    const cases: [unknown, string][] = [
      [{ reference: 'R', itemLinks: ['https://t.me/x/1'] }, '/body/authority'],
      [{ authority: 'A', reference: 'R', itemLinks: ['not a url'] }, '/body/itemLinks/0'],
      [{ authority: 'A', reference: 'R' }, '/body/itemLinks'],
      [{ authority: 'A', reference: 'R', itemKey: 'telegram/-9/9/0' }, '/body/itemKey'],
      [
        { authority: 'A', reference: 'R', itemLinks: ['https://t.me/x/1'], receivedAt: 'yesterday' },
        '/body/receivedAt',
      ],
      [
        { authority: 'A', reference: 'R', itemLinks: ['https://t.me/x/1'], receivedAt: minutesAgo(-60) },
        '/body/receivedAt',
      ],
      [{ authority: 'A', reference: 'R', itemLinks: ['https://t.me/x/1'], extra: 1 }, '/body'],
    ];
    for (const [body, pointer] of cases) {
      const response = await post('/api/removal-orders', 'analyst', body);
      expect(response.status, pointer).toBe(400);
      expect(await readProblem(response), pointer).toMatchObject({ pointer });
    }
    const good = { authority: 'Test Authority', reference: 'TCO-3', itemKey: 'telegram/-1001/2/0' };
    expect((await post('/api/removal-orders', 'analyst', good)).status).toBe(200);
    const repeat = await post('/api/removal-orders', 'analyst', good);
    expect(repeat.status).toBe(409);
    expect(await readProblem(repeat)).toMatchObject({ pointer: '/body/reference' });
    const received = (await ctx().store.listAudit({ limit: 500 })).rows.filter(
      (e) => e.action === 'removal-order.received' && e.details.reference === 'TCO-3',
    );
    expect(received).toHaveLength(1);
  });

  it('answers 404 for an unknown order and 400 for a completion before receipt', async () => {
    const unknown = await post('/api/removal-orders/tco_none/complete', 'analyst');
    expect(unknown.status).toBe(404);
    expect(await readProblem(unknown)).toMatchObject({ pointer: '/params/id' });
    const created = (await (
      await post('/api/removal-orders', 'analyst', {
        authority: 'Test Authority',
        reference: 'TCO-4',
        receivedAt: minutesAgo(10),
        itemLinks: ['https://t.me/synthetic_channel/44'],
      })
    ).json()) as OrderView;
    const early = await post(`/api/removal-orders/${created.orderId}/complete`, 'analyst', {
      completedAt: minutesAgo(30),
    });
    expect(early.status).toBe(400);
    expect(await readProblem(early)).toMatchObject({ pointer: '/body/completedAt' });
    const bad = await get('/api/removal-orders?status=gone', 'analyst');
    expect(await readProblem(bad)).toMatchObject({ pointer: '/query/status' });
  });
});
