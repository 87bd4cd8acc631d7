// Import & export: annotations (JSON/CSV/Markdown out, JSON in with a report), the knowledge pack
// with custom entities, storage used, and clearing everything.
import { useState } from 'preact/hooks';
import type { ImportReport, PackImportReport, StorageStatus } from '../lib/annotations/messages';
import type { ExportFormat } from '../lib/annotations/io';
import { formatBytes, type DownloadFile, type ManagerAsk } from './manager-shared';

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'json', label: 'JSON', hint: 'W3C Web Annotations: complete, and imports back here or into other tools' },
  { format: 'csv', label: 'CSV', hint: 'One row per annotation, for spreadsheets' },
  { format: 'markdown', label: 'Markdown', hint: 'Grouped by page, for notes apps' },
];

const REJECTED_SHOWN = 50;

export interface DataPanelProps {
  ask: ManagerAsk;
  download: (file: DownloadFile) => void;
  onError: (m: string | null) => void;
  storage: StorageStatus | null;
  /** something was imported or cleared: counts and lists elsewhere reload */
  onChanged: () => void;
}

/** What one message to the background can carry (the importers' own limit). */
const MAX_IMPORT_BYTES = 64_000_000;

/** Reads the chosen file; a file too large to import is reported without reading it into memory. */
async function readFile(input: HTMLInputElement, onTooLarge: (message: string) => void): Promise<string | null> {
  const file = input.files?.[0];
  input.value = '';
  if (file && file.size > MAX_IMPORT_BYTES) {
    onTooLarge(`This file is ${Math.round(file.size / 1_000_000)} MB, too large to import (64 MB at most).`);
    return null;
  }
  return file ? file.text() : null;
}

/** Runs one action at a time: `busy` names it until it settles; a failure goes to onError. */
type Run = <T>(label: string, work: () => Promise<T>) => Promise<T | undefined>;

