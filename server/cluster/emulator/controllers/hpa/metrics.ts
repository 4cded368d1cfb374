/**
 * Metrics as an EKS cluster without metrics-server serves them: none. Every metric fails with the errors
 * the HPA controller reports when the resource / custom / external metrics APIs are not registered.
 */

export interface MetricSpec {
  type: string;
  resource?: { name: string; target?: { type?: string; averageUtilization?: number; averageValue?: string } };
  containerResource?: { name: string; container: string; target?: { type?: string; averageUtilization?: number } };
  pods?: { metric?: { name?: string } };
  object?: { metric?: { name?: string } };
  external?: { metric?: { name?: string } };
}

export interface MetricFailure {
  /** Event reason and condition reason. */
  reason: string;
  /** The error the event carries and the condition quotes. */
  eventMessage: string;
  /** The error as computeReplicasForMetrics returns it. */
  error: string;
}

const RESOURCE_API = 'unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
const CUSTOM_API = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
const EXTERNAL_API = 'unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered';

export function metricFailure(m: MetricSpec): MetricFailure {
  switch (m.type) {
    case 'Resource': {
      const name = m.resource?.name ?? 'cpu';
      const base = `unable to get metrics for resource ${name}: ${RESOURCE_API}`;
      const what = m.resource?.target?.averageValue !== undefined ? 'usage' : 'utilization';
      const msg = `failed to get ${name} ${what}: ${base}`;
      return { reason: 'FailedGetResourceMetric', eventMessage: msg, error: `failed to get ${name} resource metric value: ${msg}` };
    }
    case 'ContainerResource': {
      const name = m.containerResource?.name ?? 'cpu';
      const base = `unable to get metrics for resource ${name}: ${RESOURCE_API}`;
      const msg = `failed to get ${name} utilization: ${base}`;
      return { reason: 'FailedGetContainerResourceMetric', eventMessage: msg, error: `failed to get ${m.containerResource?.container ?? ''} container metric value: ${msg}` };
    }
    case 'Pods': {
      const name = m.pods?.metric?.name ?? '';
      const msg = `unable to get metric ${name}: ${CUSTOM_API}`;
      return { reason: 'FailedGetPodsMetric', eventMessage: msg, error: `failed to get pods metric value: ${msg}` };
    }
    case 'Object': {
      const name = m.object?.metric?.name ?? '';
      const msg = `unable to get metric ${name}: ${CUSTOM_API}`;
      return { reason: 'FailedGetObjectMetric', eventMessage: msg, error: `failed to get object metric value: ${msg}` };
    }
    case 'External': {
      const name = m.external?.metric?.name ?? '';
      const msg = `unable to get external metric ${name}: ${EXTERNAL_API}`;
      return { reason: 'FailedGetExternalMetric', eventMessage: msg, error: `failed to get ${name} external metric value: ${msg}` };
    }
    default: {
      const msg = `unknown metric source type "${m.type}"`;
      return { reason: 'InvalidMetricSourceType', eventMessage: msg, error: msg };
    }
  }
}
