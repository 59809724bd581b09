import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';

/**
 * For specs only. Jest runs code in a VM context where dynamic import() is unavailable, so pdf.js cannot
 * load its in-process worker ("Setting up fake worker failed"); plain Node is unaffected. Call this once
 * (e.g. in beforeAll) before extracting PDFs under jest: it loads the worker shipped next to pdf-parse's
 * CommonJS entry through Node's own loader and hands it to pdf.js through globalThis.pdfjsWorker.
 */
export async function installPdfWorkerForJest(): Promise<void> {
  const scope = globalThis as { pdfjsWorker?: unknown };
  if (scope.pdfjsWorker) return;
  const importOutsideSandbox = vm.runInThisContext('(specifier) => import(specifier)', {
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  }) as (specifier: string) => Promise<unknown>;
  const workerPath = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  scope.pdfjsWorker = await importOutsideSandbox(pathToFileURL(workerPath).href);
}
