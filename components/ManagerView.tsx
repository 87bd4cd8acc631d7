import type { PageRecord } from '../lib/messaging/protocol';

export function PageCacheTable(props: { pages: PageRecord[] }) {
  if (!props.pages.length) return <p class="muted">No pages yet. Pages where Backstory finds AI names appear here.</p>;
  return (
    <table class="pages">
      <thead>
        <tr>
          <th scope="col">Page</th>
          <th scope="col">Visited</th>
          <th scope="col">Names</th>
          <th scope="col">Claims</th>
        </tr>
      </thead>
      <tbody>
        {props.pages.map((p) => (
          <tr key={p.url}>
            <td>
              <a href={p.url} target="_blank" rel="noopener noreferrer">{p.title || p.url}</a>
            </td>
            <td>{new Date(p.visitedAt).toLocaleString()}</td>
            <td>{Object.keys(p.entityCounts).length}</td>
            <td>{p.claimCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
