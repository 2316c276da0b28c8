#!/usr/bin/env node
// Renders the PWA's PNG icons from public/icons/icon.svg with the local Chromium:
// `node apps/web/scripts/generate-icons.mjs`. The maskable icon keeps the mark inside the
// central 80 % safe zone on a full-bleed background, as launchers crop it to any shape.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const icons = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../public/icons');
const svg = readFileSync(path.join(icons, 'icon.svg'), 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const { file, size, maskable } of [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
]) {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable ? Math.round(size * 0.8) : size;
  await page.setContent(`<html><body style="margin:0;width:${size}px;height:${size}px;display:flex;align-items:center;justify-content:center;background:${maskable ? '#1c7ed6' : 'transparent'}"><img src="${dataUrl}" width="${inner}" height="${inner}"></body></html>`);
  await page.screenshot({ path: path.join(icons, file), omitBackground: !maskable });
  console.log(`wrote ${file}`);
}
await browser.close();
