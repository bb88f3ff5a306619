import type { z } from 'zod';
import type { actionPageSchema, actionSchema } from './action.js';
import type { assessmentSchema, signalSchema } from './assessment.js';
import type { casePageSchema, caseSchema } from './case.js';
import type { channelEventSchema, channelPageSchema, channelSummarySchema } from './channel.js';
import type { healthSchema } from './health.js';
import type { itemDetailSchema, itemListQuerySchema, itemPageSchema, itemSummarySchema } from './item.js';
import type { reportQuerySchema, reportSchema } from './report.js';

/** Response and query types for clients (`web/`), inferred from the schemas, never restated. */
export type HealthResponse = z.output<typeof healthSchema>;
export type ItemListQuery = z.input<typeof itemListQuerySchema>;
export type ItemSummaryResponse = z.output<typeof itemSummarySchema>;
export type ItemPageResponse = z.output<typeof itemPageSchema>;
export type ItemDetailResponse = z.output<typeof itemDetailSchema>;
export type AssessmentResponse = z.output<typeof assessmentSchema>;
export type SignalResponse = z.output<typeof signalSchema>;
export type ChannelSummaryResponse = z.output<typeof channelSummarySchema>;
export type ChannelPageResponse = z.output<typeof channelPageSchema>;
export type ChannelEventResponse = z.output<typeof channelEventSchema>;
export type CaseResponse = z.output<typeof caseSchema>;
export type CasePageResponse = z.output<typeof casePageSchema>;
export type ActionResponse = z.output<typeof actionSchema>;
export type ActionPageResponse = z.output<typeof actionPageSchema>;
export type ReportQuery = z.input<typeof reportQuerySchema>;
export type ReportResponse = z.output<typeof reportSchema>;
