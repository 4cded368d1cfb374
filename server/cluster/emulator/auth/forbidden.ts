import { errors, qualified, type ApiError } from '../meta/errors.ts';
import type { StatusDetails, UserInfo } from '../meta/types.ts';
import type { RequestAttributes } from './attributes.ts';
import { goQuote } from './format.ts';

/**
 * The 403 Status kube-apiserver answers when authorization denies a request, word for word:
 * `pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"`,
 * `forbidden: User "jane" cannot get path "/metrics"`. A non-empty `reason` from the authorizer
 * (RBAC reports bindings to missing roles there) is appended after `: `.
 */
export function forbiddenError(user: UserInfo | undefined, attrs: RequestAttributes, reason = ''): ApiError {
  // Upstream escapes what could pass for HTML in the part it builds, not in the reason.
  const message = forbiddenMessage(user, attrs).replace(/[&<>]/g, (c) => HTML_ESCAPES[c]!);
  const explained = reason ? `${message}: ${reason}` : message;
  if (attrs.kind === 'nonresource') return errors.forbidden(`forbidden: ${explained}`, {});
  const target = { group: attrs.group, resource: attrs.resource };
  const details: StatusDetails = {
    ...(attrs.name ? { name: attrs.name } : {}),
    ...(attrs.group ? { group: attrs.group } : {}),
    ...(attrs.resource ? { kind: attrs.resource } : {}),
  };
  if (!attrs.group && !attrs.resource) return errors.forbidden(`forbidden: ${explained}`, details);
  const subject = attrs.name ? `${qualified(target)} ${goQuote(attrs.name)}` : qualified(target);
  return errors.forbidden(`${subject} is forbidden: ${explained}`, details);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function forbiddenMessage(user: UserInfo | undefined, attrs: RequestAttributes): string {
  const who = `User ${goQuote(user?.username ?? '')}`;
  if (attrs.kind === 'nonresource') return `${who} cannot ${attrs.verb} path ${goQuote(attrs.path)}`;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const what = `${who} cannot ${attrs.verb} resource ${goQuote(resource)} in API group ${goQuote(attrs.group)}`;
  return attrs.namespace ? `${what} in the namespace ${goQuote(attrs.namespace)}` : `${what} at the cluster scope`;
}
