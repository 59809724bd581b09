import 'reflect-metadata';
import { loadConfig, PlatformEnv } from '@rag/config';
import { AppProcess, ensurePostgres, startApp, startKafkaBroker } from '@rag/infra';
import { PLATFORM_APPS } from './apps';
import { migrateAll } from './db-migrate';

/**
 * `npm start`: PostgreSQL (DATABASE_URL's server, else embedded), a local Kafka broker
 * (reused when one answers on KAFKA_PORT), migrations for every app, then every app.
 * Ctrl-C stops the apps and what this command started.
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

  for (const app of PLATFORM_APPS) {
    const port = Number(process.env[app.portVariable] ?? app.defaultPort);
    const prefix = `[${app.name}] `;
    running.push(
      await startApp(
        app.name,
        {},
        { port, onOutput: (text) => process.stdout.write(text.replace(/^(?=.)/gm, prefix)) },
      ),
    );
  }
  console.log('\nThe platform is up:');
  console.log(`  PostgreSQL  ${new URL(postgres.url).host}${postgres.embedded ? ' (embedded)' : ''}`);
  console.log(`  Kafka       ${kafka.brokers.join(',')}${kafka.owned ? '' : ' (already running)'}`);
  for (const app of running) console.log(`  ${app.name.padEnd(10)}  ${app.url}  (health: ${app.url}/health/ready)`);
  console.log('Ctrl-C stops it.');
}

start().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
