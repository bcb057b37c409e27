import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/helpers/chromium.ts';
const browser = await chromium.launch(chromiumLaunchOptions());
for (const doc of ['war-and-peace', 'war-and-peace', 'should-have-known']) {
  const page = await browser.newPage();
  await page.addInitScript(() => localStorage.setItem('glossa.reader', JSON.stringify({ id: 'r-x', name: 'X' })));
  const t0 = Date.now();
  await page.goto('http://127.0.0.1:3222/d/' + doc);
  await page.waitForSelector('.reader-text .para');
  const t1 = Date.now() - t0;
  await page.getByTestId('room-status').filter({ hasText: 'Live' }).waitFor();
  console.log(doc, 'first paragraph', t1, 'ms; live', Date.now() - t0, 'ms');
  await page.close();
}
await browser.close();
