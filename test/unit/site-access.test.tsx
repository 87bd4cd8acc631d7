// Site access withdrawn by the reader: what the popup tells, what it offers, and the background's
// start-up of the content script in the tabs of a site granted later.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { PopupView } from '../../components/PopupView';
import { ALL_SITES, originsForSite, siteAccess, startInGrantedTabs } from '../../lib/access/site-access';

afterEach(cleanup);

/** permissions.contains over a set of granted patterns (exact, or the all-sites pair) */
function permissions(granted: string[]) {
  const covers = (o: string) => granted.includes(o) || granted.includes(`${o.split('://')[0]}://*/*`);
  return { contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every(covers)) };
}

describe('siteAccess', () => {
  it('an http(s) page on a site not granted: no access, with the patterns that grant that site', async () => {
    expect(await siteAccess('https://news.example/story', permissions([]))).toEqual({
      kind: 'no-access',
      host: 'news.example',
      origins: ['http://news.example/*', 'https://news.example/*'],
    });
    expect(await siteAccess('https://news.example/story', permissions(ALL_SITES))).toEqual({ kind: 'granted' });
    expect(await siteAccess('https://news.example/story', permissions(['https://news.example/*']))).toEqual({ kind: 'granted' });
  });

  it('a browser page is not a web page, whatever the access', async () => {
    for (const url of ['about:addons', 'chrome://extensions/', 'file:///tmp/a.html', 'moz-extension://x/popup.html']) {
      expect(await siteAccess(url, permissions([]))).toEqual({ kind: 'not-web' });
    }
  });

  it('an address the browser hides (no host access, no tabs permission) reads as no access unless all sites are granted', async () => {
    expect(await siteAccess(null, permissions([]))).toEqual({ kind: 'no-access', host: null, origins: null });
    expect(await siteAccess(undefined, permissions(ALL_SITES))).toEqual({ kind: 'not-web' });
  });

  it('originsForSite keeps the host only (no port, no path) and both schemes', () => {
    expect(originsForSite('http://127.0.0.1:8080/a?b')).toEqual(['http://127.0.0.1/*', 'https://127.0.0.1/*']);
    expect(originsForSite('not a url')).toBeNull();
  });
});

describe('startInGrantedTabs', () => {
  it('starts the content script only in tabs of granted web sites that have none running', async () => {
    const query = vi.fn(async () => [{ id: 1 }, { id: 2 }, {}, { id: 3 }]);
    const alive = vi.fn(async (id: number) => id === 2);
    const inject = vi.fn(async (id: number) => {
      if (id === 3) throw new Error('tab closed');
    });
    const started = await startInGrantedTabs(['https://*.wikipedia.org/*', 'https://news.example/*'], { query, alive, inject });
    expect(query).toHaveBeenCalledWith(['https://*.wikipedia.org/*', 'https://news.example/*']);
    expect(inject.mock.calls.map(([id]) => id)).toEqual([1, 3]);
    expect(started).toEqual([1]);
  });

  it('does nothing for grants that are not web sites', async () => {
    const query = vi.fn(async () => [{ id: 1 }]);
    expect(await startInGrantedTabs(undefined, { query, alive: async () => false, inject: async () => undefined })).toEqual([]);
    expect(await startInGrantedTabs(['file:///*'], { query, alive: async () => false, inject: async () => undefined })).toEqual([]);
    expect(query).not.toHaveBeenCalled();
  });
});

describe('popup without a report', () => {
  it('no access: says so and offers this site and all sites', () => {
    const onGrant = vi.fn();
    render(<PopupView state={null} access={{ kind: 'no-access', host: 'news.example', origins: ['http://news.example/*', 'https://news.example/*'] }} onGrantAccess={onGrant} />);
    expect(screen.getByRole('status').textContent).toContain('no access to news.example');
    fireEvent.click(screen.getByRole('button', { name: 'Allow on news.example' }));
    fireEvent.click(screen.getByRole('button', { name: 'Allow on all sites' }));
    expect(onGrant.mock.calls).toEqual([['site'], ['all']]);
  });

  it('no access to a site whose address is hidden: only "all sites"', () => {
    render(<PopupView state={null} access={{ kind: 'no-access', host: null, origins: null }} onGrantAccess={() => undefined} />);
    expect(screen.getByRole('status').textContent).toContain('no access to this site');
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Allow on all sites']);
  });

  it('not a web page, and a page not scanned yet, are told apart from no access', () => {
    const { unmount } = render(<PopupView state={null} access={{ kind: 'not-web' }} />);
    expect(document.querySelector('[data-access]')?.textContent).toMatch(/not a web page/);
    unmount();
    render(<PopupView state={null} access={{ kind: 'granted' }} />);
    expect(document.querySelector('[data-access]')?.textContent).toMatch(/not scanned this tab yet/);
  });

  it('paused wins over the access message', () => {
    render(<PopupView state={null} controls={{ paused: true, siteDisabled: false }} access={{ kind: 'no-access', host: null, origins: null }} />);
    expect(document.querySelector('[data-access]')).toBeNull();
    expect(screen.getByText(/paused everywhere\./)).toBeTruthy();
  });
});
