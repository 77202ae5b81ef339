// Renders assets/icon.svg to the extension's PNG icons via headless Chromium.
import { readFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const sizes = [16, 32, 48, 96, 128];
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

const svg = await readFile(`${root}assets/icon.svg`);
const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
await mkdir(`${root}public/icons`, { recursive: true });

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  for (const size of sizes) {
    // deviceScaleFactor 1 so the screenshot is exactly size x size pixels.
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` +
        `<img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.waitForFunction(() => document.images[0].complete);
    const path = `${root}public/icons/icon-${size}.png`;
    await page.screenshot({ path, omitBackground: true });
    await page.close();
    console.log(`wrote public/icons/icon-${size}.png (${size}x${size})`);
  }
} finally {
  await browser.close();
}
