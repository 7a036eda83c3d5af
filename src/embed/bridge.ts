/** The DOM half of the iframe protocol: listen to the parent through the origin gate, post back. */
import { envelope, parseCommand, type LabCommand, type LabMessage, type OriginGate } from './protocol.ts';

export interface ParentBridge {
  /** Posts to the trusted parent origin; `ready` and `resize` also go out before the handshake. */
  post(message: LabMessage): void;
  dispose(): void;
}

/** Messages a page may see before it has said hello: they carry nothing but layout and the scenario id. */
const PUBLIC_TYPES = new Set<LabMessage['type']>(['ready', 'resize']);

export function connectParent(view: Window, gate: OriginGate, onCommand: (command: LabCommand) => void): ParentBridge {
  const parent = view.parent;
  const embedded = parent !== view;
  const onMessage = (event: MessageEvent) => {
    if (!embedded) return;
    const command = parseCommand(event.data);
    // Validate first, so a stray message from the parent cannot pin the origin.
    if (command === null || !gate.admit(event.origin, event.source === parent)) return;
    onCommand(command);
  };
  view.addEventListener('message', onMessage);
  return {
    post(message) {
      if (!embedded) return;
      const target = gate.target ?? (PUBLIC_TYPES.has(message.type) ? '*' : null);
      if (target === null) return;
      // Where the browser tells us the parent's origin, skip posts it would refuse (and log) anyway.
      const parentOrigin = view.location.ancestorOrigins?.[0];
      if (target !== '*' && parentOrigin !== undefined && parentOrigin !== target) return;
      parent.postMessage(envelope(message), target);
    },
    dispose() {
      view.removeEventListener('message', onMessage);
    },
  };
}
