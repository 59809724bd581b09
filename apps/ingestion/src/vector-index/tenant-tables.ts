import { connect, Connection, Table } from '@lancedb/lancedb';
import { annIndexOf, isTableNotFound, tableDimensions, vectorTableSchema } from './vector-table';

export interface TenantTablesOptions {
  uri: string;
  storageOptions?: Record<string, string>;
  dimensions: number;
  /** How late, in seconds, another process's writes may show; 0 checks on every read. */
  readConsistencySeconds: number;
}

/**
 * The LanceDB connection and the tenant tables opened on it, cached: each checked for its vector
 * width and its ANN index warmed once, when opened.
 */
export class TenantTables {
  private connection?: Promise<Connection>;
  private readonly tables = new Map<string, Table>();

  constructor(private readonly options: TenantTablesOptions) {}

  /** The table, or undefined when it does not exist (nothing is created). */
  async find(name: string): Promise<Table | undefined> {
    return this.tables.get(name) ?? this.open(name, false);
  }

  async findOrCreate(name: string): Promise<Table> {
    return (this.tables.get(name) ?? (await this.open(name, true))) as Table;
  }

  /** Reopen on next use; the handle is left to the GC, as a concurrent search may still use it. */
  forget(name: string): void {
    this.tables.delete(name);
  }

  async drop(name: string): Promise<void> {
    this.forget(name);
    try {
      await (await this.db()).dropTable(name);
    } catch (error) {
      if (!isTableNotFound(error)) throw error;
    }
  }

  /** Every table in the store (of every tenant and model). */
  async names(): Promise<string[]> {
    return (await this.db()).tableNames();
  }

  async close(): Promise<void> {
    for (const table of this.tables.values()) table.close();
    this.tables.clear();
    const connection = await this.connection?.catch(() => undefined);
    this.connection = undefined;
    connection?.close();
  }

  private async open(name: string, create: boolean): Promise<Table | undefined> {
    const db = await this.db();
    let table = await db.openTable(name).catch((error: unknown) => {
      if (isTableNotFound(error)) return undefined;
      throw error;
    });
    if (!table && create) {
      table = await db.createEmptyTable(name, vectorTableSchema(this.options.dimensions), { existOk: true });
    }
    if (!table) return undefined;
    try {
      await this.prepare(name, table);
    } catch (error) {
      table.close();
      throw error;
    }
    const raced = this.tables.get(name);
    if (raced) {
      table.close();
      return raced;
    }
    this.tables.set(name, table);
    return table;
  }

  private async prepare(name: string, table: Table): Promise<void> {
    const dimensions = await tableDimensions(table);
    if (dimensions !== this.options.dimensions) {
      throw new Error(
        `${name} holds ${dimensions}-dimension vectors, not ${this.options.dimensions}: re-embed into a new table`,
      );
    }
    const index = await annIndexOf(table);
    if (index) await table.prewarmIndex(index.name);
  }

  private db(): Promise<Connection> {
    this.connection ??= connect(this.options.uri, {
      storageOptions: this.options.storageOptions,
      readConsistencyInterval: this.options.readConsistencySeconds,
    }).catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }
}
