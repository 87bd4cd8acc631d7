import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { MANAGER_TABS, ManagerView, type ManagerTab } from '../../components/ManagerView';
import type { DownloadFile } from '../../components/manager-shared';
import { askBackground } from '../../lib/messaging/client';
import './manager.css';

function tabFromHash(): ManagerTab {
  const key = location.hash.replace(/^#/, '');
  return MANAGER_TABS.some((t) => t.key === key) ? (key as ManagerTab) : 'saved';
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
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${MANAGER_TABS.find((t) => t.key === tab)!.label} — Backstory`;
  }, [tab]);
  return (
    <ManagerView
      ask={askBackground}
      tab={tab}
      onTab={(next) => {
        history.replaceState(null, '', `#${next}`);
        setTab(next);
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
