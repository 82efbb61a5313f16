import type { z } from 'zod';
import type { ValidationIssue } from '../../shared/api/error.ts';
import { ApiFailure } from './api-failure.ts';

/** Converts zod issues to the API's `{path, message}` list; the body root has path "". */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates `value` with `schema`, raising VALIDATION_FAILED with every issue. */
export function parseOrFail<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiFailure('VALIDATION_FAILED', { issues: toValidationIssues(result.error) });
  return result.data;
}
