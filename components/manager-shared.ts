// What the manager's panels share: how they ask the background, what a download is, and small
// formatters. Its own module so the panels need not import the view that holds them.
import type { BackgroundType, ReqOf, ResOf, ToBackground } from '../lib/messaging/protocol';

export type ManagerAsk = <K extends BackgroundType>(type: K, payload: ReqOf<ToBackground, K>) => Promise<ResOf<ToBackground, K>>;

export interface DownloadFile {
  filename: string;
  mime: string;
  content: string;
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return 'unknown';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
