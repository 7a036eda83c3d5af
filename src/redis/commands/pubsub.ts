// Pub/sub commands (pubsub.c): SUBSCRIBE and friends answer one frame per channel; every frame
// but the last goes out-of-band (Session.deliver) so the command's reply is its last frame.
import type { Reply } from '../reply.ts';
import type { Session } from '../session.ts';
import type { RedisEmulator as Engine } from '../emulator.ts';
import { globMatch } from '../glob.ts';
import { arrayReply, bulkReply, cString, errorReply, formattedError, intReply, NIL, statusReply, type CommandRun } from './shared.ts';

const frame = (kind: string, name: string | null, count: number): Reply => ({
  type: 'push',
  value: [bulkReply(kind), name === null ? NIL : bulkReply(name), intReply(count)],
});

// Sends all frames but the last out-of-band and returns the last as the reply.
function answer(session: Session, frames: readonly Reply[]): Reply {
  for (let i = 0; i < frames.length - 1; i++) session.deliver(frames[i]!);
  return frames[frames.length - 1]!;
}

export const subscribe: CommandRun = (engine, argv, session) => {
  const frames: Reply[] = [];
  for (let j = 1; j < argv.length; j++) {
    engine.pubsub.subscribe(session, argv[j]!);
    frames.push(frame('subscribe', argv[j]!, session.subscriptionCount));
  }
  return answer(session, frames);
};

export const psubscribe: CommandRun = (engine, argv, session) => {
  const frames: Reply[] = [];
  for (let j = 1; j < argv.length; j++) {
    engine.pubsub.psubscribe(session, argv[j]!);
    frames.push(frame('psubscribe', argv[j]!, session.subscriptionCount));
  }
  return answer(session, frames);
};

type Kind = 'channel' | 'pattern' | 'shard';
const UNSUBSCRIBED: Record<Kind, string> = { channel: 'unsubscribe', pattern: 'punsubscribe', shard: 'sunsubscribe' };

// The count a (un)subscribe frame shows: shard channels are counted apart from channels and patterns.
function countFor(session: Session, kind: Kind): number {
  return kind === 'shard' ? (session.pubsub?.shardChannels.size ?? 0) : session.subscriptionCount;
}

function unsubscribeGeneric(engine: Engine, argv: readonly string[], session: Session, kind: Kind): Reply {
  const registry = engine.pubsub;
  const frames: Reply[] = [];
  const drop = (name: string) => {
    if (kind === 'pattern') registry.punsubscribe(session, name);
    else if (kind === 'shard') registry.sunsubscribe(session, name);
    else registry.unsubscribe(session, name);
    frames.push(frame(UNSUBSCRIBED[kind], name, countFor(session, kind)));
  };
  if (argv.length === 1) {
    const state = session.pubsub;
    const current = state === null ? [] : [...(kind === 'pattern' ? state.patterns : kind === 'shard' ? state.shardChannels : state.channels)];
    for (const name of current) drop(name);
    // Nothing to drop: one frame with a null name.
    if (frames.length === 0) frames.push(frame(UNSUBSCRIBED[kind], null, countFor(session, kind)));
  } else {
    for (let j = 1; j < argv.length; j++) drop(argv[j]!);
  }
  registry.settle(session);
  return answer(session, frames);
}

export const unsubscribe: CommandRun = (engine, argv, session) => unsubscribeGeneric(engine, argv, session, 'channel');
export const punsubscribe: CommandRun = (engine, argv, session) => unsubscribeGeneric(engine, argv, session, 'pattern');
export const sunsubscribe: CommandRun = (engine, argv, session) => unsubscribeGeneric(engine, argv, session, 'shard');

// Unlike SUBSCRIBE, SSUBSCRIBE is refused inside EXEC (7.0's ssubscribeCommand has no MULTI exception).
export const ssubscribe: CommandRun = (engine, argv, session) => {
  if (session.denyBlocking) return errorReply("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
  const frames: Reply[] = [];
  for (let j = 1; j < argv.length; j++) {
    engine.pubsub.ssubscribe(session, argv[j]!);
    frames.push(frame('ssubscribe', argv[j]!, countFor(session, 'shard')));
  }
  return answer(session, frames);
};

export const spublish: CommandRun = (engine, argv) => intReply(engine.pubsub.spublish(argv[1]!, argv[2]!));

export const publish: CommandRun = (engine, argv) =>
  intReply(engine.pubsub.active ? engine.pubsub.publish(argv[1]!, argv[2]!) : 0);

// channelList: the active names, in the registry's insertion order (Redis's: its dict's order).
function channelList(channels: ReadonlyMap<string, unknown>, argv: readonly string[]): Reply {
  if (argv.length > 3) return subcommandSyntaxError(argv);
  const pattern = argv.length === 3 ? argv[2]! : null;
  const names: Reply[] = [];
  for (const channel of channels.keys()) {
    if (pattern === null || globMatch(pattern, channel)) names.push(bulkReply(channel));
  }
  return arrayReply(names);
}

function numsub(channels: ReadonlyMap<string, ReadonlySet<unknown>>, argv: readonly string[]): Reply {
  const out: Reply[] = [];
  for (let j = 2; j < argv.length; j++) out.push(bulkReply(argv[j]!), intReply(channels.get(argv[j]!)?.size ?? 0));
  return arrayReply(out);
}

export const pubsubChannels: CommandRun = (engine, argv) => channelList(engine.pubsub.channels, argv);
export const pubsubNumsub: CommandRun = (engine, argv) => numsub(engine.pubsub.channels, argv);

export const pubsubNumpat: CommandRun = (engine) => intReply(engine.pubsub.patterns.size);

export const pubsubShardchannels: CommandRun = (engine, argv) => channelList(engine.pubsub.shardChannels, argv);
export const pubsubShardnumsub: CommandRun = (engine, argv) => numsub(engine.pubsub.shardChannels, argv);

const HELP = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
  'HELP',
  '    Prints this help.',
];

export const pubsubHelp: CommandRun = () => arrayReply(HELP.map(statusReply));

function subcommandSyntaxError(argv: readonly string[]): Reply {
  return formattedError(
    `ERR unknown subcommand or wrong number of arguments for '${cString(argv[1]!).slice(0, 128)}'. Try PUBSUB HELP.`,
  );
}
