const SECRETS = Symbol('secret environment variables');

/**
 * Marks an environment variable as a secret: it must never be logged, echoed in errors or
 * exposed by an endpoint. Validation messages name the variable, never its value.
 */
export function Secret(): PropertyDecorator {
  return (target, property) => {
    const names: string[] = Reflect.getMetadata(SECRETS, target) ?? [];
    Reflect.defineMetadata(SECRETS, [...names, String(property)], target);
  };
}

export function secretVariables(envClass: { prototype: object }): string[] {
  return Reflect.getMetadata(SECRETS, envClass.prototype) ?? [];
}
