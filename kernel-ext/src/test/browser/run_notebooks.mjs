// Opens notebooks in JupyterLab with headless Chromium, runs all their cells as a person would
// (Run > Run All Cells), and saves screenshots: while the first run cell is busy, and of every
// output once the notebook is done. Prints one JSON line with what it saw.
//
// usage: node run_notebooks.mjs CHROMIUM LAB_URL TOKEN OUT_DIR NOTEBOOK_PATH...
//   LAB_URL like http://127.0.0.1:8888, NOTEBOOK_PATH relative to the server's root directory.
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const [chromium, lab, token, out, ...notebooks] = process.argv.slice(2);
mkdirSync(out, { recursive: true });

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  defaultViewport: { width: 1280, height: 1000 },
  protocolTimeout: 600_000,
});
const seen = [];
try {
  for (const notebook of notebooks) {
    seen.push(await runNotebook(notebook));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(seen));

async function runNotebook(path) {
  const name = basename(path, '.ipynb');
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // a workspace of its own, reset: no tab of an earlier notebook comes back
  await page.goto(`${lab}/lab/workspaces/${name}/tree/${path}?reset&token=${token}`,
    { waitUntil: 'domcontentloaded', timeout: 120_000 });
  // JupyterLab exposes itself as window.jupyterapp (the server runs with expose_app_in_browser).
  // Wait for the kernel's connection (its status may read "unknown" until it first reports one).
  await page.waitForFunction(() => {
    const app = window.jupyterapp;
    const panel = app && app.shell.currentWidget;
    const ctx = panel && panel.sessionContext;
    const kernel = ctx && ctx.session && ctx.session.kernel;
    return kernel && kernel.connectionStatus === 'connected' && ctx.isReady && panel.context.isReady
      && panel.content && panel.content.widgets.length > 0;
  }, { timeout: 120_000, polling: 200 });
  const statusAtOpen = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status);
  const kernelName = await page.evaluate(() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
  const started = Date.now();
  // started, not awaited: the command's promise ends with the last cell
  await page.evaluate(() => {
    const app = window.jupyterapp;
    app.shell.activateById(app.shell.currentWidget.id);
    void app.commands.execute('notebook:run-all-cells');
  });

  // While the first cell with a live table runs: its status line every half second for up to
  // 6 s (or until it is done), with pictures at about 1, 2 and 3 s into that cell.
  const running = [];
  try {
    await page.waitForFunction(() => window.jupyterapp.shell.currentWidget.node.querySelector('.rivulet-live') !== null,
      { timeout: 120_000, polling: 50 });
    const liveSince = Date.now();
    for (let at = 500; at <= 6000; at += 500) {
      const wait = liveSince + at - Date.now();
      if (wait > 0) {
        await new Promise((r) => setTimeout(r, wait));
      }
      const status = await page.evaluate(() => {
        const live = window.jupyterapp.shell.currentWidget.node.querySelector('.rivulet-live');
        live.scrollIntoView({ block: 'center' });
        return live.innerText.split('\n')[0];
      });
      const sample = { at, status };
      if (at % 1000 === 0 && at <= 3000) {
        sample.file = join(out, `${name}-running-${at / 1000}s.png`);
        await page.screenshot({ path: sample.file });
        // the running cell alone (its code and live table): a small picture for the manual
        const cell = await page.evaluateHandle(() => window.jupyterapp.shell.currentWidget.node
          .querySelector('.rivulet-live').closest('.jp-Cell'));
        sample.cellFile = join(out, `${name}-running-${at / 1000}s-cell.png`);
        await cell.asElement().screenshot({ path: sample.cellFile });
      }
      running.push(sample);
      if (!status.includes(': running') && !status.includes(': starting')) {
        break;
      }
    }
  } catch (e) {
    running.push({ error: String(e) });
  }

  // Done: the kernel is idle and no cell is running or queued ("[*]"); after a failing cell
  // Jupyter leaves the rest unrun, which the report below shows as cells without outputs.
  await page.waitForFunction(() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const kernel = panel.sessionContext.session.kernel;
    const cells = panel.content.widgets;
    const busy = cells.some((c) => c.model.type === 'code' && c.promptNode && c.promptNode.textContent.includes('*'));
    const ran = cells.some((c) => c.model.type === 'code' && c.model.executionCount !== null);
    return kernel.status === 'idle' && ran && !busy;
  }, { timeout: 300_000, polling: 250 });
  const seconds = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 500)); // the last display updates paint

  // One picture per code cell with output, scrolled into view, and one of the top.
  const cells = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets.length);
  const shots = [];
  await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.widgets[0].node.scrollIntoView());
  shots.push(join(out, `${name}-top.png`));
  await page.screenshot({ path: shots[shots.length - 1] });
  const report = [];
  for (let i = 0; i < cells; i++) {
    const cell = await page.evaluate((index) => {
      const widget = window.jupyterapp.shell.currentWidget.content.widgets[index];
      if (widget.model.type !== 'code') {
        return null;
      }
      widget.node.scrollIntoView({ block: 'start' });
      const outputs = [...widget.node.querySelectorAll('.jp-OutputArea-output')];
      return {
        index,
        source: widget.model.sharedModel.getSource().split('\n')[0],
        executionCount: widget.model.executionCount,
        outputs: outputs.length,
        stderr: widget.node.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]').length,
        errors: widget.node.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"],'
          + ' .jp-RenderedText[data-mime-type="application/vnd.jupyter.error"]').length,
        images: widget.node.querySelectorAll('.jp-RenderedSVG, .jp-RenderedImage, .jp-OutputArea-output img, .jp-OutputArea-output svg').length,
        text: outputs.map((o) => o.innerText).join('\n').slice(0, 400),
      };
    }, i);
    if (cell === null) {
      continue;
    }
    if (cell.outputs > 0) {
      await new Promise((r) => setTimeout(r, 150));
      const file = join(out, `${name}-cell-${String(i).padStart(2, '0')}.png`);
      await page.screenshot({ path: file });
      cell.file = file;
    }
    report.push(cell);
  }
  await page.close();
  return { notebook: path, kernel: kernelName, statusAtOpen, seconds, running, cells: report, shots, consoleErrors };
}
