import { errors, type FieldError } from '../../meta/errors.ts';
import type { KubeObject, UserInfo } from '../../meta/types.ts';
import type { RequestAttributes } from '../attributes.ts';
import { goQuote } from '../format.ts';
import type { Authorizer } from '../rbac/authorizer.ts';

/** `authorization.k8s.io/v1` ResourceAttributes and NonResourceAttributes as clients send them. */
interface ResourceAttributesSpec {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface NonResourceAttributesSpec {
  path?: string;
  verb?: string;
}

interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributesSpec | null;
  nonResourceAttributes?: NonResourceAttributesSpec | null;
  user?: string;
  groups?: string[] | null;
  uid?: string;
  extra?: Record<string, string[]> | null;
}

const GROUP = 'authorization.k8s.io';

/**
 * `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews` (`kubectl auth can-i`): may the
 * requesting user do what the spec describes?
 */
export function selfSubjectAccessReview(authorizer: Authorizer, user: UserInfo, body: KubeObject): KubeObject {
  const spec = specOf(body);
  const problems = attributeProblems(spec);
  if (problems.length > 0) throw invalid(problems);
  return answer(body, 'SelfSubjectAccessReview', authorizer.authorize(user, attributesOf(spec)));
}

/** `POST …/subjectaccessreviews`: may the user, groups and extra named in the spec do it? */
export function subjectAccessReview(authorizer: Authorizer, body: KubeObject): KubeObject {
  const spec = specOf(body);
  const problems = [...attributeProblems(spec), ...subjectProblems(spec)];
  if (problems.length > 0) throw invalid(problems);
  return answer(body, 'SubjectAccessReview', authorizer.authorize(subjectOf(spec), attributesOf(spec)));
}

/** `POST /apis/authorization.k8s.io/v1/namespaces/<ns>/localsubjectaccessreviews`: the same, within one namespace. */
export function localSubjectAccessReview(authorizer: Authorizer, namespace: string, body: KubeObject): KubeObject {
  const spec = specOf(body);
  const bodyNamespace = body.metadata?.namespace || namespace;
  if (body.metadata?.namespace && body.metadata.namespace !== namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const problems = [...attributeProblems(spec), ...subjectProblems(spec)];
  const ra = spec.resourceAttributes;
  if (ra && (ra.namespace ?? '') !== bodyNamespace) {
    problems.push(invalidValue('spec.resourceAttributes.namespace', goQuote(ra.namespace ?? ''), 'must match metadata.namespace'));
  }
  if (spec.nonResourceAttributes) {
    problems.push(invalidValue('spec.nonResourceAttributes', nonResourceValue(spec.nonResourceAttributes), 'disallowed on this kind of request'));
  }
  if (problems.length > 0) throw invalid(problems);
  const reviewed = { ...body, metadata: { ...body.metadata, namespace: bodyNamespace } };
  return answer(reviewed, 'LocalSubjectAccessReview', authorizer.authorize(subjectOf(spec), attributesOf(spec)));
}

function specOf(body: KubeObject): AccessReviewSpec {
  const spec = body.spec;
  return spec && typeof spec === 'object' ? (spec as AccessReviewSpec) : {};
}

/** The attributes a review asks about; an empty version means every version, as upstream fills it. */
function attributesOf(spec: AccessReviewSpec): RequestAttributes {
  const ra = spec.resourceAttributes;
  if (!ra) return { kind: 'nonresource', verb: spec.nonResourceAttributes?.verb ?? '', path: spec.nonResourceAttributes?.path ?? '' };
  return {
    kind: 'resource',
    verb: ra.verb ?? '',
    group: ra.group ?? '',
    version: ra.version || '*',
    resource: ra.resource ?? '',
    ...(ra.subresource ? { subresource: ra.subresource } : {}),
    ...(ra.namespace ? { namespace: ra.namespace } : {}),
    ...(ra.name ? { name: ra.name } : {}),
  };
}

/** The user of a SubjectAccessReview, exactly as given: no groups are added. */
function subjectOf(spec: AccessReviewSpec): UserInfo {
  return {
    username: spec.user ?? '',
    groups: spec.groups ?? [],
    ...(spec.uid ? { uid: spec.uid } : {}),
    ...(spec.extra ? { extra: spec.extra } : {}),
  };
}

function attributeProblems(spec: AccessReviewSpec): FieldError[] {
  const problems: FieldError[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    problems.push(invalidValue('spec.nonResourceAttributes', nonResourceValue(spec.nonResourceAttributes), 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    problems.push(invalidValue('spec.resourceAttributes', '"null"', 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return problems;
}

function subjectProblems(spec: AccessReviewSpec): FieldError[] {
  if (spec.user || (spec.groups ?? []).length > 0) return [];
  return [invalidValue('spec.user', goQuote(spec.user ?? ''), 'at least one of user or group must be specified')];
}

function invalidValue(field: string, printed: string, detail: string): FieldError {
  return { field, reason: 'FieldValueInvalid', message: `Invalid value: ${printed}: ${detail}` };
}

/** How Go's `%#v` prints the attributes struct in a validation message. */
function nonResourceValue(a: NonResourceAttributesSpec): string {
  return `authorization.NonResourceAttributes{Path:${goQuote(a.path ?? '')}, Verb:${goQuote(a.verb ?? '')}}`;
}

/** Upstream names the kind from the decoded object, which is empty by then: `.authorization.k8s.io "" is invalid`. */
function invalid(problems: FieldError[]) {
  return errors.invalid('', GROUP, '', problems);
}

function answer(body: KubeObject, kind: string, decision: { allowed: boolean; reason: string }): KubeObject {
  return {
    kind,
    apiVersion: `${GROUP}/v1`,
    metadata: { ...(body.metadata ?? {}), creationTimestamp: null },
    spec: body.spec ?? {},
    status: { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) },
  };
}
