/**
 * `ValidateServiceClusterIPsRelatedFields`: clusterIP and clusterIPs agree, the IPs are valid, and the IP
 * families match them. Run before allocation (upstream's initIPFamilyFields) and again in validation.
 */
import { fe, type FieldError } from '../shared/errors.ts';
import { goValue } from '../shared/go.ts';
import { isNil, list, str, type Json } from '../shared/json.ts';
import { invalidIPMessage, isValidIP, isValidIPv4 } from '../shared/names.ts';

const FAMILIES = ['IPv4', 'IPv6'];
const POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

export const isHeadless = (spec: Json): boolean => list(spec.clusterIPs).length === 1 && list(spec.clusterIPs)[0] === 'None';

export function validateClusterIPFields(spec: Json): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = list(spec.clusterIPs).map(str);
  const printed = goValue(ips);
  if (str(spec.clusterIP)) {
    if (ips.length === 0) errs.push(fe.required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push(fe.invalidRaw('spec.clusterIPs', printed, 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errs.push(fe.invalidRaw('spec.clusterIPs', printed, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  list(spec.ipFamilies).forEach((f, i) => {
    const family = str(f);
    if (!FAMILIES.includes(family)) errs.push(fe.notSupported(`spec.ipFamilies[${i}]`, family, FAMILIES));
    if (seen.has(family)) errs.push(fe.duplicate(`spec.ipFamilies[${i}]`, family));
    seen.add(family);
  });
  if (!isNil(spec.ipFamilyPolicy) && !POLICIES.includes(str(spec.ipFamilyPolicy))) {
    errs.push(fe.notSupported('spec.ipFamilyPolicy', str(spec.ipFamilyPolicy), POLICIES));
  }
  let invalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalidIPs = true;
        errs.push(fe.invalidRaw('spec.clusterIPs', printed, "'None' must be the first and only value"));
      }
      return;
    }
    if (!isValidIP(ip)) {
      invalidIPs = true;
      errs.push(fe.invalid(`spec.clusterIPs[${i}]`, ip, invalidIPMessage));
    }
  });
  if (ips.length > 2) errs.push(fe.invalidRaw('spec.clusterIPs', printed, 'may only hold up to 2 values'));
  if (invalidIPs) return errs;
  if (ips.length > 1 && isValidIPv4(ips[0]!) === isValidIPv4(ips[1]!)) {
    errs.push(fe.invalidRaw('spec.clusterIPs', printed, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec)) {
    const families = list(spec.ipFamilies).map(str);
    ips.forEach((ip, i) => {
      if (i >= families.length) return;
      if (families[i] === 'IPv4' && !isValidIPv4(ip)) errs.push(fe.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && isValidIPv4(ip)) errs.push(fe.invalid(`spec.clusterIPs[${i}]`, ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}
