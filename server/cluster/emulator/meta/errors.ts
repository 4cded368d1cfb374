import type { Status, StatusCause, StatusDetails } from './types.ts';

/** An error the API server answers with a Status body, shaped as a real kube-apiserver shapes it. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Status {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** How an error names a resource: `deployments.apps`, or `pods` in the core group. */
export interface ResourceName {
  group: string;
  resource: string;
}

export function qualified({ group, resource }: ResourceName): string {
  return group ? `${resource}.${group}` : resource;
}

function named(r: ResourceName, name: string): StatusDetails {
  return { name, group: r.group, kind: r.resource };
}

export const errors = {
  notFound(r: ResourceName, name: string): ApiError {
    return new ApiError(404, 'NotFound', `${qualified(r)} "${name}" not found`, named(r, name));
  },
  alreadyExists(r: ResourceName, name: string): ApiError {
    return new ApiError(409, 'AlreadyExists', `${qualified(r)} "${name}" already exists`, named(r, name));
  },
  conflict(r: ResourceName, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
    return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(r)} "${name}": ${why}`, named(r, name));
  },
  /** 422 with one cause per field, message `Kind.group "name" is invalid: field: msg, field2: msg2`. */
  invalid(kind: string, group: string, name: string, causes: FieldError[]): ApiError {
    const qualifiedKind = group ? `${kind}.${group}` : kind;
    const list = causes.map((c) => `${c.field}: ${c.message}`);
    const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
    // Empty fields are left out, as Go's `omitempty` leaves them (a patch's errors name no object).
    return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${summary}`, {
      ...(name ? { name } : {}),
      ...(group ? { group } : {}),
      ...(kind ? { kind } : {}),
      causes: causes.map((c) => ({ reason: c.reason, message: c.message, field: c.field })),
    });
  },
  badRequest(message: string, causes?: StatusCause[]): ApiError {
    return new ApiError(400, 'BadRequest', message, causes ? { causes } : undefined);
  },
  unauthorized(): ApiError {
    return new ApiError(401, 'Unauthorized', 'Unauthorized');
  },
  forbidden(message: string, details: StatusDetails): ApiError {
    return new ApiError(403, 'Forbidden', message, details);
  },
  /** 403 as `NewForbidden` words it for an object: `configmaps "x" is forbidden: <why>` (`configmaps is forbidden: …` without a name). */
  forbiddenFor(r: ResourceName, name: string, why: string, causes?: StatusCause[]): ApiError {
    const what = name ? `${qualified(r)} "${name}"` : qualified(r);
    return new ApiError(403, 'Forbidden', `${what} is forbidden: ${why}`, { ...named(r, name), ...(causes ? { causes } : {}) });
  },
  methodNotAllowed(): ApiError {
    return new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
  },
  pathNotFound(): ApiError {
    return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  },
  expired(requested: number | string, oldest: number | string): ApiError {
    return new ApiError(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
  },
  unsupportedMediaType(contentType: string, accepted: string[]): ApiError {
    return new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
      { causes: [{ reason: 'UnexpectedServerResponse', message: contentType }] },
    );
  },
  notAcceptable(accepted: string[]): ApiError {
    return new ApiError(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
  },
  internal(message: string): ApiError {
    return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
  },
};

/** One problem with one field of an object, as a validator reports it. */
export interface FieldError {
  field: string;
  /** FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueDuplicate, FieldValueForbidden, FieldValueTooLong… */
  reason: string;
  message: string;
}

/** Builders for the messages upstream field validation writes. */
export const fieldErrors = {
  required(field: string, detail = ''): FieldError {
    return { field, reason: 'FieldValueRequired', message: detail ? `Required value: ${detail}` : 'Required value' };
  },
  invalid(field: string, value: unknown, detail: string): FieldError {
    return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${formatValue(value)}: ${detail}` };
  },
  notSupported(field: string, value: unknown, supported: string[]): FieldError {
    const list = supported.map((s) => JSON.stringify(s)).join(', ');
    return { field, reason: 'FieldValueNotSupported', message: `Unsupported value: ${formatValue(value)}: supported values: ${list}` };
  },
  duplicate(field: string, value: unknown): FieldError {
    return { field, reason: 'FieldValueDuplicate', message: `Duplicate value: ${formatValue(value)}` };
  },
  forbidden(field: string, detail: string): FieldError {
    return { field, reason: 'FieldValueForbidden', message: `Forbidden: ${detail}` };
  },
};

/** Values in messages are printed as Go's `%#v`-ish upstream: strings quoted, numbers bare, objects as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}
