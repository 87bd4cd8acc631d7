// The shared cross-browser bodies (cross-browser.ts) in Chromium. The saved real pages are not repeated
// here: real-pages.test.ts visits all 130 of them in Chromium with stricter instruments.
import { describeCrossBrowser } from './cross-browser';
import { launchChromium } from './driver';

describeCrossBrowser('cross-browser bodies in Chromium', launchChromium, { realPages: 0 });
