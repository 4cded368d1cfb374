/** The cluster has no such resource type (a custom resource whose definition is not installed yet). */
export class UnknownKindError extends Error {
  constructor(
    readonly kind: string,
    readonly apiVersion: string,
  ) {
    super(`the cluster has no resource type ${kind} (${apiVersion})`);
    this.name = 'UnknownKindError';
  }
}

export function isUnknownKind(error: unknown): error is UnknownKindError {
  return error instanceof UnknownKindError || (error instanceof Error && error.name === 'UnknownKindError');
}
