import 'reflect-metadata';
import { loadConfig, PlatformEnv } from '@rag/config';
import { migrateAppDatabase } from '@rag/database';
import { PLATFORM_APPS } from './apps';

/** `npm run db:migrate`: creates and migrates every app's database on DATABASE_URL's server. */
export async function migrateAll(env: PlatformEnv = loadConfig(PlatformEnv)): Promise<void> {
  for (const app of PLATFORM_APPS) {
    if (!app.database) continue;
    const applied = await migrateAppDatabase(app.database, env);
    console.log(`${app.name}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}`);
  }
}

if (require.main === module) {
  migrateAll().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
