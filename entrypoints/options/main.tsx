import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { PageCacheTable } from '../../components/ManagerView';
import { askBackground } from '../../lib/messaging/client';
import type { PageRecord } from '../../lib/messaging/protocol';
import './manager.css';

function App() {
  const [pages, setPages] = useState<PageRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    askBackground('listPages', {}).then(setPages, (err) => setError(String(err)));
  }, []);
  return (
    <main class="manager">
      <h1>Backstory</h1>
      <p class="muted">Everything here stays in this browser.</p>
      {error && <p role="alert">{error}</p>}
      <h2>Recently read pages</h2>
      <PageCacheTable pages={pages} />
    </main>
  );
}

render(<App />, document.getElementById('app')!);
