import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type Action,
  type Assessment,
  CATEGORY_IDS,
  type Case,
  type ChannelEvent,
  type Item,
  VERDICTS,
} from '../../core/index.js';
import type { Report } from '../../reports/index.js';
import type { ChannelSummary, ItemSummary, Page } from '../../storage/ports.js';
import type { actionSchema } from './action.js';
import { type assessmentSchema, categorySchema, verdictSchema } from './assessment.js';
import type { caseSchema } from './case.js';
import type { channelEventSchema, channelSummarySchema } from './channel.js';
import { type itemDetailSchema, itemListQuerySchema, type itemPageSchema, type itemSummarySchema } from './item.js';
import type { reportSchema } from './report.js';

// The schemas restate domain types for the wire; these checks fail `tsc` when the two drift.
describe('schemas match the domain types', () => {
  it('agree with core, storage and reports types', () => {
    expectTypeOf<z.output<typeof assessmentSchema>>().toEqualTypeOf<Assessment>();
    expectTypeOf<z.output<typeof itemSummarySchema>>().toEqualTypeOf<ItemSummary>();
    expectTypeOf<z.output<typeof itemPageSchema>>().toEqualTypeOf<Page<ItemSummary>>();
    expectTypeOf<z.output<typeof itemDetailSchema>>().toEqualTypeOf<{ item: Item; assessment: Assessment | null }>();
    expectTypeOf<z.output<typeof channelSummarySchema>>().toEqualTypeOf<ChannelSummary>();
    expectTypeOf<z.output<typeof channelEventSchema>>().toEqualTypeOf<ChannelEvent>();
    expectTypeOf<z.output<typeof caseSchema>>().toEqualTypeOf<Case>();
    expectTypeOf<z.output<typeof actionSchema>>().toEqualTypeOf<Action>();
    expectTypeOf<z.output<typeof reportSchema>>().toEqualTypeOf<Report>();
  });

  it('derive their enums from the core registries', () => {
    expect(verdictSchema.options).toEqual([...VERDICTS]);
    expect(categorySchema.options).toEqual([...CATEGORY_IDS]);
  });

  it('coerce and bound query parameters', () => {
    expect(itemListQuerySchema.parse({ limit: '20' }).limit).toBe(20);
    expect(itemListQuerySchema.parse({}).limit).toBe(50);
    expect(itemListQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(itemListQuerySchema.safeParse({ limit: '501' }).success).toBe(false);
    expect(itemListQuerySchema.safeParse({ verdict: 'nonsense' }).success).toBe(false);
    expect(itemListQuerySchema.safeParse({ unknown: 'x' }).success).toBe(false);
    expect(itemListQuerySchema.safeParse({ from: '2024-10-01', to: '2024-10-02T00:00:00+03:00' }).success).toBe(true);
    expect(itemListQuerySchema.safeParse({ from: 'yesterday' }).success).toBe(false);
  });
});
