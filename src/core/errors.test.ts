import { describe, expect, it } from 'vitest';
import { AppError, appError, ERROR_CODES, toAppError } from './errors.js';
import { Registry } from './registry.js';

describe('AppError', () => {
  it('exposes only public fields in JSON, never the cause', () => {
    const error = new AppError('STORAGE_FAILED', {
      detail: 'insert item',
      pointer: 'item',
      cause: new Error('disk full at /secret'),
    });
    expect(error.toJSON()).toEqual({
      code: 'STORAGE_FAILED',
      status: 503,
      title: 'Storage failed',
      detail: 'insert item',
      pointer: 'item',
    });
    expect(JSON.stringify(error)).not.toContain('secret');
    expect(error.retryable).toBe(true);
  });

  it('wraps unknown throwables with a fallback code', () => {
    expect(toAppError(new Error('x'), 'PROVIDER_FAILED').code).toBe('PROVIDER_FAILED');
    const original = appError('NOT_FOUND', 'no item');
    expect(toAppError(original)).toBe(original);
  });

  it('has a status and title for every code', () => {
    for (const spec of Object.values(ERROR_CODES)) {
      expect(spec.status).toBeGreaterThanOrEqual(400);
      expect(spec.title.length).toBeGreaterThan(3);
    }
  });
});

describe('Registry', () => {
  it('rejects duplicate and malformed ids', () => {
    expect(() => new Registry('r', [{ id: 'a' }, { id: 'a' }])).toThrowError(/registered twice/);
    expect(() => new Registry('r', [{ id: 'Bad Id' }])).toThrowError(/kebab-case/);
    expect(new Registry('r', [{ id: 'a' }, { id: 'b' }]).ids()).toEqual(['a', 'b']);
  });
});
