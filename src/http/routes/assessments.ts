import { AppError } from '../../core/index.js';
import { defineRoute } from '../route.js';
import { assessmentSchema, itemKeyParamsSchema } from '../schemas/index.js';

/** `GET /v1/assessments/:key`: the verdict of one item version with every signal and its evidence. */
export const getAssessmentRoute = defineRoute({
  method: 'GET',
  url: '/v1/assessments/:key',
  summary: 'Get the assessment of one item version',
  description:
    'Signals carry their evidence (spans, entries, features), never a copy of the message. ' +
    'The key is one path segment encoded with `encodeURIComponent`, as for `/v1/items/{key}`.',
  tags: ['items'],
  params: itemKeyParamsSchema,
  response: assessmentSchema,
  handle: async ({ ctx, params }) => {
    const assessment = await ctx.store.getAssessment(params.key);
    if (assessment === undefined) {
      throw new AppError('NOT_FOUND', { detail: `no assessment for item "${params.key}"`, pointer: '/params/key' });
    }
    return assessment;
  },
});
