import { dirname, join } from 'node:path';
import { PlatformEnv } from '@rag/config';
import { PLATFORM_APPS, type PlatformApp } from '../../../scripts/apps';
import { repoRoot } from '../../src/paths';

export type EnvClass = new () => PlatformEnv;

/** The class main.ts validates the app's environment with: `<name>.env.ts` beside it, by convention. */
export async function envClassOf(app: PlatformApp): Promise<EnvClass> {
  const exported = (await import(join(repoRoot, dirname(app.main), `${app.name}.env`))) as Record<string, unknown>;
  const classes = Object.values(exported).filter(
    (value): value is EnvClass => typeof value === 'function' && value.prototype instanceof PlatformEnv,
  );
  if (classes.length !== 1) throw new Error(`${app.name}.env.ts must export one env class`);
  return classes[0];
}

/** Variables such as IDENTITY_URL that the class declares, with the app each one names. */
export function calledApps(envClass: EnvClass): { variable: string; app: PlatformApp }[] {
  return Object.keys(new envClass()).flatMap((variable) => {
    const name = /^([A-Z]+)_URL$/.exec(variable)?.[1].toLowerCase();
    const app = PLATFORM_APPS.find((candidate) => candidate.name === name);
    return app ? [{ variable, app }] : [];
  });
}
