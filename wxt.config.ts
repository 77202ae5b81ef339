import { defineConfig } from 'wxt';
import { popupChunkGroups } from './scripts/popup-chunks';
import { startChunks, startFromPainter } from './scripts/popup-html';

// The Firefox add-on id is fixed so that storage (and IndexedDB) survive reinstalls and so that
// tests can pin the moz-extension:// UUID.
export const GECKO_ID = 'repay-companion@example.org';

const ICONS = {
  16: 'icons/icon-16.png',
  32: 'icons/icon-32.png',
  48: 'icons/icon-48.png',
  96: 'icons/icon-96.png',
  128: 'icons/icon-128.png',
};

// Screenshot of the lender's page into the chat notes (lib/evidence). Chrome gives a suggested key
// to at most 4 commands: with open-side-panel this makes 2.
const CAPTURE_EVIDENCE_COMMAND = {
  suggested_key: { default: 'Alt+Shift+S' },
  description: '__MSG_commandCaptureEvidence__',
};

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  // A separate output folder lets two builds (and their E2E runs) proceed side by side.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    icons: ICONS,
    action: { default_title: '__MSG_extActionTitle__', default_icon: ICONS },
    // storage: settings; alarms + notifications: reminders; unlimitedStorage: evidence images
    // (screenshots) must not hit the default quota or be evicted. activeTab + scripting: the script
    // tab's "Insert" writes a line into the lender's chat box, in the tab the user opened the panel
    // from. No host permission at install: a site (or a chat frame from another site) is asked for
    // once, at the moment of use, through optional_host_permissions; so is the WebDAV server the
    // vault syncs with (lib/browser/host-permission.ts: https, or plain http to 127.0.0.1 and
    // localhost only, which `http://*/*` covers). contextMenus (with activeTab):
    // "Save a screenshot / selected text to the chat notes" on the lender's page; a click on the item
    // (or the capture-evidence shortcut) is what lets captureVisibleTab run, no host permission needed.
    // offscreen (Chrome): sync and the calendar push run in an offscreen document, outside the
    // service worker (lib/browser/offscreen.ts).
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'activeTab', 'scripting', 'contextMenus', ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen'])],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    commands:
      browser === 'firefox'
        ? {
            _execute_sidebar_action: {
              suggested_key: { default: 'Alt+Shift+Y' },
              description: '__MSG_commandOpenPanel__',
            },
            'capture-evidence': CAPTURE_EVIDENCE_COMMAND,
          }
        : {
            'open-side-panel': {
              suggested_key: { default: 'Alt+Shift+Y' },
              description: '__MSG_commandOpenPanel__',
            },
            'capture-evidence': CAPTURE_EVIDENCE_COMMAND,
          },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  webExt: { disabled: true },
  // The polyfill adds <link rel="modulepreload"> support to browsers without it; Chrome and Firefox
  // (115+) have it, so it would only add bytes to every page's first load.
  vite: () => ({
    build: { modulePreload: { polyfill: false } },
    plugins: [
      {
        // The popup's module tags move onto its painter's tag, which starts them once it has painted (scripts/popup-html.ts).
        name: 'popup-starts-from-painter',
        apply: 'build',
        transformIndexHtml: {
          order: 'post',
          handler(html, ctx) {
            if (!ctx.bundle || !ctx.chunk || !/[\\/]entrypoints[\\/]popup[\\/]index\.html$/.test(ctx.filename)) return html;
            return startFromPainter(html, startChunks(ctx.chunk.fileName, ctx.bundle));
          },
        },
      },
    ],
  }),
  hooks: {
    // The popup's start code in a few chunks instead of a dozen (scripts/popup-chunks.ts).
    'vite:build:extendConfig': (entries, config) => {
      if (!entries.some((entry) => entry.type === 'popup')) return;
      config.build ??= {};
      config.build.rolldownOptions ??= {};
      const output = config.build.rolldownOptions.output;
      if (Array.isArray(output)) throw new Error('The pages build has several outputs: scripts/popup-chunks.ts expects one.');
      config.build.rolldownOptions.output = { ...output, codeSplitting: { groups: popupChunkGroups() } };
    },
  },
});
