/** Leases, EndpointSlices, PodDisruptionBudgets and NetworkPolicies: their few defaults and checks. */
import type { Strategy } from '../../registry/strategy.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { goIntOrString, goStruct } from '../shared/go.ts';
import { child, eachObject, isNil, isObj, list, objects, rec, str } from '../shared/json.ts';
import { validateLabelSelector } from '../shared/meta.ts';
import { invalidIPMessage, isDNS1123Label, isValidIP, isValidPortNum } from '../shared/names.ts';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from '../workloads/common.ts';

export function leaseStrategy(): Strategy {
  return {
    validate(obj) {
      const spec = rec(obj.spec);
      const errs: FieldError[] = [];
      if (!isNil(spec.leaseDurationSeconds) && Number(spec.leaseDurationSeconds) <= 0) {
        errs.push(fe.invalid('spec.leaseDurationSeconds', Number(spec.leaseDurationSeconds), 'must be greater than 0'));
      }
      if (!isNil(spec.leaseTransitions) && Number(spec.leaseTransitions) < 0) {
        errs.push(fe.invalid('spec.leaseTransitions', Number(spec.leaseTransitions), 'must be greater than or equal to 0'));
      }
      return errs;
    },
  };
}

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

export function endpointSliceStrategy(): Strategy {
  return {
    defaults(obj) {
      eachObject(obj, 'ports', (p) => {
        if (isNil(p.name)) p.name = '';
        if (isNil(p.protocol)) p.protocol = 'TCP';
      });
    },
    validate(obj) {
      const errs: FieldError[] = [];
      const type = str(obj.addressType);
      if (!type) errs.push(fe.required('addressType'));
      else if (!ADDRESS_TYPES.includes(type)) errs.push(fe.notSupported('addressType', type, ADDRESS_TYPES));
      objects(obj.endpoints).forEach((e, i) => {
        const addresses = list(e.addresses);
        if (addresses.length === 0) errs.push(fe.required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
        addresses.forEach((a, j) => {
          if ((type === 'IPv4' || type === 'IPv6') && !isValidIP(str(a))) errs.push(fe.invalid(`endpoints[${i}].addresses[${j}]`, str(a), invalidIPMessage));
        });
      });
      objects(obj.ports).forEach((p, i) => {
        const name = str(p.name);
        if (name) errs.push(...isDNS1123Label(name).map((m) => fe.invalid(`ports[${i}].name`, name, m)));
        if (!isNil(p.port)) errs.push(...isValidPortNum(Number(p.port)).map((m) => fe.invalid(`ports[${i}].port`, Number(p.port), m)));
      });
      return errs;
    },
  };
}

export function pdbStrategy(): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(obj) {
      obj.status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
    },
    validate(obj) {
      const spec = rec(obj.spec);
      const errs: FieldError[] = [];
      if (!isNil(spec.minAvailable) && !isNil(spec.maxUnavailable)) {
        const printed = goStruct('policy.PodDisruptionBudgetSpec', [
          ['MinAvailable', `(*intstr.IntOrString)(${goIntOrString(spec.minAvailable)})`],
          ['Selector', isObj(spec.selector) ? '(*v1.LabelSelector)(0xc000a1c2e0)' : '(*v1.LabelSelector)(nil)'],
          ['MaxUnavailable', `(*intstr.IntOrString)(${goIntOrString(spec.maxUnavailable)})`],
          ['UnhealthyPodEvictionPolicy', '(*policy.UnhealthyPodEvictionPolicyType)(nil)'],
        ]);
        errs.push(fe.invalidRaw('spec', printed, 'minAvailable and maxUnavailable cannot be both set'));
      }
      for (const key of ['minAvailable', 'maxUnavailable']) {
        if (isNil(spec[key])) continue;
        errs.push(...validatePositiveIntOrPercent(spec[key], `spec.${key}`), ...notMoreThan100Percent(spec[key], `spec.${key}`));
      }
      errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
      const policy = spec.unhealthyPodEvictionPolicy;
      if (!isNil(policy) && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow') {
        errs.push(fe.notSupported('spec.unhealthyPodEvictionPolicy', str(policy), ['AlwaysAllow', 'IfHealthyBudget']));
      }
      return errs;
    },
  };
}

export function networkPolicyStrategy(): Strategy {
  return {
    tracksGeneration: true,
    defaults(obj) {
      const spec = child(obj, 'spec');
      if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
        spec.policyTypes = list(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
      }
      for (const dir of ['ingress', 'egress']) {
        for (const rule of objects(spec[dir])) eachObject(rule, 'ports', (p) => {
          if (isNil(p.protocol)) p.protocol = 'TCP';
        });
      }
    },
    validate(obj) {
      const spec = rec(obj.spec);
      const errs = validateLabelSelector(spec.podSelector, 'spec.podSelector');
      list(spec.policyTypes).forEach((t, i) => {
        if (t !== 'Ingress' && t !== 'Egress') errs.push(fe.notSupported(`spec.policyTypes[${i}]`, str(t), ['Ingress', 'Egress']));
      });
      return errs;
    },
  };
}
