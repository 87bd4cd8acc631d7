// The background's message listener: the generic router (./router.ts) bound to the protocol's schemas.
import type { Handlers, Result } from './protocol';
import { messageListener, routeMessage, type SenderLike } from './router';
import { requestSchemas } from './schemas';

export type { Handlers, SenderLike };

export function handleMessage(handlers: Handlers, extensionId: string, message: unknown, sender: SenderLike): Promise<Result<unknown>> {
  return routeMessage(requestSchemas, handlers, extensionId, message, sender);
}

/** Adapts handleMessage to runtime.onMessage: replies through sendResponse and returns true (works with WXT's fake browser too). */
export function createMessageListener(handlers: Handlers, extensionId: string) {
  return messageListener((message, sender) => handleMessage(handlers, extensionId, message, sender));
}
