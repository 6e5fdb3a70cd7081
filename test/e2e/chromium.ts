/**
 * Where the end-to-end suites find Chromium (Debian's package), and the flags they launch it with.
 */
import { accessSync, constants } from 'node:fs';

/** The browser every end-to-end suite drives. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, sandbox-free (containers), and quiet: no network beyond the page. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why Chromium cannot run here, or null when it can. */
export function chromiumMissing(): string | null {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch {
    return `${CHROMIUM} not found (install Debian's chromium package, as scripts/ci-services.sh does)`;
  }
}
