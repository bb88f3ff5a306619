import { ROLES, type Role } from '../core/role.js';

/**
 * THE permissions table: every HTTP route (method and Fastify pattern) and the roles that may
 * call it. The server checks each request against this table and nothing else; a route that
 * is missing here is refused to everyone (fail closed), and `src/http/roles.test.ts` calls
 * every route with every role. `public` routes need no credentials at all.
 *
 * Partners are read-only: they may log out, read the API description and their own referral
 * batches (the route scopes them, `http/routes/referrals.ts`), and nothing that lists items or cases.
 */

export type Access = readonly Role[] | 'public';

const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ['admin', 'analyst', 'reviewer'];
/** Hashing and matching read banks and media a caller sends; curating writes banks. */
const MATCHING: readonly Role[] = ['admin', 'analyst'];
/** Running the pipeline: feeding items in and watching its metrics. */
const OPERATING: readonly Role[] = ['admin', 'analyst'];
const ADMIN: readonly Role[] = ['admin'];
/** Claiming and deciding is review work; an appeal is raised by those who audit decisions. */
const REVIEWING: readonly Role[] = ['admin', 'reviewer'];
const APPEALING: readonly Role[] = ['admin', 'analyst'];
/** Referral batches: those who send and audit them, and the partners they are addressed to. */
const REFERRALS: readonly Role[] = ['admin', 'analyst', 'partner'];
/** DSA statements and TCO removal orders are compliance work: recorded by those who audit decisions. */
const COMPLIANCE: readonly Role[] = ['admin', 'analyst'];
/** Reviewers must see the network a chat sits in; recording a closure by hand is analysis work. */
const NETWORK_READING: readonly Role[] = STAFF;
const NETWORK_WRITING: readonly Role[] = ['admin', 'analyst'];

export const ROUTE_ROLES: Readonly<Record<string, Access>> = {
  'GET /health': 'public',
  // Readiness holds no data: a load balancer asks it without credentials.
  'GET /ready': 'public',
  // Counts and timings, no content; Prometheus scrapes with an analyst's API key.
  'GET /metrics': OPERATING,
  // The ingest: items to the work queue.
  'POST /api/items': OPERATING,
  'POST /api/login': 'public',
  'POST /api/logout': ALL,
  'GET /openapi.json': ALL,
  'GET /': STAFF,
  // The dashboard's files hold no data (it asks the API, as the signed-in user, for everything).
  'GET /app': 'public',
  'GET /app/*': 'public',
  'GET /api/me': ALL,
  'GET /api/overview': STAFF,
  'GET /api/cases/:id': STAFF,
  'GET /api/items/:key/media/:index': STAFF,
  'GET /v1/items': STAFF,
  'GET /v1/items/:key': STAFF,
  'GET /v1/assessments/:key': STAFF,
  'GET /v1/channels': STAFF,
  'GET /v1/channels/:platform/:id': STAFF,
  'GET /v1/channels/:platform/:id/events': STAFF,
  'GET /v1/cases': STAFF,
  'GET /v1/actions': STAFF,
  'GET /v1/reports': STAFF,
  'GET /api/audit': ADMIN,
  'GET /api/cases': STAFF,
  'POST /api/cases/next': REVIEWING,
  'POST /api/cases/:id/claim': REVIEWING,
  'POST /api/cases/:id/decision': REVIEWING,
  'POST /api/cases/:id/appeal': APPEALING,
  // Banking a removed item: a reviewer asks, a different one confirms (dual control).
  'POST /api/cases/:id/bank-add': REVIEWING,
  'POST /api/cases/:id/bank-add/confirm': REVIEWING,
  'GET /api/referrals': REFERRALS,
  'GET /api/referrals/:id': REFERRALS,
  'POST /api/referrals/:id/outcomes': REFERRALS,
  'GET /api/cases/:id/statement': COMPLIANCE,
  // A removal order's hour is kept by whoever is on shift, so any staff member may mark it done.
  'GET /api/removal-orders': STAFF,
  'POST /api/removal-orders': COMPLIANCE,
  'POST /api/removal-orders/:id/complete': STAFF,
  // The channel network (issue 7): graph, lineage, beacons, campaigns, trends; closures by hand.
  'GET /api/network/graph': NETWORK_READING,
  'GET /api/network/lineage': NETWORK_READING,
  'GET /api/network/beacons': NETWORK_READING,
  'GET /api/network/campaigns': NETWORK_READING,
  'GET /api/network/trends': NETWORK_READING,
  'POST /api/network/closures': NETWORK_WRITING,
  // HMA hasher (/h) and matcher (/m): analysts and admins.
  'GET /h/hash': MATCHING,
  'POST /h/hash': MATCHING,
  'GET /m/raw_lookup': MATCHING,
  'GET /m/lookup': MATCHING,
  'POST /m/lookup': MATCHING,
  'GET /m/index/status': MATCHING,
  'POST /m/compare': MATCHING,
  // HMA curator (/c): writes banks, so admins only (reads too: one role per route group).
  'GET /c/banks': ADMIN,
  'POST /c/banks': ADMIN,
  'GET /c/bank/:bank_name': ADMIN,
  'PUT /c/bank/:bank_name': ADMIN,
  'GET /c/bank/:bank_name/content': ADMIN,
  'GET /c/bank/:bank_name/content/:content_id': ADMIN,
  'POST /c/bank/:bank_name/content': ADMIN,
  'POST /c/bank/:bank_name/signal': ADMIN,
};

export function routeKey(method: string, url: string): string {
  // Fastify answers HEAD for every GET route; it reads the same data, so it has the same roles.
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

/** The access of a route, or undefined when the table does not list it (refuse). */
export function accessOf(method: string, url: string): Access | undefined {
  return ROUTE_ROLES[routeKey(method, url)];
}

export function mayCall(role: Role, access: Access | undefined): boolean {
  if (access === undefined) return false;
  return access === 'public' || access.includes(role);
}
