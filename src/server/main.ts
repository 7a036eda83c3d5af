// `npm run emulator -- --port N [--host H]`: the emulator behind a RESP server, on the wall clock.
import { parseArgs } from 'node:util';
import { RedisEmulator } from '../redis/emulator.ts';
import type { Session } from '../redis/session.ts';
import { startRespServer } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '6380' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer between 0 and 65535, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}

const emulator = new RedisEmulator({ now: () => Date.now() });
const server = await startRespServer<Session>(emulator, { port, host: values.host }).catch((failure: Error) => {
  console.error(`Redis emulator cannot listen on ${values.host}:${port}: ${failure.message}`);
  process.exit(1);
});
console.log(`Redis emulator ready on ${server.host}:${server.port}`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`Redis emulator stopping (${signal})`);
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
