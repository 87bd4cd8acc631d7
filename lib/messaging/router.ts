// The generic half of the background's message listener: checks the sender, validates the envelope
// and payload against a schema per message type, and always answers with a Result. It knows no
// message names; lib/messaging/server.ts binds it to the protocol's schemas.
import * as v from 'valibot';
import { describeStorageError, isStorageError } from '../storage/faults';

export type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export interface SenderLike {
  id?: string;
  tab?: { id?: number; url?: string; incognito?: boolean };
  /** the sending frame (0: the top frame) */
  frameId?: number;
  url?: string;
}

/** A handler per message of M (each message `{ req; res }`). */
export type HandlerMap<M> = {
  [K in keyof M]: (
    payload: M[K] extends { req: infer R } ? R : never,
    sender: SenderLike,
  ) => Promise<M[K] extends { res: infer R } ? R : never> | (M[K] extends { res: infer R } ? R : never);
};

export type SchemaMap = Record<string, v.GenericSchema>;

export async function routeMessage(
  schemas: SchemaMap,
  handlers: Record<string, unknown>,
  extensionId: string,
  message: unknown,
  sender: SenderLike,
): Promise<Result<unknown>> {
  if (!sender || sender.id !== extensionId) return { ok: false, error: 'Rejected: message from outside this extension.' };
  if (!message || typeof message !== 'object' || typeof (message as { type?: unknown }).type !== 'string') {
    return { ok: false, error: 'Malformed message: expected {type, payload}.' };
  }
  const { type, payload } = message as { type: string; payload?: unknown };
  if (!Object.hasOwn(schemas, type)) return { ok: false, error: `Unknown message type "${type.slice(0, 60)}".` };
  const parsed = v.safeParse(schemas[type], payload ?? {});
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String((p as { key: unknown }).key)).join('.') ?? '';
    return { ok: false, error: `Malformed "${type}" message${path ? ` at ${path}` : ''}: ${issue.message}` };
  }
  try {
    const handler = handlers[type] as (p: unknown, s: SenderLike) => unknown;
    return { ok: true, data: await handler(parsed.output, sender) };
  } catch (err) {
    // a database failure reaches the reader as what happened and what to do, not as an exception name
    if (isStorageError(err)) return { ok: false, error: describeStorageError(err) };
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Adapts a router to runtime.onMessage: replies through sendResponse and returns true (works with WXT's fake browser too). */
export function messageListener(route: (message: unknown, sender: SenderLike) => Promise<Result<unknown>>) {
  return (message: unknown, sender: SenderLike, sendResponse: (r: Result<unknown>) => void): true => {
    route(message, sender).then(sendResponse, (err) => sendResponse({ ok: false, error: String(err) }));
    return true;
  };
}
