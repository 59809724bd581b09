import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { runChromium } from './headless-chromium.testing';
import { renderReportHtml, reportChartNames } from './render-report-html';
import { sampleReport } from './report-sample.testing';
import { METRIC_COLOURS, PAGE_BACKGROUND } from './report-styles';

/** Where a human can look at what the browser drew (`.data/` is git-ignored). */
const ARTIFACTS = join(__dirname, '../../../../.data/test-artifacts');
const ROWS = 25;

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

const WHITE: Rgb = [255, 255, 255];

interface Band {
  top: number;
  bottom: number;
  left: number;
  right: number;
  pixels: number;
}

class Screenshot {
  constructor(private readonly png: PNG) {}

  get width(): number {
    return this.png.width;
  }

  get height(): number {
    return this.png.height;
  }

  is(x: number, y: number, colour: Rgb, tolerance = 2): boolean {
    const i = (y * this.png.width + x) * 4;
    const data = this.png.data;
    return (
      Math.abs(data[i] - colour[0]) <= tolerance &&
      Math.abs(data[i + 1] - colour[1]) <= tolerance &&
      Math.abs(data[i + 2] - colour[2]) <= tolerance
    );
  }

  share(test: (x: number, y: number) => boolean): number {
    let count = 0;
    for (let y = 0; y < this.height; y++) for (let x = 0; x < this.width; x++) if (test(x, y)) count++;
    return count / (this.width * this.height);
  }

  /**
   * The first run of pixel rows, from the top, that contain `colour`, with its bounding box. Bars
   * of one histogram stand on one baseline, so a chart's bars make one run of rows.
   */
  firstBand(colour: Rgb): Band | null {
    let band: Band | null = null;
    for (let y = 0; y < this.height; y++) {
      let inRow = 0;
      for (let x = 0; x < this.width; x++) {
        if (!this.is(x, y, colour)) continue;
        inRow++;
        if (band) {
          band.left = Math.min(band.left, x);
          band.right = Math.max(band.right, x);
        } else band = { top: y, bottom: y, left: x, right: x, pixels: 0 };
      }
      if (inRow === 0 && band) return band;
      if (band) {
        band.bottom = y;
        band.pixels += inRow;
      }
    }
    return band;
  }
}

describe('evaluation report in a real browser', () => {
  const report = sampleReport(ROWS);
  let workDir: string;
  let htmlFile: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'report-render-'));
    htmlFile = join(workDir, 'report.html');
    await writeFile(htmlFile, renderReportHtml(report));
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('draws the page and its charts: the screenshot is not blank', async () => {
    const screenshotFile = join(workDir, 'report.png');
    await runChromium(workDir, `file://${htmlFile}`, [`--screenshot=${screenshotFile}`]);
    await copyFile(screenshotFile, join(ARTIFACTS, `evaluation-report-${ROWS}.png`));
    await copyFile(htmlFile, join(ARTIFACTS, `evaluation-report-${ROWS}.html`));
    const shot = new Screenshot(PNG.sync.read(await readFile(screenshotFile)));
    expect([shot.width, shot.height]).toEqual([1280, 2400]);

    const background = rgb(PAGE_BACKGROUND);
    // Most of the page is cards, charts and table, not bare background...
    expect(shot.share((x, y) => !shot.is(x, y, background))).toBeGreaterThan(0.5);
    // ...and a good part of it is ink: text, bars, tints, the dark header (neither background nor white).
    expect(shot.share((x, y) => !shot.is(x, y, background) && !shot.is(x, y, WHITE))).toBeGreaterThan(0.1);

    // The first chart (the faithfulness histogram, top left under the cards) has its bars in its colour.
    const bars = shot.firstBand(rgb(METRIC_COLOURS.faithfulness));
    expect(bars).not.toBeNull();
    const band = bars as Band;
    expect(band.pixels).toBeGreaterThan(500);
    expect(band.top).toBeGreaterThan(200); // below the header and the cards
    expect(band.bottom - band.top).toBeLessThan(200); // one chart high
    expect(band.left).toBeLessThan(shot.width / 3); // in the left column
    expect(band.right - band.left).toBeLessThan(shot.width / 3); // one column wide
  });

  it('has every chart in the DOM the browser built', async () => {
    const { stdout } = await runChromium(workDir, `file://${htmlFile}`, ['--dump-dom']);
    const charts = [...stdout.matchAll(/<svg\b[^>]*\sdata-chart="([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(reportChartNames(report.rows));
    expect(charts).toHaveLength(8);
    expect(stdout.match(/<tr id="q-\d+"/g)).toHaveLength(ROWS);
    expect(stdout).not.toMatch(/<script/i);
  });
});
