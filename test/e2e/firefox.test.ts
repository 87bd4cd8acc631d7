// Backstory's Firefox build (.output/firefox-mv3) in Debian's Firefox ESR, headless over WebDriver BiDi
// (puppeteer-core): the shared cross-browser bodies, 20 saved real pages, and a control that shows the
// error instrument catches a content script's errors in Firefox.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, SAMPLES_DIR } from './harness';
import { describeCrossBrowser } from './cross-browser';
import { launchFirefox } from './driver';

describe('Firefox: the error instrument (control)', () => {
  it('catches console.error, an uncaught throw and an unhandled rejection of a content script', async () => {
    // a tiny extension that misbehaves: without this, "0 errors" in Firefox could mean "not looking"
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backstory-ff-canary-'));
    const id = 'canary@backstory.example';
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'canary',
        version: '1.0',
        browser_specific_settings: { gecko: { id } },
        content_scripts: [{ matches: ['http://*/*'], js: ['content.js'], run_at: 'document_idle' }],
      }),
    );
    fs.writeFileSync(
      path.join(dir, 'content.js'),
      `console.error('canary console error');
       Promise.reject(new Error('canary rejection'));
       setTimeout(() => { throw new Error('canary throw'); }, 0);
       // the bug this suite was written for: a WebIDL method called unbound
       const ric = window.requestIdleCallback; setTimeout(() => ric(() => {}), 0);`,
    );
    const server = await serve([SAMPLES_DIR]);
    const browser = await launchFirefox({ extensionDir: dir, uuidFor: id });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/deepseek-r1.html`);
      await new Promise((r) => setTimeout(r, 1500));
      const ours = page.errors.join('\n');
      expect(ours).toContain('canary console error');
      expect(ours).toContain('canary throw');
      expect(ours).toContain('does not implement interface Window');
      // Firefox reports an unhandled rejection without a stack: seen, but not attributable
      expect(page.otherErrors.join('\n')).toContain('canary rejection');
    } finally {
      await browser.close();
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeCrossBrowser('cross-browser bodies in Firefox', launchFirefox, { realPages: 20 });
