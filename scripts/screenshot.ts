// Takes a screenshot of a running Glossa page in Debian's Chromium: `node --import tsx scripts/screenshot.ts URL OUT.png`.
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../tests/helpers/chromium.ts';

const [url, out] = process.argv.slice(2);
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
await page.addInitScript(() => localStorage.setItem('glossa.reader', JSON.stringify({ id: 'r-shot', name: 'Ada' })));
await page.goto(url);
await page.waitForTimeout(1500);
await page.screenshot({ path: out });
await browser.close();
