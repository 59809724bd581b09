import { createDataSource } from '@rag/database';
import { DataSource } from 'typeorm';
import { PLATFORM_APPS, PlatformApp } from '../apps';
import { errorText } from './format';
import { OpsEnv } from './ops.env';

export type AppReading<T> = { app: string; ok: true; value: T } | { app: string; ok: false; error: string };

/** Opens `app`'s own database (the one the app itself uses), runs `read`, closes it. */
export async function withAppDatabase<T>(
  env: OpsEnv,
  app: PlatformApp,
  read: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  if (!app.database) throw new Error(`${app.name} has no database`);
  const dataSource = createDataSource(app.database, { ...env, DB_POOL_SIZE: 1 });
  await dataSource.initialize();
  try {
    return await read(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** `read` on every app that has a database; one that cannot be read is reported, not fatal. */
export function readEveryAppDatabase<T>(
  env: OpsEnv,
  read: (dataSource: DataSource, app: PlatformApp) => Promise<T>,
): Promise<AppReading<T>[]> {
  const apps = PLATFORM_APPS.filter((app) => app.database);
  return Promise.all(
    apps.map(async (app): Promise<AppReading<T>> => {
      try {
        return { app: app.name, ok: true, value: await withAppDatabase(env, app, (db) => read(db, app)) };
      } catch (error) {
        return { app: app.name, ok: false, error: errorText(error) };
      }
    }),
  );
}

export function findApp(name: string): PlatformApp {
  const app = PLATFORM_APPS.find((candidate) => candidate.name === name);
  if (!app) throw new Error(`no platform app named ${name}`);
  return app;
}
