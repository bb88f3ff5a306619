import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { appError } from '../../core/index.js';
import { type Policy, policySchema } from './policy-schema.js';

/** Reads and validates a policy file (YAML or JSON); the error names the rule path to fix. */
export function loadPolicy(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw appError('POLICY_INVALID', `cannot read policy file ${path}: ${(cause as Error).message}`, path);
  }
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (cause) {
    throw appError('POLICY_INVALID', `${path} is not YAML/JSON: ${(cause as Error).message}`, path);
  }
  return parsePolicy(value, path);
}

export function parsePolicy(value: unknown, origin = 'policy'): Policy {
  const parsed = policySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw appError(
      'POLICY_INVALID',
      `${origin} at "${where}": ${issue?.message ?? 'invalid'}. Fix the rule and run again.`,
      `${origin}#${where}`,
    );
  }
  return parsed.data;
}
