import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { loadConfig } from '@rag/config';
import { PLATFORM_APPS } from '../../scripts/apps';
import { calledApps, envClassOf, type EnvClass } from './support/app-env-classes';
import { kafkaPomFile, repoRoot } from '../src/paths';

/**
 * docker-compose.yml as `docker compose config` resolves it (no Docker engine needed, see
 * scripts/ensure-compose.sh): the apps `npm start` launches, each with its port, the service URLs its
 * env class declares, readiness checks and start order, and traces through the collector to Jaeger.
 */
const run = promisify(execFile);
const COLLECTOR_CONFIG = join(repoRoot, 'infra', 'otel', 'collector.yaml');
const SECRETS = ['API_KEY_PEPPER', 'BLOB_SIGNING_SECRET', 'SYSTEM_ADMIN_KEY'];

interface ComposeService {
  image?: string;
  build?: { context: string };
  command?: string[] | null;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[] };
  volumes?: { type: string; source: string; target: string }[];
  ports?: { target: number; published: string }[];
}
type Services = Record<string, ComposeService>;
type Pipeline = Record<'receivers' | 'processors' | 'exporters', string[]>;
interface CollectorConfig {
  receivers: { otlp: { protocols: Record<'http' | 'grpc', { endpoint: string }> } };
  exporters: Record<string, { endpoint: string }>;
  extensions: Record<string, { endpoint: string }>;
  service: { extensions: string[]; pipelines: Record<string, Pipeline> };
}

async function composeServices(hostEnv: Record<string, string> = {}): Promise<Services> {
  const script = join(repoRoot, 'scripts', 'ensure-compose.sh');
  const { stdout: dockerConfig } = await run('bash', [script, '--print-docker-config']);
  // Only what compose needs: the host's own variables must not replace the file's defaults.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...hostEnv };
  const { stdout } = await run('docker', ['compose', 'config', '--format', 'json'], {
    cwd: repoRoot,
    env: { ...env, DOCKER_CONFIG: dockerConfig.trim() || process.env.DOCKER_CONFIG },
  });
  return (JSON.parse(stdout) as { services: Services }).services;
}

/** ENV of the Dockerfile's last stage, which every app container starts with. */
function runtimeImageEnv(): Record<string, string> {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
  const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  const assignments = [...runtimeStage.matchAll(/^ENV (.+)$/gm)].flatMap(([, line]) => line.trim().split(/\s+/));
  return Object.fromEntries(assignments.map((assignment) => assignment.split('=', 2)));
}

/** Images a Dockerfile builds from: its FROM lines and *_IMAGE build arguments, not its own stages. */
function baseImagesOf(file: string): string[] {
  const dockerfile = readFileSync(join(repoRoot, file), 'utf8');
  const stages = new Set([...dockerfile.matchAll(/^FROM \S+ AS (\S+)/gim)].map(([, stage]) => stage));
  return [...dockerfile.matchAll(/^(?:FROM|ARG \w+_IMAGE=)\s*(\S+)/gm)]
    .map(([, image]) => image)
    .filter((image) => !image.startsWith('$') && !stages.has(image));
}

const portOf = (endpoint: string): number => Number(endpoint.split(':').pop());
const healthcheckOf = (service: ComposeService): string => (service.healthcheck?.test ?? []).join(' ');

