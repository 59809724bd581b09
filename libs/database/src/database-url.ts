const DATABASE_NAME = /^[a-z_][a-z0-9_]*$/;

export function databaseNameFor(prefix: string, app: string): string {
  const name = `${prefix}${app}`.replace(/-/g, '_');
  if (!DATABASE_NAME.test(name)) throw new Error(`invalid database name "${name}"`);
  return name;
}

/** The server URL with its path replaced by `database`. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
