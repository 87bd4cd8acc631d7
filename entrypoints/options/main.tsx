import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { MANAGER_TABS, ManagerView, type ManagerTab } from '../../components/ManagerView';
import type { DownloadFile } from '../../components/manager-shared';
import { askBackground } from '../../lib/messaging/client';
import './manager.css';
import '../../components/dossier.css';

function tabFromHash(): ManagerTab {
  const key = location.hash.replace(/^#/, '').split('/')[0];
  return MANAGER_TABS.some((t) => t.key === key) ? (key as ManagerTab) : 'saved';
}

/** `#dossier/deepseek` → 'deepseek' */
function paramFromHash(): string | null {
  const rest = location.hash.replace(/^#/, '').split('/')[1];
  return rest ? decodeURIComponent(rest) : null;
}

/** Saves a file through the browser's download flow (an object URL on a temporary link). */
function download(file: DownloadFile) {
  const url = URL.createObjectURL(new Blob([file.content], { type: `${file.mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function App() {
  const [tab, setTab] = useState<ManagerTab>(tabFromHash());
  const [param, setParam] = useState<string | null>(paramFromHash());
  useEffect(() => {
    const onHash = () => {
      setTab(tabFromHash());
      setParam(paramFromHash());
    };
    addEventListener('hashchange', onHash);
    addEventListener('popstate', onHash);
    return () => {
      removeEventListener('hashchange', onHash);
      removeEventListener('popstate', onHash);
    };
  }, []);
  useEffect(() => {
    document.title = `${MANAGER_TABS.find((t) => t.key === tab)!.label} — Backstory`;
  }, [tab]);
  return (
    <ManagerView
      ask={askBackground}
      tab={tab}
      param={param}
      onTab={(next, nextParam) => {
        // a dossier is a place to come back to: its address goes into history
        const hash = `#${next}${nextParam ? `/${encodeURIComponent(nextParam)}` : ''}`;
        if (nextParam) history.pushState(null, '', hash);
        else history.replaceState(null, '', hash);
        setTab(next);
        setParam(nextParam ?? null);
      }}
      download={download}
      openUrl={(url) => void browser.tabs.create({ url })}
      permissions={{
        request: (origins) => browser.permissions.request({ origins }),
        remove: (origins) => browser.permissions.remove({ origins }),
      }}
    />
  );
}

render(<App />, document.getElementById('app')!);