describe('docker-compose.yml', () => {
  let services: Services;
  let envClasses: Map<string, EnvClass>;
  let collector: CollectorConfig;
  let collectorService: string;

  beforeAll(async () => {
    services = await composeServices();
    const classes = await Promise.all(PLATFORM_APPS.map(async (app) => [app.name, await envClassOf(app)] as const));
    envClasses = new Map(classes);
    collector = parse(readFileSync(COLLECTOR_CONFIG, 'utf8')) as CollectorConfig;
    const mounting = Object.keys(services).filter((name) =>
      services[name].volumes?.some((volume) => volume.source === COLLECTOR_CONFIG),
    );
    expect(mounting).toHaveLength(1);
    collectorService = mounting[0];
  });

  it('runs exactly the apps `npm start` launches, each as a service of its name on its default port', () => {
    const appServices = Object.entries(services).filter(([, service]) => service.environment?.APP);
    const launched = appServices.map(([name, { environment = {} }]) => {
      const app = PLATFORM_APPS.find((candidate) => candidate.name === environment.APP);
      return [name, environment.APP, app && environment[app.portVariable]];
    });
    const expected = PLATFORM_APPS.map((app) => [app.name, app.name, String(app.defaultPort)]);
    expect(launched.sort()).toEqual(expected.sort());
  });

  describe.each(PLATFORM_APPS)('$name', (app) => {
    const service = (): ComposeService => services[app.name];
    const environment = (): Record<string, string> => service().environment ?? {};

    it('runs the image built from the repository with a readiness check on its port', () => {
      expect(service().build?.context).toBe(repoRoot);
      expect(service().image).toBe(services.migrate.image);
      expect(environment()[app.portVariable]).toBe(String(app.defaultPort));
      expect(service().healthcheck?.test?.at(-1)).toBe(`http://127.0.0.1:${app.defaultPort}/health/ready`);
    });

    it('starts after the migration, once Kafka is healthy and the trace collector started', () => {
      expect(service().depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        kafka: { condition: 'service_healthy' },
        [collectorService]: { condition: 'service_started' },
      });
    });

    it('points every service URL its env class declares at the service and port of the app it names', () => {
      for (const { variable, app: called } of calledApps(envClasses.get(app.name)!)) {
        expect(services[called.name]).toBeDefined();
        expect(`${variable}=${environment()[variable]}`).toBe(
          `${variable}=http://${called.name}:${called.defaultPort}`,
        );
      }
    });

    it('exports its traces to the collector over OTLP/HTTP', () => {
      const otlpHttpPort = portOf(collector.receivers.otlp.protocols.http.endpoint);
      expect(environment().OTEL_EXPORTER_OTLP_ENDPOINT).toBe(`http://${collectorService}:${otlpHttpPort}`);
    });

    it('gives its env class a valid environment, in production mode as the image runs it', () => {
      expect(runtimeImageEnv()).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
      expect(() => loadConfig(envClasses.get(app.name)!, { ...runtimeImageEnv(), ...environment() })).not.toThrow();
    });
  });

  it('checks readiness with one command that passes on a 2xx answer only', async () => {
    const commands = new Set(
      PLATFORM_APPS.map((app) => JSON.stringify(services[app.name].healthcheck?.test?.slice(0, -1))),
    );
    expect(commands.size).toBe(1);
    const [kind, command, ...args] = JSON.parse([...commands][0]) as string[];
    expect(kind).toBe('CMD');
    const server = createServer((request, response) => response.writeHead(request.url === '/ready' ? 200 : 503).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await expect(run(command, [...args, `${base}/ready`])).resolves.toBeDefined();
      await expect(run(command, [...args, `${base}/not-ready`])).rejects.toMatchObject({ code: 1 });
      await expect(run(command, [...args, 'http://127.0.0.1:1/'])).rejects.toMatchObject({ code: 1 });
    } finally {
      server.close();
    }
  });

  it('starts the gateway once every app it calls is healthy', () => {
    const called = calledApps(envClasses.get('gateway')!).map(({ app }) => app.name);
    expect(called.length).toBeGreaterThan(0);
    for (const name of called)
      expect(services.gateway.depends_on?.[name]).toEqual(expect.objectContaining({ condition: 'service_healthy' }));
  });

  it('migrates every database on the server of the apps once PostgreSQL is healthy', () => {
    const { migrate } = services;
    expect(migrate.command).toEqual(['node', '-r', '@swc-node/register', 'scripts/db-migrate.ts']);
    expect(migrate.depends_on).toEqual({ postgres: expect.objectContaining({ condition: 'service_healthy' }) });
    for (const app of PLATFORM_APPS) {
      expect(services[app.name].environment?.DATABASE_URL).toBe(migrate.environment?.DATABASE_URL);
    }
  });

  it('has a health check on every service that keeps running', () => {
    const oneShot = Object.values(services).flatMap((service) =>
      Object.entries(service.depends_on ?? {}).flatMap(([name, { condition }]) =>
        condition === 'service_completed_successfully' ? [name] : [],
      ),
    );
    const unchecked = Object.keys(services).filter((name) => !oneShot.includes(name) && !healthcheckOf(services[name]));
    expect(unchecked).toEqual([]);
  });

  it('pins every image it pulls or builds from, Kafka to the version of the local launcher', () => {
    const pulled = Object.values(services).flatMap((service) => (service.build ? [] : [service.image ?? '']));
    const builtFrom = ['Dockerfile', 'infra/otel/Dockerfile'].flatMap(baseImagesOf);
    expect(builtFrom).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^node:/),
        expect.stringMatching(/^otel\/opentelemetry-collector-contrib:/),
      ]),
    );
    for (const image of [...pulled, ...builtFrom]) expect(image).toMatch(/:\d+(\.\d+)+(-[a-z0-9.-]+)?$/);
    const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(kafkaPomFile, 'utf8'))?.[1];
    expect(services.kafka.image).toBe(`apache/kafka:${kafkaVersion}`);
  });

  it('takes the secrets from the host environment, with clearly local defaults', async () => {
    const declaring = Object.entries(services).flatMap(([name, service]) =>
      SECRETS.filter((secret) => secret in (service.environment ?? {})).map((secret) => [name, secret] as const),
    );
    expect(new Set(declaring.map(([, secret]) => secret))).toEqual(new Set(SECRETS));
    for (const [name, secret] of declaring) expect(services[name].environment?.[secret]).toMatch(/^$|compose-local/);

    const hostSecrets = Object.fromEntries(
      SECRETS.map((secret) => [secret, `host-${secret.toLowerCase()}-`.repeat(3)]),
    );
    const withSecrets = await composeServices(hostSecrets);
    for (const [name, secret] of declaring) expect(withSecrets[name].environment?.[secret]).toBe(hostSecrets[secret]);
  });

  describe('the trace collector', () => {
    it('receives OTLP over HTTP and gRPC and sends traces through memory_limiter and batch to Jaeger', () => {
      const { http, grpc } = collector.receivers.otlp.protocols;
      expect([portOf(http.endpoint), portOf(grpc.endpoint)]).toEqual([4318, 4317]);
      const traces = collector.service.pipelines.traces;
      expect(traces.receivers).toEqual(['otlp']);
      expect(traces.processors[0]).toBe('memory_limiter');
      expect(traces.processors).toContain('batch');
      expect(traces.exporters.length).toBeGreaterThan(0);
      for (const exporter of traces.exporters) expect(collector.exporters[exporter].endpoint).toBe('jaeger:4317');
      expect(services.jaeger.image).toMatch(/^jaegertracing\/jaeger:/);
      expect(services.jaeger.ports).toContainEqual(expect.objectContaining({ target: 16686, published: '16686' }));
      expect(services[collectorService].depends_on).toHaveProperty('jaeger');
    });

    it('runs with this file and a health check on its health_check extension', () => {
      const service = services[collectorService];
      const mount = service.volumes?.find((volume) => volume.source === COLLECTOR_CONFIG);
      expect(service.command).toEqual([`--config=${mount?.target}`]);
      expect(collector.service.extensions).toContain('health_check');
      const healthPort = portOf(collector.extensions.health_check.endpoint);
      expect(healthcheckOf(service)).toContain(`http://127.0.0.1:${healthPort}/`);
    });
  });
});
