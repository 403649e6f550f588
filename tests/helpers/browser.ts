// A real browser for the tests: Debian's Chromium driven by playwright-core (see src/render/chromium.ts), and the
// site served with the strict CSP header (src/site/static-server.ts).
export { launchChromium as launch, CHROMIUM } from '../../src/render/chromium.ts';
export { CSP, serveStatic as serve } from '../../src/site/static-server.ts';
