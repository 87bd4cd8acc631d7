import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// BACKSTORY_OUT lets parallel builds (tests, bench, demo) use separate output folders.
export default defineConfig({
  outDir: process.env.BACKSTORY_OUT ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // `npm run zip`: the store zips, and for addons.mozilla.org the sources its reviewers rebuild the
  // Firefox zip from (`npm ci && npm run build:firefox`): build inputs only, not tests or tools.
  zip: {
    excludeSources: [
      'test/**',
      'scripts/**',
      'demo-output/**',
      'bench-output/**',
      'assets/screenshots/**',
      '.ci/**',
      '.github/**',
      '*.log',
    ],
  },
  hooks: {
    // The content script goes without webextension-polyfill (about 3 KB gzipped on every page): Chromium's
    // and Firefox's MV3 APIs return promises there, which is all it uses. Other pages keep it.
    'vite:build:extendConfig': (entrypoints, config) => {
      // The card UI's styles reach its shadow root inline (card.css?inline); the stylesheet Vite also
      // extracts from what its components import (claim-list.css) is loaded by nothing: not shipped.
      if (entrypoints.length === 1 && entrypoints[0].name === 'card-ui') {
        (config.plugins ??= []).push({
          name: 'backstory:card-ui-no-css',
          enforce: 'post',
          generateBundle(_options, bundle) {
            for (const file of Object.keys(bundle)) if (file.endsWith('.css')) delete bundle[file];
          },
        });
      }
      if (!entrypoints.some((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) {
        config.resolve!.alias = alias.filter((a: { find: unknown }) => a.find !== 'wxt/browser');
      } else if (alias && 'wxt/browser' in alias) {
        delete (alias as Record<string, string>)['wxt/browser'];
      }
    },
  },
  vite: () => ({
    plugins: [preact()],
    // BACKSTORY_NO_MINIFY=1: readable function names in CPU profiles (scripts/bench/_profile-extension.ts)
    ...(process.env.BACKSTORY_NO_MINIFY ? { build: { minify: false } } : {}),
  }),
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'The context behind the names in AI news: models, labs and people, with dated, sourced facts and the claims each article makes.',
    // scripting: start the content script in open tabs of a site the reader grants access to later;
    // activeTab: the popup opened from the toolbar sees the tab's address (to offer access to that site)
    permissions: ['storage', 'contextMenus', 'scripting', 'activeTab'],
    // The content script's sites, declared as host permissions too: Chromium lets scripting.executeScript
    // (and tab addresses) use only these, not content-script matches. The same access, the same warning.
    host_permissions: ['http://*/*', 'https://*/*'],
    // Asked for only when the reader turns live context on (lib/live/permissions.ts).
    optional_host_permissions: ['https://*.wikipedia.org/*', 'https://www.wikidata.org/*', 'https://upload.wikimedia.org/*'],
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Go to the next highlighted name and open its card',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Go to the previous highlighted name and open its card',
      },
      'save-selection': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the selected text to Backstory',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'backstory@backstory.example',
              strict_min_version: '140.0',
              // Nothing is sent by default. The opt-in live context sends the names of entities found on
              // the pages the user reads (never the page URL or text) to Wikipedia/Wikidata.
              data_collection_permissions: { required: ['none'], optional: ['websiteContent'] },
            },
          },
        }
      : {}),
  }),
});
