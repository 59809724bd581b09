import { AppProcess, startApp } from '@rag/infra';
import { PLATFORM_APPS, PlatformApp } from './apps';

export interface PlatformOptions {
  /** The port of an app; a free one when undefined. */
  port?: (app: PlatformApp) => number | undefined;
  /** Environment of an app, on top of where the apps started before it listen. */
  env?: (app: PlatformApp) => Record<string, string>;
  onOutput?: (app: PlatformApp, text: string) => void;
}

/**
 * Starts every app in PLATFORM_APPS order; each learns where the ones before it listen
 * (`<NAME>_URL`), so the gateway, started last, knows them all. `npm start`, the fault suite
 * and the load benchmark run the platform this way.
 */
export async function startPlatformApps(options: PlatformOptions = {}): Promise<AppProcess[]> {
  const running: AppProcess[] = [];
  const urls: Record<string, string> = {};
  try {
    for (const app of PLATFORM_APPS) {
      const started = await startApp(
        app.name,
        { ...urls, ...options.env?.(app) },
        {
          port: options.port?.(app),
          onOutput: options.onOutput && ((text) => options.onOutput!(app, text)),
        },
      );
      running.push(started);
      urls[`${app.name.toUpperCase()}_URL`] = started.url;
    }
    return running;
  } catch (error) {
    await Promise.all(running.map((app) => app.stop()));
    throw error;
  }
}
