import 'reflect-metadata';
import { loadConfig, PlatformEnv } from '@rag/config';
import { AppProcess, ensurePostgres, startKafkaBroker } from '@rag/infra';
import { migrateAll } from './db-migrate';
import { localSystemKey, seedDemoTenant } from './demo-tenant';
import { startPlatformApps } from './platform';

/**
 * `npm start`: PostgreSQL (DATABASE_URL's server, else embedded), a local Kafka broker
 * (reused when one answers on KAFKA_PORT), migrations for every app, then every app, then
 * the demo tenant (through the gateway, with the system key). Ctrl-C stops the apps and what
 * this command started.
 */
async function start(): Promise<void> {
  const postgres = await ensurePostgres();
  const kafka = await startKafkaBroker({ port: Number(process.env.KAFKA_PORT ?? 9092) });
  Object.assign(process.env, { DATABASE_URL: postgres.url, KAFKA_BROKERS: kafka.brokers.join(',') });
  const env = loadConfig(PlatformEnv);
  await migrateAll(env);

  const running: AppProcess[] = [];
  const stopAll = async () => {
    await Promise.all(running.map((app) => app.stop()));
    await kafka.stop();
    await postgres.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stopAll());
  process.once('SIGTERM', () => void stopAll());

  const systemKey = await localSystemKey();
  running.push(
    ...(await startPlatformApps({
      port: (app) => Number(process.env[app.portVariable] ?? app.defaultPort),
      env: (app): Record<string, string> => (app.name === 'identity' ? { SYSTEM_ADMIN_KEY: systemKey } : {}),
      onOutput: (app, text) => process.stdout.write(text.replace(/^(?=.)/gm, `[${app.name}] `)),
    })),
  );
  const gateway = running.find((app) => app.name === 'gateway')!;
  const demo = await seedDemoTenant(gateway.url, systemKey);
  console.log('\nThe platform is up:');
  console.log(`  PostgreSQL  ${new URL(postgres.url).host}${postgres.embedded ? ' (embedded)' : ''}`);
  console.log(`  Kafka       ${kafka.brokers.join(',')}${kafka.owned ? '' : ' (already running)'}`);
  for (const app of running) console.log(`  ${app.name.padEnd(10)}  ${app.url}  (health: ${app.url}/health/ready)`);
  console.log(`\nAPI:  ${gateway.url}/v1  (OpenAPI: ${gateway.url}/docs)`);
  console.log(
    `Demo tenant "${demo.name}" (${demo.tenantId})${demo.created ? '' : ', from an earlier start'}; its admin key:`,
  );
  console.log(`  ${demo.adminKey}`);
  console.log(`  try: curl -H 'Authorization: Bearer ${demo.adminKey}' ${gateway.url}/v1/usage`);
  console.log(`System key: ${process.env.SYSTEM_ADMIN_KEY ? 'SYSTEM_ADMIN_KEY' : 'in .data/system-admin-key'}.`);
  console.log('Ctrl-C stops it.');
}

start().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
