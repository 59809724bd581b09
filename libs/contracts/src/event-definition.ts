import { ClassConstructor } from 'class-transformer';

/** A versioned event type: its name, owning topic, the resource it is about and its data shape. */
export interface EventDefinition<TData extends object> {
  readonly type: string;
  readonly version: number;
  readonly source: string;
  readonly resourceType: string;
  readonly data: ClassConstructor<TData>;
}

const registry = new Map<string, EventDefinition<object>>();

export function defineEvent<TData extends object>(definition: EventDefinition<TData>): EventDefinition<TData> {
  if (registry.has(definition.type)) throw new Error(`event type ${definition.type} is defined twice`);
  registry.set(definition.type, definition as EventDefinition<object>);
  return definition;
}

export function findEventDefinition(type: string): EventDefinition<object> | undefined {
  return registry.get(type);
}

export type EventData<D> = D extends EventDefinition<infer T> ? T : never;
