// CLIENT TRACKING, CACHING, GETREDIR, TRACKINGINFO (networking.c and tracking.c in Redis 7.0).
import type { Reply } from '../reply.ts';
import type { Session } from '../session.ts';
import { parseInt64 } from '../numbers.ts';
import { bulkReply, cString, errorReply, formattedError, intReply, NOT_INTEGER, OK, optionIs, SYNTAX, type CommandRun } from './shared.ts';

const MODE_SWITCH_BCAST = errorReply(
  "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
);
const MODE_SWITCH_OPT = errorReply(
  "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
);

// One prefix is a prefix of the other (stringCheckPrefix).
const overlap = (a: string, b: string): boolean => (a.length <= b.length ? b.startsWith(a) : a.startsWith(b));

export const clientTracking: CommandRun = (engine, argv, session) => {
  let redirect = 0;
  const options = { bcast: false, optin: false, optout: false, noloop: false };
  const prefixes: string[] = [];
  for (let j = 3; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j]!;
    if (optionIs(opt, 'redirect') && more > 0) {
      j++;
      if (redirect !== 0) return errorReply('ERR A client can only redirect to a single other client');
      const id = parseInt64(argv[j]!);
      if (id === null) return NOT_INTEGER;
      if (typeof id !== 'number' || engine.sessionById(id) === undefined) {
        return errorReply('ERR The client ID you want redirect to does not exist');
      }
      redirect = id;
    } else if (optionIs(opt, 'bcast')) options.bcast = true;
    else if (optionIs(opt, 'optin')) options.optin = true;
    else if (optionIs(opt, 'optout')) options.optout = true;
    else if (optionIs(opt, 'noloop')) options.noloop = true;
    else if (optionIs(opt, 'prefix') && more > 0) prefixes.push(argv[++j]!);
    else return SYNTAX;
  }
  const mode = argv[2]!;
  if (optionIs(mode, 'off')) {
    engine.tracking.disable(session);
    return OK;
  }
  if (!optionIs(mode, 'on')) return SYNTAX;
  const current = session.tracking;
  if (!options.bcast && prefixes.length > 0) return errorReply('ERR PREFIX option requires BCAST mode to be enabled');
  if (current !== null && current.bcast !== options.bcast) return MODE_SWITCH_BCAST;
  if (options.bcast && (options.optin || options.optout)) return errorReply('ERR OPTIN and OPTOUT are not compatible with BCAST');
  if (options.optin && options.optout) return errorReply("ERR You can't specify both OPTIN mode and OPTOUT mode");
  if (current !== null && ((options.optin && current.optout) || (options.optout && current.optin))) return MODE_SWITCH_OPT;
  if (options.bcast) {
    const failed = checkPrefixCollisions(engine, session, prefixes);
    if (failed !== null) return failed;
  }
  engine.tracking.enable(session, redirect, options, prefixes);
  return OK;
};

// checkPrefixCollisionsOrReply, including Redis 7.0's slip: an overlap among the given prefixes
// found for any but the first one is answered with an error and then the command goes on (and
// answers OK too), because the function returns the loop index as its "ok" value.
function checkPrefixCollisions(engine: Parameters<CommandRun>[0], session: Session, prefixes: readonly string[]): Reply | null {
  const existing = session.tracking === null ? [] : [...session.tracking.prefixes].sort();
  for (let i = 0; i < prefixes.length; i++) {
    const collision = existing.find((prefix) => overlap(prefix, prefixes[i]!));
    if (collision !== undefined) {
      return formattedError(
        `ERR Prefix '${cString(prefixes[i]!)}' overlaps with an existing prefix '${cString(collision)}'. Prefixes for a single client must not overlap.`,
      );
    }
    for (let j = i + 1; j < prefixes.length; j++) {
      if (!overlap(prefixes[i]!, prefixes[j]!)) continue;
      const error = formattedError(
        `ERR Prefix '${cString(prefixes[i]!)}' overlaps with another provided prefix '${cString(prefixes[j]!)}'. Prefixes for a single client must not overlap.`,
      );
      if (i === 0) return error;
      engine.stats.errorReplies++;
      session.deliver(error);
      return null;
    }
  }
  return null;
}

export const clientCaching: CommandRun = (_engine, argv, session) => {
  const state = session.tracking;
  if (state === null) {
    return errorReply('ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled');
  }
  const opt = argv[2]!;
  if (optionIs(opt, 'yes')) {
    if (!state.optin) return errorReply('ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.');
  } else if (optionIs(opt, 'no')) {
    if (!state.optout) return errorReply('ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.');
  } else return SYNTAX;
  state.caching = true;
  return OK;
};

export const clientGetredir: CommandRun = (_engine, _argv, session) => intReply(session.tracking === null ? -1 : session.tracking.redirect);

export const clientTrackinginfo: CommandRun = (_engine, _argv, session) => {
  const state = session.tracking;
  const flags: Reply[] = [bulkReply(state === null ? 'off' : 'on')];
  if (state !== null) {
    if (state.bcast) flags.push(bulkReply('bcast'));
    if (state.optin) flags.push(bulkReply('optin'));
    if (state.optin && state.caching) flags.push(bulkReply('caching-yes'));
    if (state.optout) flags.push(bulkReply('optout'));
    if (state.optout && state.caching) flags.push(bulkReply('caching-no'));
    if (state.noloop) flags.push(bulkReply('noloop'));
    if (state.brokenRedirect) flags.push(bulkReply('broken_redirect'));
  }
  const prefixes = state === null ? [] : [...state.prefixes].sort().map(bulkReply);
  return {
    type: 'map',
    value: [
      [bulkReply('flags'), { type: 'set', value: flags }],
      [bulkReply('redirect'), intReply(state === null ? -1 : state.redirect)],
      [bulkReply('prefixes'), { type: 'array', value: prefixes }],
    ],
  };
};
