import type { Route } from '../route.js';
import { listActionsRoute } from './actions.js';
import { getAssessmentRoute } from './assessments.js';
import { listAuditRoute } from './audit.js';
import { listCasesRoute } from './cases.js';
import { getChannelRoute, listChannelEventsRoute, listChannelsRoute } from './channels.js';
import { healthRoute } from './health.js';
import { homeRoute } from './home.js';
import { getItemRoute, listItemsRoute } from './items.js';
import { reportRoute } from './reports.js';

/** The route table, in the order the OpenAPI document lists them; `/openapi.json` is added by the server. */
export const API_ROUTES: readonly Route[] = [
  homeRoute,
  healthRoute,
  listItemsRoute,
  getItemRoute,
  getAssessmentRoute,
  listChannelsRoute,
  getChannelRoute,
  listChannelEventsRoute,
  listCasesRoute,
  listActionsRoute,
  reportRoute,
  listAuditRoute,
];

export { openApiRoute } from './openapi.js';
