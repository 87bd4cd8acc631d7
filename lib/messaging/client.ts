// The only place (with server.ts) that knows how messages travel.
import { browser } from 'wxt/browser';
import type { BackgroundType, ContentType, Result, ReqOf, ResOf, ToBackground, ToContent } from './protocol';

function unwrap<T>(reply: unknown, type: string): T {
  const result = reply as Result<T> | undefined;
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new Error(`No answer to "${type}".`);
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

export async function askBackground<K extends BackgroundType>(type: K, payload: ReqOf<ToBackground, K>): Promise<ResOf<ToBackground, K>> {
  const reply = await browser.runtime.sendMessage({ type, payload });
  return unwrap(reply, type);
}

export async function askTab<K extends ContentType>(tabId: number, type: K, payload: ReqOf<ToContent, K>): Promise<ResOf<ToContent, K>> {
  const reply = await browser.tabs.sendMessage(tabId, { type, payload });
  return unwrap(reply, type);
}
