import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '@rag/config';
import { DEAD_LETTER_TOPIC, TOPICS } from '@rag/contracts';
import { PLATFORM_APPS } from '../../scripts/apps';
import { calledApps, envClassOf, type EnvClass } from './support/app-env-classes';
import { infraDir } from '../src/paths';

/**
 * infra/k8s as `kubectl apply -k` would apply it, read without a cluster: every app of
 * scripts/apps.ts has its Deployment, Service, probes, resources, disruption budget and (when it
 * is stateless) autoscaler; secrets only by reference; the service URLs each env class declares
 * point at the right Service; Kafka topics as the scaling rules below assume.
 */
const K8S_DIR = join(infraDir, 'k8s');
const TOPICS_DIR = join(K8S_DIR, 'kafka-topics');
const NAMESPACE = 'rag-platform';
const IMAGE = /^rag-platform:([A-Za-z0-9._-]+)$/;

/**
 * How each app scales (the reasons are in its manifest). Every app is stateless in this deployment
 * (blobs and vectors on S3, sweeps safe on several replicas) and gets an autoscaler. `boundBy`: the
 * topics whose partitions bound its useful replicas, because its work runs inside the consumer.
 */
const SCALING: Record<string, { stateless: boolean; boundBy?: string[] }> = {
  identity: { stateless: true },
  ingestion: { stateless: true, boundBy: [TOPICS.ingestion] },
  chat: { stateless: true },
  agents: { stateless: true },
  evaluation: { stateless: true, boundBy: [TOPICS.agents] },
  compliance: { stateless: true },
  audit: { stateless: true, boundBy: Object.values(TOPICS) },
  gateway: { stateless: true },
};

/** Values that pass each app's env validation where the manifests reference the Secret's keys. */
const SAMPLE_SECRET_VALUES: Record<string, string> = {
  DATABASE_URL: 'postgres://rag:example@postgres.example.internal:5432/',
  API_KEY_PEPPER: 'example-pepper-'.repeat(3),
  SYSTEM_ADMIN_KEY: 'example-system-admin-key-'.repeat(2),
  CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
  CLOUDFRONT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nexample\\n-----END PRIVATE KEY-----',
  EMBEDDING_API_KEY: 'example-embedding-key',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'example-aws-secret',
};

type Labels = Record<string, string>;
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Labels };
  spec?: unknown;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
}
interface EnvFrom {
  configMapRef?: { name: string };
  secretRef?: { name: string };
}
interface Probe {
  httpGet?: { path: string; port: number | string };
  periodSeconds?: number;
  failureThreshold?: number;
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: EnvFrom[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  terminationGracePeriodSeconds?: number;
  volumes?: { name: string; emptyDir?: object; persistentVolumeClaim?: object; hostPath?: object }[];
  topologySpreadConstraints?: { topologyKey: string; labelSelector?: { matchLabels?: Labels } }[];
  affinity?: { podAntiAffinity?: object };
}
interface PodTemplate {
  metadata: { labels: Labels };
  spec: PodSpec;
}
interface DeploymentSpec {
  replicas?: number;
  selector: { matchLabels: Labels };
  template: PodTemplate;
}
interface ServiceSpec {
  type?: string;
  selector: Labels;
  ports: { name?: string; port: number; targetPort: number | string }[];
}
interface PdbSpec {
  maxUnavailable?: number;
  minAvailable?: number;
  selector: { matchLabels: Labels };
}
interface HpaSpec {
  scaleTargetRef: { apiVersion: string; kind: string; name: string };
  minReplicas: number;
  maxReplicas: number;
  metrics: { type: string; resource?: { name: string; target: { type: string } } }[];
}
interface IngressSpec {
  tls?: { secretName: string }[];
  rules: { http: { paths: { backend: { service: { name: string; port: { name?: string; number?: number } } } }[] } }[];
}
interface KafkaTopicSpec {
  topicName?: string;
  partitions: number;
  replicas: number;
  config?: Record<string, string | number>;
}

/** The documents of every resource kustomization.yaml in `dir` lists (files only, as here). */
function loadKustomization(dir: string): { namespace?: string; resources: string[]; manifests: Manifest[] } {
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as {
    namespace?: string;
    resources?: string[];
  };
  const resources = kustomization.resources ?? [];
  const manifests = resources.flatMap((resource) => {
    const path = join(dir, resource);
    if (!statSync(path).isFile()) throw new Error(`${resource}: only files are expected as resources`);
    return parseAllDocuments(readFileSync(path, 'utf8')).flatMap((document) => {
      if (document.errors.length > 0) throw new Error(`${resource}: ${document.errors[0].message}`);
      const manifest = document.toJS() as Manifest | null;
      return manifest ? [manifest] : [];
    });
  });
  return { namespace: kustomization.namespace, resources, manifests };
}

/** YAML files under `dir` (recursively), relative to it, leaving out `skip` folders. */
function yamlFilesUnder(dir: string, skip: string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skip.includes(path) ? [] : yamlFilesUnder(path, skip);
    return /\.ya?ml$/.test(entry.name) && entry.name !== 'kustomization.yaml' ? [relative(K8S_DIR, path)] : [];
  });
}

