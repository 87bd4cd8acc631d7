// The background's message listener: checks the sender, validates the envelope and payload,
// and always answers with a Result.
import * as v from 'valibot';
import type { BackgroundType, Result, ReqOf, ResOf, ToBackground } from './protocol';
import { requestSchemas } from './schemas';
import { describeStorageError, isStorageError } from '../storage/faults';

export interface SenderLike {
  id?: string;
  tab?: { id?: number; url?: string; incognito?: boolean };
  url?: string;
}

export type Handlers = {
  [K in BackgroundType]: (payload: ReqOf<ToBackground, K>, sender: SenderLike) => Promise<ResOf<ToBackground, K>> | ResOf<ToBackground, K>;
};

export async function handleMessage(handlers: Handlers, extensionId: string, message: unknown, sender: SenderLike): Promise<Result<unknown>> {
  if (!sender || sender.id !== extensionId) return { ok: false, error: 'Rejected: message from outside this extension.' };
  if (!message || typeof message !== 'object' || typeof (message as { type?: unknown }).type !== 'string') {
    return { ok: false, error: 'Malformed message: expected {type, payload}.' };
  }
  const { type, payload } = message as { type: string; payload?: unknown };
  if (!Object.hasOwn(requestSchemas, type)) return { ok: false, error: `Unknown message type "${type.slice(0, 60)}".` };
  const parsed = v.safeParse(requestSchemas[type as BackgroundType], payload ?? {});
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String((p as { key: unknown }).key)).join('.') ?? '';
    return { ok: false, error: `Malformed "${type}" message${path ? ` at ${path}` : ''}: ${issue.message}` };
  }
  try {
    const handler = handlers[type as BackgroundType] as (p: unknown, s: SenderLike) => unknown;
    return { ok: true, data: await handler(parsed.output, sender) };
  } catch (err) {
    // a database failure reaches the reader as what happened and what to do, not as an exception name
    if (isStorageError(err)) return { ok: false, error: describeStorageError(err) };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Adapts handleMessage to runtime.onMessage: replies through sendResponse and returns true (works with WXT's fake browser too). */
export function createMessageListener(handlers: Handlers, extensionId: string) {
  return (message: unknown, sender: SenderLike, sendResponse: (r: Result<unknown>) => void): true => {
    handleMessage(handlers, extensionId, message, sender).then(sendResponse, (err) =>
      sendResponse({ ok: false, error: String(err) }),
    );
    return true;
  };
}
