/**
 * Launch options for Debian's Chromium (never a downloaded browser). Fails loudly when it is missing, so browser
 * tests can never pass by being skipped.
 */
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

export const chromiumPath = process.env.GLOSSA_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Options for `chromium.launch`; throws when Chromium is not installed. */
export function chromiumLaunchOptions(): LaunchOptions {
  if (!existsSync(chromiumPath))
    throw new Error(
      `Chromium is missing at ${chromiumPath}: install Debian's chromium (apt-get install -y chromium). Browser tests cannot run.`,
    );
  return { executablePath: chromiumPath, args: chromiumArgs };
}
