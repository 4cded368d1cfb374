/**
 * Field errors as upstream's `field` package words them. The builders of meta/errors.ts cover the common
 * types; these add the rest, and a form that takes a value already printed in Go syntax
 * (`map[string]string{"app":"web"}`, `[]string{"10.100.0.10"}`), which upstream prints with `%#v`.
 */
import { ApiError, errors, fieldErrors, type FieldError } from '../../meta/errors.ts';
import { goValue } from './go.ts';

export { fieldErrors, type FieldError };

export const fe = {
  ...fieldErrors,
  /** `Invalid value: <value in Go syntax>: detail`; strings quoted, numbers bare. */
  invalid(field: string, value: unknown, detail: string): FieldError {
    return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${goValue(value)}${detail ? `: ${detail}` : ''}` };
  },
  /** Invalid with a value already printed as Go prints it. */
  invalidRaw(field: string, printed: string, detail: string): FieldError {
    return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${printed}${detail ? `: ${detail}` : ''}` };
  },
  notSupported(field: string, value: unknown, supported: string[]): FieldError {
    const list = supported.map((s) => JSON.stringify(s)).join(', ');
    return { field, reason: 'FieldValueNotSupported', message: `Unsupported value: ${goValue(value)}${list ? `: supported values: ${list}` : ''}` };
  },
  notSupportedRaw(field: string, printed: string, supported: string[]): FieldError {
    const list = supported.map((s) => JSON.stringify(s)).join(', ');
    return { field, reason: 'FieldValueNotSupported', message: `Unsupported value: ${printed}${list ? `: supported values: ${list}` : ''}` };
  },
  duplicate(field: string, value: unknown): FieldError {
    return { field, reason: 'FieldValueDuplicate', message: `Duplicate value: ${goValue(value)}` };
  },
  duplicateRaw(field: string, printed: string): FieldError {
    return { field, reason: 'FieldValueDuplicate', message: `Duplicate value: ${printed}` };
  },
  notFound(field: string, value: unknown): FieldError {
    return { field, reason: 'FieldValueNotFound', message: `Not found: ${goValue(value)}` };
  },
  tooLong(field: string, maxLength: number): FieldError {
    return { field, reason: 'FieldValueTooLong', message: `Too long: may not be more than ${maxLength} bytes` };
  },
  tooMany(field: string, actual: number, max: number): FieldError {
    return { field, reason: 'FieldValueTooMany', message: `Too many: ${actual}: must have at most ${max} items` };
  },
};

/** A 422 Invalid for a kind, thrown from a hook that must stop the request before validation (allocation). */
export function invalidError(kind: string, group: string, name: string, causes: FieldError[]): ApiError {
  return errors.invalid(kind, group, name, causes);
}

/** Field paths built as upstream's `field.Path` prints them: `spec.containers[0].ports[1]`, `data[key]`. */
export const path = {
  child: (base: string, ...names: string[]) => [base, ...names].filter(Boolean).join('.'),
  index: (base: string, i: number) => `${base}[${i}]`,
  key: (base: string, k: string) => `${base}[${k}]`,
};
