// Accessibility check of the built pages with axe-core in headless Chromium.
//
//   node scripts/check-pages.js FEED_DIR [SCREENSHOT_DIR]
//
// Every HTML page in FEED_DIR (the index, each episode page, each plain transcript) is
// loaded at 390 px (a phone) and 1280 px wide, in the light and the dark colour scheme, and
// checked with axe-core (WCAG 2.x A and AA rules, and best practices); any violation fails
// the run. With SCREENSHOT_DIR, a full-page screenshot of each view is saved there.
// Needs: Debian chromium; npm playwright-core and axe-core (on NODE_PATH).
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

async function main() {
  const [dir, shots] = process.argv.slice(2);
  if (!dir) throw new Error('usage: check-pages.js FEED_DIR [SCREENSHOT_DIR]');
  if (shots) fs.mkdirSync(shots, { recursive: true });
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let failures = 0;
  for (const file of pages) {
    for (const width of [390, 1280]) {
      for (const scheme of ['light', 'dark']) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        // Media are not fetched: the check is of the page, not the audio.
        await page.route('**/*.{mp3,vtt,srt}', (r) => r.abort());
        await page.goto('file://' + path.resolve(dir, file));
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(async () =>
          await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
        const label = `${file} at ${width} px, ${scheme}`;
        if (result.violations.length) {
          failures += result.violations.length;
          for (const v of result.violations) {
            console.log(`FAIL ${label}: ${v.id} (${v.impact}): ${v.help}`);
            for (const n of v.nodes.slice(0, 3)) console.log(`     ${n.target.join(' ')}: ${n.failureSummary.split('\n').join(' ')}`);
          }
        } else {
          console.log(`ok   ${label}: 0 axe-core violations (${result.passes.length} rules passed)`);
        }
        if (shots) await page.screenshot({ path: path.join(shots, `${file.replace(/\.html$/, '')}-${width}-${scheme}.png`), fullPage: true });
        await context.close();
      }
    }
  }
  await browser.close();
  if (failures) { console.log(`${failures} violation(s)`); process.exit(1); }
  console.log('all pages passed axe-core');
}
main().catch((e) => { console.error(e); process.exit(1); });