export function DataPanel(props: DataPanelProps) {
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run: Run = async (label, work) => {
    setBusy(label);
    try {
      return await work();
    } catch (err) {
      props.onError((err as Error).message);
      return undefined;
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="single data">
      <h1>Import &amp; export</h1>
      <ExportSection {...props} busy={busy} run={run} />
      <ImportSection {...props} busy={busy} setBusy={setBusy} report={report} setReport={setReport} />
      <PackSection {...props} busy={busy} run={run} />
      <StorageSection storage={props.storage} />
      <ClearSection {...props} run={run} onCleared={() => setReport(null)} />
    </div>
  );
}

function ExportSection(props: DataPanelProps & { busy: string | null; run: Run }) {
  const { busy, run } = props;
  const s = props.storage;
  return (
  <section class="panel" aria-labelledby="export-title">
    <h2 id="export-title">Export your annotations</h2>
    <p class="muted">{s ? `${s.annotations.toLocaleString()} saved annotation${s.annotations === 1 ? '' : 's'}.` : ''} Take them anywhere; nothing is locked in.</p>
    <div class="export-options">
      {FORMATS.map((f) => (
        <button
          type="button"
          key={f.format}
          class="export-option"
          disabled={busy !== null}
          onClick={() => run(`export-${f.format}`, async () => props.download(await props.ask('exportAnnotations', { format: f.format })))}
        >
          <strong>{f.label}</strong>
          <span class="muted small">{f.hint}</span>
        </button>
      ))}
    </div>
  </section>
  );
}

function ImportSection(props: DataPanelProps & { busy: string | null; setBusy(b: string | null): void; report: ImportReport | null; setReport(r: ImportReport | null): void }) {
  const { busy, setBusy, report, setReport } = props;
  const [importError, setImportError] = useState<string | null>(null);
  return (
  <section class="panel" aria-labelledby="import-title">
    <h2 id="import-title">Import annotations</h2>
    <p class="muted">A JSON export from Backstory (or W3C Web Annotations). Everything is checked before anything is stored; an annotation already here is replaced only by a newer copy.</p>
    <label class="file-button">
      <input
        type="file"
        accept=".json,.jsonld,application/json,application/ld+json"
        aria-label="Choose an annotations file to import"
        onChange={async (e) => {
          setImportError(null);
          const content = await readFile(e.target as HTMLInputElement, setImportError);
          if (content === null) return;
          setReport(null);
          setImportError(null);
          setBusy('import');
          try {
            setReport(await props.ask('importAnnotations', { content }));
            props.onChanged();
          } catch (err) {
            setImportError((err as Error).message);
          } finally {
            setBusy(null);
          }
        }}
      />
      <span class="button">{busy === 'import' ? 'Importing…' : 'Choose file…'}</span>
    </label>
    {importError && (
      <p class="error" role="alert">
        Nothing was imported. {importError}
      </p>
    )}
    {report && <ImportReportView report={report} />}
  </section>
  );
}

function PackSection(props: DataPanelProps & { busy: string | null; run: Run }) {
  const { busy, run } = props;
  const [packReport, setPackReport] = useState<PackImportReport | null>(null);
  const [packError, setPackError] = useState<string | null>(null);
  return (
  <section class="panel" aria-labelledby="pack-title">
    <h2 id="pack-title">Knowledge pack and custom entities</h2>
    <p class="muted">Export the built-in pack together with your custom entities as one pack file, to share or move them. Importing a pack file adds its new or changed entities as custom entities.</p>
    <div class="row">
      <button type="button" class="button" disabled={busy !== null} onClick={() => run('pack-export', async () => props.download(await props.ask('exportPack', {})))}>
        Export pack
      </button>
      <label class="file-button">
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Choose a pack file to import"
          onChange={async (e) => {
            setPackError(null);
            const content = await readFile(e.target as HTMLInputElement, setPackError);
            if (content === null) return;
            setPackReport(null);
            setPackError(null);
            try {
              setPackReport(await props.ask('importPack', { content }));
              props.onChanged();
            } catch (err) {
              setPackError((err as Error).message);
            }
          }}
        />
        <span class="button">Import pack…</span>
      </label>
    </div>
    {packError && (
      <p class="error pre" role="alert">
        {packError}
      </p>
    )}
    {packReport && (
      <p class="notice" role="status">
        Pack imported: {packReport.added.length} added, {packReport.updated.length} updated, {packReport.unchanged.length} already up to date.
      </p>
    )}
  </section>
  );
}

function StorageSection(props: { storage: StorageStatus | null | undefined }) {
  const s = props.storage;
  return (
  <section class="panel" aria-labelledby="storage-title">
    <h2 id="storage-title">Storage</h2>
    {s && (
      <>
        {s.usage !== undefined && s.quota ? (
          <div class="meter" aria-label="Storage used">
            <div class="meter-bar">
              <span style={{ width: `${Math.min(100, Math.max(0.5, (s.usage / s.quota) * 100))}%` }} />
            </div>
            <p class="small">
              {formatBytes(s.usage)} used of {formatBytes(s.quota)} available to Backstory
            </p>
          </div>
        ) : (
          <p class="small muted">This browser does not report storage use.</p>
        )}
        <dl class="stats">
          <div>
            <dt>Saved annotations</dt>
            <dd>{s.annotations.toLocaleString()}</dd>
          </div>
          <div>
            <dt>Pages in reading history</dt>
            <dd>{s.pages.toLocaleString()}</dd>
          </div>
          <div>
            <dt>Custom entities</dt>
            <dd>{s.customEntities.toLocaleString()}</dd>
          </div>
          <div>
            <dt>Database version</dt>
            <dd>{s.schemaVersion}</dd>
          </div>
        </dl>
      </>
    )}
  </section>
  );
}

function ClearSection(props: DataPanelProps & { run: Run; onCleared(): void }) {
  const { run } = props;
  const [confirmClear, setConfirmClear] = useState(false);
  const [cleared, setCleared] = useState(false);
  return (
  <section class="panel danger-zone" aria-labelledby="clear-title">
    <h2 id="clear-title">Clear all data</h2>
    <p class="muted">Deletes every saved annotation, custom entity, reading-history page and cached lookup, and resets settings. The built-in pack stays.</p>
    {cleared && (
      <p class="notice" role="status">
        All data cleared.
      </p>
    )}
    {!confirmClear ? (
      <button type="button" class="button danger" onClick={() => (setConfirmClear(true), setCleared(false))}>
        Clear all data…
      </button>
    ) : (
      <div class="confirm" role="group" aria-label="Confirm clearing all data">
        <p>
          <strong>This cannot be undone.</strong> Export your annotations first if you want to keep them.
        </p>
        <div class="row">
          <button type="button" class="button" onClick={() => run('export-json', async () => props.download(await props.ask('exportAnnotations', { format: 'json' })))}>
            Export JSON first
          </button>
          <button
            type="button"
            class="button danger solid"
            onClick={() =>
              run('clear', async () => {
                await props.ask('clearAllData', { confirm: 'delete everything' });
                setConfirmClear(false);
                setCleared(true);
                props.onCleared();
                props.onChanged();
              })
            }
          >
            Delete everything
          </button>
          <button type="button" class="link" onClick={() => setConfirmClear(false)}>
            Cancel
          </button>
        </div>
      </div>
    )}
  </section>
  );
}

export function ImportReportView(props: { report: ImportReport }) {
  const r = props.report;
  const rejected = r.rejected.slice(0, REJECTED_SHOWN);
  return (
    <div class="report" role="status" aria-label="Import report">
      <p>
        <strong>{r.total.toLocaleString()}</strong> in the file:
      </p>
      <ul class="report-counts">
        <li class="ok">
          <strong>{r.added.length.toLocaleString()}</strong> added
        </li>
        <li class="ok">
          <strong>{r.merged.length.toLocaleString()}</strong> updated (the file had a newer copy)
        </li>
        <li>
          <strong>{r.unchanged.length.toLocaleString()}</strong> already here and up to date
        </li>
        <li class={r.rejected.length ? 'bad' : ''}>
          <strong>{r.rejected.length.toLocaleString()}</strong> rejected
        </li>
      </ul>
      {rejected.length > 0 && (
        <table class="rejected">
          <caption class="sr-only">Rejected annotations and why</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Id</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rejected.map((x) => (
              <tr key={x.index}>
                <td>{x.index + 1}</td>
                <td>
                  <code>{x.id ?? '—'}</code>
                </td>
                <td>{x.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.rejected.length > REJECTED_SHOWN && <p class="muted small">…and {r.rejected.length - REJECTED_SHOWN} more rejected.</p>}
    </div>
  );
}