/** A name that would hold a credential: a word KEY, SECRET, PEPPER, PASSWORD or TOKEN, or DATABASE_URL. */
function looksSecret(name: string): boolean {
  if (name === 'DATABASE_URL') return true;
  if (/_(MS|SECONDS|BYTES|SIZE)$/.test(name)) return false; // tuning numbers such as KEY_CACHE_TTL_MS
  return name.split('_').some((word) => ['KEY', 'SECRET', 'PEPPER', 'PASSWORD', 'TOKEN'].includes(word));
}

const selects = (selector: Labels, labels: Labels): boolean =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`memory "${quantity}": expected Mi or Gi`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

function containerPort(container: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}

describe('infra/k8s', () => {
  let manifests: Manifest[];
  let resources: string[];
  let namespace: string | undefined;
  let topics: Manifest[];
  let envClasses: Map<string, EnvClass>;

  const all = <S>(kind: string): (Manifest & { spec: S })[] =>
    manifests.filter((manifest) => manifest.kind === kind) as (Manifest & { spec: S })[];
  const named = <S>(kind: string, name: string): Manifest & { spec: S } => {
    const found = all<S>(kind).filter((manifest) => manifest.metadata.name === name);
    if (found.length !== 1) throw new Error(`expected one ${kind} named ${name}, found ${found.length}`);
    return found[0];
  };
  const configMap = (name: string): Record<string, string> => named<unknown>('ConfigMap', name).data ?? {};
  const podOf = (deployment: { spec: DeploymentSpec }): PodTemplate => deployment.spec.template;
  const containerOf = (template: PodTemplate): Container => {
    expect(template.spec.containers).toHaveLength(1);
    return template.spec.containers[0];
  };
  const partitionsOf = (topic: string): number => {
    const found = topics.find(
      (manifest) => ((manifest.spec as KafkaTopicSpec).topicName ?? manifest.metadata.name) === topic,
    );
    if (!found) throw new Error(`no KafkaTopic for ${topic}`);
    return (found.spec as KafkaTopicSpec).partitions;
  };

  /** The container's environment: literal and config-map values, and which variables come from Secrets. */
  function environmentOf(container: Container) {
    const values: Record<string, string> = {};
    const fromSecret = new Map<string, { secret: string; key: string }>();
    const secretSources: string[] = [];
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef) Object.assign(values, configMap(source.configMapRef.name));
      if (source.secretRef) secretSources.push(source.secretRef.name);
    }
    const literal = new Set<string>();
    for (const variable of container.env ?? []) {
      const { secretKeyRef, configMapKeyRef } = variable.valueFrom ?? {};
      if (secretKeyRef) {
        fromSecret.set(variable.name, { secret: secretKeyRef.name, key: secretKeyRef.key });
        delete values[variable.name];
      } else if (configMapKeyRef) {
        values[variable.name] = configMap(configMapKeyRef.name)[configMapKeyRef.key];
      } else {
        values[variable.name] = String(variable.value ?? '');
        literal.add(variable.name);
      }
    }
    return { values, fromSecret, secretSources, literal };
  }

  beforeAll(async () => {
    ({ manifests, resources, namespace } = loadKustomization(K8S_DIR));
    topics = loadKustomization(TOPICS_DIR).manifests;
    const classes = await Promise.all(PLATFORM_APPS.map(async (app) => [app.name, await envClassOf(app)] as const));
    envClasses = new Map(classes);
  });

  it('recognises names that hold credentials', () => {
    for (const name of [
      'DATABASE_URL',
      'API_KEY_PEPPER',
      'SYSTEM_ADMIN_KEY',
      'CLOUDFRONT_PRIVATE_KEY',
      'AWS_SECRET_ACCESS_KEY',
    ])
      expect(`${name}: ${looksSecret(name)}`).toBe(`${name}: true`);
    for (const name of ['KAFKA_BROKERS', 'KEY_CACHE_TTL_MS', 'DEFAULT_MAX_TOKENS_PER_DAY', 'IDENTITY_URL'])
      expect(`${name}: ${looksSecret(name)}`).toBe(`${name}: false`);
  });

  it('puts everything in the rag-platform namespace and lists every manifest of the folder', () => {
    expect(namespace).toBe(NAMESPACE);
    expect(named('Namespace', NAMESPACE)).toBeDefined();
    expect(yamlFilesUnder(K8S_DIR, [TOPICS_DIR]).sort()).toEqual([...resources].sort());
  });

  it('commits no Secret: secrets are created in the cluster and referenced by name', () => {
    expect(manifests.filter((manifest) => manifest.kind === 'Secret').map((secret) => secret.metadata.name)).toEqual(
      [],
    );
  });

  it('keeps credentials out of the shared ConfigMap', () => {
    for (const configMap of all<unknown>('ConfigMap'))
      expect(Object.keys(configMap.data ?? {}).filter(looksSecret)).toEqual([]);
  });

  it('runs one pinned image everywhere, never :latest', () => {
    const containers = [
      ...all<DeploymentSpec>('Deployment').map((deployment) => containerOf(podOf(deployment))),
      ...all<{ template: PodTemplate }>('Job').map((job) => containerOf(job.spec.template)),
    ];
    expect(containers.length).toBe(PLATFORM_APPS.length + 1);
    const images = new Set(containers.map((container) => container.image));
    expect(images.size).toBe(1);
    const [image] = images;
    expect(image).toMatch(IMAGE);
    expect(IMAGE.exec(image)?.[1]).not.toBe('latest');
  });

  it('migrates every database with the apps’ image, server and database prefix', () => {
    const job = named<{ template: PodTemplate }>('Job', 'db-migrate');
    const container = containerOf(job.spec.template);
    expect(container.command).toEqual(['node', '-r', '@swc-node/register', 'scripts/db-migrate.ts']);
    const { values, fromSecret } = environmentOf(container);
    expect(fromSecret.get('DATABASE_URL')).toEqual({ secret: 'rag-platform-secrets', key: 'DATABASE_URL' });
    for (const app of PLATFORM_APPS.filter((candidate) => candidate.database)) {
      const appEnv = environmentOf(containerOf(podOf(named<DeploymentSpec>('Deployment', app.name))));
      expect(appEnv.fromSecret.get('DATABASE_URL')).toEqual(fromSecret.get('DATABASE_URL'));
      expect(appEnv.values.DB_NAME_PREFIX).toBe(values.DB_NAME_PREFIX);
    }
  });

  it('exposes only the gateway, through an Ingress with TLS', () => {
    const ingresses = all<IngressSpec>('Ingress');
    expect(ingresses).toHaveLength(1);
    const [ingress] = ingresses;
    expect(ingress.spec.tls?.[0]?.secretName).toBeTruthy();
    const gatewayService = named<ServiceSpec>('Service', 'gateway');
    const backends = ingress.spec.rules.flatMap((rule) => rule.http.paths.map((path) => path.backend.service));
    for (const backend of backends) {
      expect(backend.name).toBe('gateway');
      const port = gatewayService.spec.ports.find((candidate) =>
        backend.port.name ? candidate.name === backend.port.name : candidate.port === backend.port.number,
      );
      expect(port?.port).toBe(PLATFORM_APPS.find((app) => app.name === 'gateway')?.defaultPort);
    }
    const exposed = all<ServiceSpec>('Service').filter((service) => (service.spec.type ?? 'ClusterIP') !== 'ClusterIP');
    expect(exposed.map((service) => service.metadata.name)).toEqual([]);
  });

  it('documents every key of the Secrets the manifests reference', () => {
    const readme = readFileSync(join(K8S_DIR, 'README.md'), 'utf8');
    const keys = new Set<string>();
    const secrets = new Set<string>();
    const containers = [
      ...all<DeploymentSpec>('Deployment').map((deployment) => containerOf(podOf(deployment))),
      ...all<{ template: PodTemplate }>('Job').map((job) => containerOf(job.spec.template)),
    ];
    for (const container of containers) {
      const { fromSecret, secretSources } = environmentOf(container);
      for (const { secret, key } of fromSecret.values()) {
        keys.add(key);
        secrets.add(secret);
      }
      secretSources.forEach((secret) => secrets.add(secret));
    }
    for (const key of keys)
      expect(`${key}: ${key in SAMPLE_SECRET_VALUES && readme.includes(`\`${key}\``)}`).toBe(`${key}: true`);
    for (const secret of secrets) expect(readme).toContain(`\`${secret}\``);
  });

  describe('Kafka topics (kafka-topics/, for Strimzi)', () => {
    it.each([...Object.values(TOPICS), DEAD_LETTER_TOPIC])('%s: 3 replicas, min.insync.replicas 2', (topic) => {
      const found = topics.filter((manifest) => (manifest.spec as KafkaTopicSpec).topicName === topic);
      expect(found).toHaveLength(1);
      const spec = found[0].spec as KafkaTopicSpec;
      expect(found[0].metadata.labels?.['strimzi.io/cluster']).toBeTruthy();
      expect(spec.replicas).toBe(3);
      expect(Number(spec.config?.['min.insync.replicas'])).toBe(2);
      expect(spec.partitions).toBeGreaterThanOrEqual(3);
    });
  });

  it('classifies every app of scripts/apps.ts for scaling', () => {
    expect(Object.keys(SCALING).sort()).toEqual(PLATFORM_APPS.map((app) => app.name).sort());
  });

  describe.each(PLATFORM_APPS)('$name', (app) => {
    const deployment = () => named<DeploymentSpec>('Deployment', app.name);
    const pod = () => podOf(deployment());
    const container = () => containerOf(pod());
    const podLabels = () => pod().metadata.labels;

    it('runs the app on its default port, selected by its own labels', () => {
      expect(selects(deployment().spec.selector.matchLabels, podLabels())).toBe(true);
      const { values, literal } = environmentOf(container());
      expect(literal.has('APP') && values.APP).toBe(app.name);
      expect(values[app.portVariable]).toBe(String(app.defaultPort));
      expect(container().ports?.map((port) => port.containerPort)).toEqual([app.defaultPort]);
    });

    it('has a ClusterIP Service on its port that selects only its pods', () => {
      const service = named<ServiceSpec>('Service', app.name);
      expect(service.spec.type ?? 'ClusterIP').toBe('ClusterIP');
      expect(selects(service.spec.selector, podLabels())).toBe(true);
      const others = all<DeploymentSpec>('Deployment').filter((other) => other.metadata.name !== app.name);
      expect(others.filter((other) => selects(service.spec.selector, podOf(other).metadata.labels))).toEqual([]);
      expect(service.spec.ports).toHaveLength(1);
      expect(service.spec.ports[0].port).toBe(app.defaultPort);
      expect(containerPort(container(), service.spec.ports[0].targetPort)).toBe(app.defaultPort);
    });

    it('probes /health/ready, /health/live and a start-up of up to a minute on its port', () => {
      const { readinessProbe, livenessProbe, startupProbe } = container();
      expect(readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(startupProbe?.httpGet?.path).toBe('/health/live');
      for (const probe of [readinessProbe, livenessProbe, startupProbe])
        expect(containerPort(container(), probe?.httpGet?.port ?? '')).toBe(app.defaultPort);
      const startupBudget = (startupProbe?.periodSeconds ?? 10) * (startupProbe?.failureThreshold ?? 3);
      expect(startupBudget).toBeGreaterThanOrEqual(60);
    });

    it('requests CPU and memory, limits memory, and keeps the V8 heap under the limit', () => {
      const { requests = {}, limits = {} } = container().resources ?? {};
      expect(requests.cpu).toBeTruthy();
      const limit = mebibytes(limits.memory ?? '');
      expect(mebibytes(requests.memory ?? '')).toBeLessThanOrEqual(limit);
      const heap = /--max-old-space-size=(\d+)/.exec(environmentOf(container()).values.NODE_OPTIONS ?? '')?.[1];
      expect(Number(heap)).toBeGreaterThan(0);
      expect(Number(heap)).toBeLessThan(limit);
    });

    it('has a disruption budget that lets one pod go at a time, evicting unready pods too', () => {
      const budgets = all<PdbSpec & { unhealthyPodEvictionPolicy?: string }>('PodDisruptionBudget').filter((pdb) =>
        selects(pdb.spec.selector.matchLabels, podLabels()),
      );
      expect(budgets).toHaveLength(1);
      const [budget] = budgets;
      expect(budget.spec.maxUnavailable === 1 || budget.spec.minAvailable === 1).toBe(true);
      expect(budget.spec.unhealthyPodEvictionPolicy).toBe('AlwaysAllow');
    });

    it('is autoscaled on CPU exactly when it is stateless, within its topics’ partitions', () => {
      const { stateless, boundBy } = SCALING[app.name];
      const autoscalers = all<HpaSpec>('HorizontalPodAutoscaler').filter(
        (hpa) => hpa.spec.scaleTargetRef.kind === 'Deployment' && hpa.spec.scaleTargetRef.name === app.name,
      );
      expect(autoscalers).toHaveLength(stateless ? 1 : 0);
      if (!stateless) {
        expect(deployment().spec.replicas).toBeGreaterThanOrEqual(1);
        return;
      }
      const [hpa] = autoscalers;
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec.scaleTargetRef.apiVersion).toBe('apps/v1');
      expect(hpa.spec.metrics).toContainEqual(
        expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }),
      );
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
      // A count in the Deployment would reset the autoscaler's on every apply.
      expect(deployment().spec.replicas).toBeUndefined();
      if (boundBy) expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(Math.max(...boundBy.map(partitionsOf)));
    });

    it('keeps no state in the pod when it is stateless: blobs and vectors on S3, no volumes but emptyDir', () => {
      if (!SCALING[app.name].stateless) return;
      const fields = Object.keys(new (envClasses.get(app.name)!)());
      const { values } = environmentOf(container());
      if (fields.includes('BLOB_STORE')) expect(values.BLOB_STORE).toBe('s3');
      if (fields.includes('VECTOR_STORE_URI')) expect(values.VECTOR_STORE_URI).toMatch(/^s3:\/\/[a-z0-9.-]+\/./);
      for (const volume of pod().spec.volumes ?? []) expect(Object.keys(volume).sort()).toEqual(['emptyDir', 'name']);
    });

    it('takes every credential from a Secret and nothing secret from a literal value', () => {
      const { fromSecret, values } = environmentOf(container());
      // `values` holds the literal and config-map variables only.
      expect(Object.keys(values).filter(looksSecret)).toEqual([]);
      for (const [name, { secret, key }] of fromSecret) {
        expect(secret).toMatch(/^rag-platform-/);
        expect(key).toBe(name);
      }
      if (app.database) expect(fromSecret.has('DATABASE_URL')).toBe(true);
    });

    it('points every service URL its env class declares at that app’s Service and port', () => {
      const { values } = environmentOf(container());
      const called = calledApps(envClasses.get(app.name)!);
      for (const { variable, app: target } of called) {
        const url = new URL(values[variable] ?? 'http://unset');
        const host = url.hostname.split('.');
        expect(`${variable} host ${host[0]}`).toBe(`${variable} host ${target.name}`);
        expect(host.slice(1).join('.')).toMatch(new RegExp(`^(${NAMESPACE}(\\.svc(\\.cluster\\.local)?)?)?$`));
        const service = named<ServiceSpec>('Service', host[0]);
        const targetPod = podOf(named<DeploymentSpec>('Deployment', target.name));
        expect(selects(service.spec.selector, targetPod.metadata.labels)).toBe(true);
        const port = service.spec.ports.find((candidate) => candidate.port === Number(url.port));
        expect(`${variable} port ${url.port}: ${containerPort(containerOf(targetPod), port?.targetPort ?? '')}`).toBe(
          `${variable} port ${url.port}: ${target.defaultPort}`,
        );
      }
    });

    it('gives its env class a valid environment in production mode', () => {
      const { values, fromSecret } = environmentOf(container());
      expect(values.NODE_ENV).toBe('production');
      const secrets = Object.fromEntries([...fromSecret].map(([name, { key }]) => [name, SAMPLE_SECRET_VALUES[key]]));
      expect(() => loadConfig(envClasses.get(app.name)!, { ...values, ...secrets })).not.toThrow();
    });

    it('runs as non-root on a read-only root filesystem with /tmp on an emptyDir', () => {
      const { securityContext: podSecurity = {}, volumes = [] } = pod().spec;
      expect(podSecurity.runAsNonRoot).toBe(true);
      // The image's user is a name (node); the kubelet can only check runAsNonRoot against a uid.
      expect(podSecurity.runAsUser).toBeGreaterThan(0);
      const { securityContext = {}, volumeMounts = [] } = container();
      expect(securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      expect(securityContext.capabilities?.drop).toContain('ALL');
      const tmp = volumeMounts.find((mount) => mount.mountPath === '/tmp');
      expect(volumes.find((volume) => volume.name === tmp?.name)?.emptyDir).toBeDefined();
    });

    it('spreads its replicas over nodes and drains its consumers before the kill', () => {
      const { topologySpreadConstraints = [], affinity, terminationGracePeriodSeconds } = pod().spec;
      const spreadOverNodes = topologySpreadConstraints.some(
        (constraint) =>
          constraint.topologyKey === 'kubernetes.io/hostname' &&
          selects(constraint.labelSelector?.matchLabels ?? {}, podLabels()),
      );
      expect(spreadOverNodes || affinity?.podAntiAffinity !== undefined).toBe(true);
      // Past the Kafka session timeout (10 s) and a batch's retries, so the group hand-over is clean.
      expect(terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
    });
  });
});
