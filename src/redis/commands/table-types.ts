// The command rows the labs never send, loaded by `loadCommands()`: the data types (strings beyond
// GET/SET, hashes, lists, sets, sorted sets, streams), key and server commands a learner types
// (EXPIRE, RENAME, CONFIG, INFO, MEMORY, OBJECT, HELLO, ...), pub/sub, tracking, COMMAND, and the
// first-load rows' COMMAND DOCS texts. Figures are Redis 7.0's COMMAND INFO and COMMAND DOCS.
import * as lists from './lists.ts';
import * as sets from './sets.ts';
import * as zsets from './zsets.ts';
import * as streams from './streams.ts';
import * as hashes from './hashes.ts';
import * as keysRename from './keys-rename.ts';
import * as keysExpire from './keys-expire.ts';
import * as stringsMore from './strings-more.ts';
import * as pops from './pops.ts';
import * as pubsub from './pubsub.ts';
import * as tracking from './tracking.ts';
import * as strings from './strings.ts';
import * as keys from './keys.ts';
import * as server from './server.ts';
import * as transactions from './transactions.ts';
import * as scripting from './scripting.ts';
import { reset } from './reset.ts';
import { containerSpec, type Row } from './table.ts';
import type { CommandRun, CommandSpec } from './shared.ts';
import * as introspection from './introspection.ts';
import * as serverInfo from './server-info.ts';
import * as object from './object.ts';
import * as config from './config.ts';
import * as memory from './memory.ts';

export const TYPE_ROWS: Record<string, Row> = {
  getdel: { arity: 2, flags: 'write fast', keys: [1, 1, 1], group: 'string', since: '6.2.0', summary: 'Get the value of a key and delete the key', run: stringsMore.getdel },
  getset: { arity: 3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'string', since: '1.0.0', summary: 'Set the string value of a key and return its old value', run: stringsMore.getset },
  mget: { arity: -2, flags: 'readonly fast', keys: [1, -1, 1], group: 'string', since: '1.0.0', summary: 'Get the values of all the given keys', complexity: 'O(N) where N is the number of keys to retrieve.', run: stringsMore.mget },
  mset: { arity: -3, flags: 'write denyoom', keys: [1, -1, 2], group: 'string', since: '1.0.1', summary: 'Set multiple keys to multiple values', complexity: 'O(N) where N is the number of keys to set.', run: stringsMore.mset },
  msetnx: { arity: -3, flags: 'write denyoom', keys: [1, -1, 2], group: 'string', since: '1.0.1', summary: 'Set multiple keys to multiple values, only if none of the keys exist', complexity: 'O(N) where N is the number of keys to set.', run: stringsMore.msetnx },
  append: { arity: 3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'string', since: '2.0.0', summary: 'Append a value to a key', complexity: 'O(1). The amortized time complexity is O(1) assuming the appended value is small and the already present value is of any size, since the dynamic string library used by Redis will double the free space available on every reallocation.', run: stringsMore.append },
  strlen: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'string', since: '2.2.0', summary: 'Get the length of the value stored in a key', run: stringsMore.strlen },
  getrange: { arity: 4, flags: 'readonly', keys: [1, 1, 1], group: 'string', since: '2.4.0', summary: 'Get a substring of the string stored at a key', complexity: 'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.', run: stringsMore.getrange },
  setrange: { arity: 4, flags: 'write denyoom', keys: [1, 1, 1], group: 'string', since: '2.2.0', summary: 'Overwrite part of a string at key starting at the specified offset', complexity: 'O(1), not counting the time taken to copy the new string in place. Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity is O(M) with M being the length of the value argument.', run: stringsMore.setrange },
  incr: { arity: 2, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'string', since: '1.0.0', summary: 'Increment the integer value of a key by one', run: stringsMore.incr },
  decr: { arity: 2, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'string', since: '1.0.0', summary: 'Decrement the integer value of a key by one', run: stringsMore.decr },
  incrby: { arity: 3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'string', since: '1.0.0', summary: 'Increment the integer value of a key by the given amount', run: stringsMore.incrby },
  decrby: { arity: 3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'string', since: '1.0.0', summary: 'Decrement the integer value of a key by the given number', run: stringsMore.decrby },
  incrbyfloat: { arity: 3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'string', since: '2.6.0', summary: 'Increment the float value of a key by the given amount', run: stringsMore.incrbyfloat },
  lpush: { arity: -3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Prepend one or multiple elements to a list", complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", run: lists.lpush },
  rpush: { arity: -3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Append one or multiple elements to a list", complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", run: lists.rpush },
  lpushx: { arity: -3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'list', acl: 'list', since: '2.2.0', summary: "Prepend an element to a list, only if the list exists", complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", run: lists.lpushx },
  rpushx: { arity: -3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'list', acl: 'list', since: '2.2.0', summary: "Append an element to a list, only if the list exists", complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", run: lists.rpushx },
  lpop: { arity: -2, flags: 'write fast', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Remove and get the first elements in a list", complexity: "O(N) where N is the number of elements returned", run: lists.lpop },
  rpop: { arity: -2, flags: 'write fast', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Remove and get the last elements in a list", complexity: "O(N) where N is the number of elements returned", run: lists.rpop },
  llen: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Get the length of a list", run: lists.llen },
  lrange: { arity: 4, flags: 'readonly', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Get a range of elements from a list", complexity: "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.", run: lists.lrange },
  ltrim: { arity: 4, flags: 'write', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Trim a list to the specified range", complexity: "O(N) where N is the number of elements to be removed by the operation.", run: lists.ltrim },
  lindex: { arity: 3, flags: 'readonly', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Get an element from a list by its index", complexity: "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).", run: lists.lindex },
  lset: { arity: 4, flags: 'write denyoom', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Set the value of an element in a list by its index", complexity: "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).", run: lists.lset },
  linsert: { arity: 5, flags: 'write denyoom', keys: [1, 1, 1], group: 'list', acl: 'list', since: '2.2.0', summary: "Insert an element before or after another element in a list", complexity: "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).", run: lists.linsert },
  lrem: { arity: 4, flags: 'write', keys: [1, 1, 1], group: 'list', acl: 'list', since: '1.0.0', summary: "Remove elements from a list", complexity: "O(N+M) where N is the length of the list and M is the number of elements removed.", run: lists.lrem },
  lmove: { arity: 5, flags: 'write denyoom', keys: [1, 2, 1], group: 'list', acl: 'list', since: '6.2.0', summary: "Pop an element from a list, push it to another list and return it", run: lists.lmove },
  rpoplpush: { arity: 3, flags: 'write denyoom', keys: [1, 2, 1], group: 'list', acl: 'list', since: '1.2.0', summary: "Remove the last element in a list, prepend it to another list and return it", run: lists.rpoplpush },
  lpos: { arity: -3, flags: 'readonly', keys: [1, 1, 1], group: 'list', acl: 'list', since: '6.0.6', summary: "Return the index of matching elements on a list", complexity: "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.", run: lists.lpos },
  blpop: { arity: -3, flags: 'write noscript blocking', keys: [1, -2, 1], group: 'list', acl: 'list blocking', since: '2.0.0', summary: "Remove and get the first element in a list, or block until one is available", complexity: "O(N) where N is the number of provided keys.", run: lists.blpop },
  brpop: { arity: -3, flags: 'write noscript blocking', keys: [1, -2, 1], group: 'list', acl: 'list blocking', since: '2.0.0', summary: "Remove and get the last element in a list, or block until one is available", complexity: "O(N) where N is the number of provided keys.", run: lists.brpop },
  blmove: { arity: 6, flags: 'write denyoom noscript blocking', keys: [1, 2, 1], group: 'list', acl: 'list blocking', since: '6.2.0', summary: "Pop an element from a list, push it to another list and return it; or block until one is available", run: lists.blmove },
  brpoplpush: { arity: 4, flags: 'write denyoom noscript blocking', keys: [1, 2, 1], group: 'list', acl: 'list blocking', since: '2.2.0', summary: "Pop an element from a list, push it to another list and return it; or block until one is available", run: lists.brpoplpush },
  sadd: { arity: -3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Add one or more members to a set", complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.", run: sets.sadd },
  srem: { arity: -3, flags: 'write fast', keys: [1, 1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Remove one or more members from a set", complexity: "O(N) where N is the number of members to be removed.", run: sets.srem },
  smembers: { arity: 2, flags: 'readonly', keys: [1, 1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Get all the members in a set", complexity: "O(N) where N is the set cardinality.", run: sets.smembers },
  sismember: { arity: 3, flags: 'readonly fast', keys: [1, 1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Determine if a given value is a member of a set", run: sets.sismember },
  smismember: { arity: -3, flags: 'readonly fast', keys: [1, 1, 1], group: 'set', acl: 'set', since: '6.2.0', summary: "Returns the membership associated with the given elements for a set", complexity: "O(N) where N is the number of elements being checked for membership", run: sets.smismember },
  scard: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Get the number of members in a set", run: sets.scard },
  sinter: { arity: -2, flags: 'readonly', keys: [1, -1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Intersect multiple sets", complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", run: sets.sinter },
  sinterstore: { arity: -3, flags: 'write denyoom', keys: [1, -1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Intersect multiple sets and store the resulting set in a key", complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", run: sets.sinterstore },
  sunion: { arity: -2, flags: 'readonly', keys: [1, -1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Add multiple sets", complexity: "O(N) where N is the total number of elements in all given sets.", run: sets.sunion },
  sunionstore: { arity: -3, flags: 'write denyoom', keys: [1, -1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Add multiple sets and store the resulting set in a key", complexity: "O(N) where N is the total number of elements in all given sets.", run: sets.sunionstore },
  sdiff: { arity: -2, flags: 'readonly', keys: [1, -1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Subtract multiple sets", complexity: "O(N) where N is the total number of elements in all given sets.", run: sets.sdiff },
  sdiffstore: { arity: -3, flags: 'write denyoom', keys: [1, -1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Subtract multiple sets and store the resulting set in a key", complexity: "O(N) where N is the total number of elements in all given sets.", run: sets.sdiffstore },
  sintercard: { arity: -3, flags: 'readonly movablekeys', group: 'set', acl: 'set', since: '7.0.0', summary: "Intersect multiple sets and return the cardinality of the result", complexity: "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.", run: sets.sintercard },
  spop: { arity: -2, flags: 'write fast', keys: [1, 1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Remove and return one or multiple random members from a set", complexity: "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.", run: sets.spop },
  srandmember: { arity: -2, flags: 'readonly', keys: [1, 1, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Get one or multiple random members from a set", complexity: "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.", run: sets.srandmember },
  smove: { arity: 4, flags: 'write fast', keys: [1, 2, 1], group: 'set', acl: 'set', since: '1.0.0', summary: "Move a member from one set to another", run: sets.smove },
  sscan: { arity: -3, flags: 'readonly', keys: [1, 1, 1], group: 'set', acl: 'set', since: '2.8.0', summary: "Incrementally iterate Set elements", complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..", run: sets.sscan },
  zadd: { arity: -4, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '1.2.0', summary: "Add one or more members to a sorted set, or update its score if it already exists", complexity: "O(log(N)) for each item added, where N is the number of elements in the sorted set.", run: zsets.zadd },
  zincrby: { arity: 4, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '1.2.0', summary: "Increment the score of a member in a sorted set", complexity: "O(log(N)) where N is the number of elements in the sorted set.", run: zsets.zincrby },
  zrem: { arity: -3, flags: 'write fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '1.2.0', summary: "Remove one or more members from a sorted set", complexity: "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.", run: zsets.zrem },
  zcard: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '1.2.0', summary: "Get the number of members in a sorted set", run: zsets.zcard },
  zscore: { arity: 3, flags: 'readonly fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '1.2.0', summary: "Get the score associated with the given member in a sorted set", run: zsets.zscore },
  zmscore: { arity: -3, flags: 'readonly fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '6.2.0', summary: "Get the score associated with the given members in a sorted set", complexity: "O(N) where N is the number of members being requested.", run: zsets.zmscore },
  zrank: { arity: 3, flags: 'readonly fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.0.0', summary: "Determine the index of a member in a sorted set", complexity: "O(log(N))", run: zsets.zrank },
  zrevrank: { arity: 3, flags: 'readonly fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.0.0', summary: "Determine the index of a member in a sorted set, with scores ordered from high to low", complexity: "O(log(N))", run: zsets.zrevrank },
  zcount: { arity: 4, flags: 'readonly fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.0.0', summary: "Count the members in a sorted set with scores within the given values", complexity: "O(log(N)) with N being the number of elements in the sorted set.", run: zsets.zcount },
  zlexcount: { arity: 4, flags: 'readonly fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.8.9', summary: "Count the number of members in a sorted set between a given lexicographical range", complexity: "O(log(N)) with N being the number of elements in the sorted set.", run: zsets.zlexcount },
  zrange: { arity: -4, flags: 'readonly', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '1.2.0', summary: "Return a range of members in a sorted set", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.", run: zsets.zrange },
  zrangestore: { arity: -5, flags: 'write denyoom', keys: [1, 2, 1], group: 'sorted-set', acl: 'sortedset', since: '6.2.0', summary: "Store a range of members from sorted set into another key", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.", run: zsets.zrangestore },
  zrevrange: { arity: -4, flags: 'readonly', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '1.2.0', summary: "Return a range of members in a sorted set, by index, with scores ordered from high to low", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.", run: zsets.zrevrange },
  zrangebyscore: { arity: -4, flags: 'readonly', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '1.0.5', summary: "Return a range of members in a sorted set, by score", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", run: zsets.zrangebyscore },
  zrevrangebyscore: { arity: -4, flags: 'readonly', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.2.0', summary: "Return a range of members in a sorted set, by score, with scores ordered from high to low", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", run: zsets.zrevrangebyscore },
  zrangebylex: { arity: -4, flags: 'readonly', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.8.9', summary: "Return a range of members in a sorted set, by lexicographical range", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", run: zsets.zrangebylex },
  zrevrangebylex: { arity: -4, flags: 'readonly', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.8.9', summary: "Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).", run: zsets.zrevrangebylex },
  zpopmin: { arity: -2, flags: 'write fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '5.0.0', summary: "Remove and return members with the lowest scores in a sorted set", complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.", run: zsets.zpopmin },
  zpopmax: { arity: -2, flags: 'write fast', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '5.0.0', summary: "Remove and return members with the highest scores in a sorted set", complexity: "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.", run: zsets.zpopmax },
  zremrangebyrank: { arity: 4, flags: 'write', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.0.0', summary: "Remove all members in a sorted set within the given indexes", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.", run: zsets.zremrangebyrank },
  zremrangebyscore: { arity: 4, flags: 'write', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '1.2.0', summary: "Remove all members in a sorted set within the given scores", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.", run: zsets.zremrangebyscore },
  zremrangebylex: { arity: 4, flags: 'write', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.8.9', summary: "Remove all members in a sorted set between the given lexicographical range", complexity: "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.", run: zsets.zremrangebylex },
  zscan: { arity: -3, flags: 'readonly', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '2.8.0', summary: "Incrementally iterate sorted sets elements and associated scores", complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..", run: zsets.zscan },
  zrandmember: { arity: -2, flags: 'readonly', keys: [1, 1, 1], group: 'sorted-set', acl: 'sortedset', since: '6.2.0', summary: "Get one or multiple random elements from a sorted set", complexity: "O(N) where N is the number of elements returned", run: zsets.zrandmember },
  xadd: { arity: -5, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'stream', acl: 'stream', since: '5.0.0', summary: "Appends a new entry to a stream", complexity: "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.", run: streams.xadd },
  xtrim: { arity: -4, flags: 'write', keys: [1, 1, 1], group: 'stream', acl: 'stream', since: '5.0.0', summary: "Trims the stream to (approximately if '~' is passed) a certain size", complexity: "O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation.", run: streams.xtrim },
  xlen: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'stream', acl: 'stream', since: '5.0.0', summary: "Return the number of entries in a stream", run: streams.xlen },
  xdel: { arity: -3, flags: 'write fast', keys: [1, 1, 1], group: 'stream', acl: 'stream', since: '5.0.0', summary: "Removes the specified entries from the stream. Returns the number of items actually deleted, that may be different from the number of IDs passed in case certain IDs do not exist.", complexity: "O(1) for each single item to delete in the stream, regardless of the stream size.", run: streams.xdel },
  xrange: { arity: -4, flags: 'readonly', keys: [1, 1, 1], group: 'stream', acl: 'stream', since: '5.0.0', summary: "Return a range of elements in a stream, with IDs matching the specified IDs interval", complexity: "O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).", run: streams.xrange },
  xrevrange: { arity: -4, flags: 'readonly', keys: [1, 1, 1], group: 'stream', acl: 'stream', since: '5.0.0', summary: "Return a range of elements in a stream, with IDs matching the specified IDs interval, in reverse order (from greater to smaller IDs) compared to XRANGE", complexity: "O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1).", run: streams.xrevrange },
  xread: { arity: -4, flags: 'readonly blocking movablekeys', group: 'stream', acl: 'stream blocking', since: '5.0.0', summary: "Return never seen elements in multiple streams, with IDs greater than the ones reported by the caller for each stream. Can block.", complexity: "For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data.", run: streams.xread },
  hset: { arity: -4, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Set the string value of a hash field', complexity: 'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.', run: hashes.hset },
  hmset: { arity: -4, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Set multiple hash fields to multiple values', complexity: 'O(N) where N is the number of fields being set.', run: hashes.hmset },
  hsetnx: { arity: 4, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Set the value of a hash field, only if the field does not exist', run: hashes.hsetnx },
  hget: { arity: 3, flags: 'readonly fast', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Get the value of a hash field', run: hashes.hget },
  hmget: { arity: -3, flags: 'readonly fast', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Get the values of all the given hash fields', complexity: 'O(N) where N is the number of fields being requested.', run: hashes.hmget },
  hgetall: { arity: 2, flags: 'readonly', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Get all the fields and values in a hash', complexity: 'O(N) where N is the size of the hash.', run: hashes.hgetall },
  hdel: { arity: -3, flags: 'write fast', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Delete one or more hash fields', complexity: 'O(N) where N is the number of fields to be removed.', run: hashes.hdel },
  hexists: { arity: 3, flags: 'readonly fast', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Determine if a hash field exists', run: hashes.hexists },
  hlen: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Get the number of fields in a hash', run: hashes.hlen },
  hstrlen: { arity: 3, flags: 'readonly fast', keys: [1, 1, 1], group: 'hash', since: '3.2.0', summary: 'Get the length of the value of a hash field', run: hashes.hstrlen },
  hkeys: { arity: 2, flags: 'readonly', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Get all the fields in a hash', complexity: 'O(N) where N is the size of the hash.', run: hashes.hkeys },
  hvals: { arity: 2, flags: 'readonly', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Get all the values in a hash', complexity: 'O(N) where N is the size of the hash.', run: hashes.hvals },
  hincrby: { arity: 4, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'hash', since: '2.0.0', summary: 'Increment the integer value of a hash field by the given number', run: hashes.hincrby },
  hscan: { arity: -3, flags: 'readonly', keys: [1, 1, 1], group: 'hash', acl: 'hash', since: '2.8.0', summary: "Incrementally iterate hash fields and associated values", complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..", run: hashes.hscan },
  hrandfield: { arity: -2, flags: 'readonly', keys: [1, 1, 1], group: 'hash', acl: 'hash', since: '6.2.0', summary: "Get one or multiple random fields from a hash", complexity: "O(N) where N is the number of fields returned", run: hashes.hrandfield },
  hincrbyfloat: { arity: 4, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'hash', acl: 'hash', since: '2.6.0', summary: "Increment the float value of a hash field by the given amount", run: hashes.hincrbyfloat },
  expire: { arity: -3, flags: 'write fast', keys: [1, 1, 1], group: 'generic', since: '1.0.0', summary: "Set a key's time to live in seconds", run: keysExpire.expire },
  pexpire: { arity: -3, flags: 'write fast', keys: [1, 1, 1], group: 'generic', since: '2.6.0', summary: "Set a key's time to live in milliseconds", run: keysExpire.pexpire },
  expireat: { arity: -3, flags: 'write fast', keys: [1, 1, 1], group: 'generic', since: '1.2.0', summary: 'Set the expiration for a key as a UNIX timestamp', run: keysExpire.expireat },
  pexpireat: { arity: -3, flags: 'write fast', keys: [1, 1, 1], group: 'generic', since: '2.6.0', summary: 'Set the expiration for a key as a UNIX timestamp specified in milliseconds', run: keysExpire.pexpireat },
  persist: { arity: 2, flags: 'write fast', keys: [1, 1, 1], group: 'generic', since: '2.2.0', summary: 'Remove the expiration from a key', run: keysExpire.persist },
  rename: { arity: 3, flags: 'write', keys: [1, 2, 1], group: 'generic', since: '1.0.0', summary: 'Rename a key', run: keysRename.rename },
  renamenx: { arity: 3, flags: 'write fast', keys: [1, 2, 1], group: 'generic', since: '1.0.0', summary: 'Rename a key, only if the new key does not exist', run: keysRename.renamenx },
  randomkey: { arity: 1, flags: 'readonly', group: 'generic', since: '1.0.0', summary: 'Return a random key from the keyspace', run: keysRename.randomkey },
  copy: { arity: -3, flags: 'write denyoom', keys: [1, 2, 1], group: 'generic', acl: 'keyspace', since: '6.2.0', summary: "Copy a key", complexity: "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.", run: keysRename.copy },
  lmpop: { arity: -4, flags: 'write movablekeys', group: 'list', acl: 'list', since: '7.0.0', summary: "Pop elements from a list", complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.", run: pops.lmpop },
  blmpop: { arity: -5, flags: 'write blocking movablekeys', group: 'list', acl: 'list blocking', since: '7.0.0', summary: "Pop elements from a list, or block until one is available", complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.", run: pops.blmpop },
  zmpop: { arity: -4, flags: 'write movablekeys', group: 'sorted-set', acl: 'sortedset', since: '7.0.0', summary: "Remove and return members with scores in a sorted set", complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.", run: pops.zmpop },
  bzmpop: { arity: -5, flags: 'write blocking movablekeys', group: 'sorted-set', acl: 'sortedset blocking', since: '7.0.0', summary: "Remove and return members with scores in a sorted set or block until one is available", complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.", run: pops.bzmpop },
  bzpopmin: { arity: -3, flags: 'write noscript blocking fast', keys: [1, -2, 1], group: 'sorted-set', acl: 'sortedset blocking', since: '5.0.0', summary: "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available", complexity: "O(log(N)) with N being the number of elements in the sorted set.", run: pops.bzpopmin },
  bzpopmax: { arity: -3, flags: 'write noscript blocking fast', keys: [1, -2, 1], group: 'sorted-set', acl: 'sortedset blocking', since: '5.0.0', summary: "Remove and return the member with the highest score from one or more sorted sets, or block until one is available", complexity: "O(log(N)) with N being the number of elements in the sorted set.", run: pops.bzpopmax },
};

/** Pub/sub's top-level rows. */
export const PUBSUB_ROWS: Record<string, Row> = {
  subscribe: { arity: -2, flags: 'pubsub noscript loading stale', group: 'pubsub', since: '2.0.0', summary: 'Listen for messages published to the given channels', complexity: 'O(N) where N is the number of channels to subscribe to.', run: pubsub.subscribe },
  unsubscribe: { arity: -1, flags: 'pubsub noscript loading stale', group: 'pubsub', since: '2.0.0', summary: 'Stop listening for messages posted to the given channels', complexity: 'O(N) where N is the number of clients already subscribed to a channel.', run: pubsub.unsubscribe },
  psubscribe: { arity: -2, flags: 'pubsub noscript loading stale', group: 'pubsub', since: '2.0.0', summary: 'Listen for messages published to channels matching the given patterns', complexity: 'O(N) where N is the number of patterns the client is already subscribed to.', run: pubsub.psubscribe },
  punsubscribe: { arity: -1, flags: 'pubsub noscript loading stale', group: 'pubsub', since: '2.0.0', summary: 'Stop listening for messages posted to channels matching the given patterns', complexity: 'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).', run: pubsub.punsubscribe },
  publish: { arity: 3, flags: 'pubsub loading stale fast', group: 'pubsub', since: '2.0.0', summary: 'Post a message to a channel', complexity: 'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).', run: pubsub.publish },
  // Shard channels sit where keys would (COMMAND INFO shows them), but as `not_key` specs: they are no keys.
  ssubscribe: { arity: -2, flags: 'pubsub noscript loading stale', keys: [1, -1, 1], group: 'pubsub', since: '7.0.0', summary: 'Listen for messages published to the given shard channels', complexity: 'O(N) where N is the number of shard channels to subscribe to.', run: pubsub.ssubscribe },
  sunsubscribe: { arity: -1, flags: 'pubsub noscript loading stale', keys: [1, -1, 1], group: 'pubsub', since: '7.0.0', summary: 'Stop listening for messages posted to the given shard channels', complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.', run: pubsub.sunsubscribe },
  spublish: { arity: 3, flags: 'pubsub loading stale fast', keys: [1, 1, 1], group: 'pubsub', since: '7.0.0', summary: 'Post a message to a shard channel', complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.', run: pubsub.spublish },
};

/** First-paint commands' kin that no lab sends (the labs use GET, SET, DEL, UNLINK, SCAN, FLUSHALL). */
export const BASIC_ROWS: Record<string, Row> = {
  setnx: { arity: 3, flags: 'write denyoom fast', keys: [1, 1, 1], group: 'string', since: '1.0.0', summary: 'Set the value of a key, only if the key does not exist', run: strings.setnx },
  setex: { arity: 4, flags: 'write denyoom', keys: [1, 1, 1], group: 'string', since: '2.0.0', summary: 'Set the value and expiration of a key', run: strings.setex },
  psetex: { arity: 4, flags: 'write denyoom', keys: [1, 1, 1], group: 'string', since: '2.6.0', summary: 'Set the value and expiration in milliseconds of a key', run: strings.psetex },
  getex: { arity: -2, flags: 'write fast', keys: [1, 1, 1], group: 'string', since: '6.2.0', summary: 'Get the value of a key and optionally set its expiration', run: strings.getex },
  exists: { arity: -2, flags: 'readonly fast', keys: [1, -1, 1], group: 'generic', since: '1.0.0', summary: 'Determine if a key exists', complexity: 'O(N) where N is the number of keys to check.', run: keys.exists },
  type: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'generic', since: '1.0.0', summary: 'Determine the type stored at key', run: keys.type },
  keys: { arity: 2, flags: 'readonly', group: 'generic', acl: 'keyspace dangerous', since: '1.0.0', summary: 'Find all keys matching the given pattern', complexity: 'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.', run: keys.keys },
  touch: { arity: -2, flags: 'readonly fast', keys: [1, -1, 1], group: 'generic', since: '3.2.1', summary: 'Alters the last access time of a key(s). Returns the number of existing keys specified.', complexity: 'O(N) where N is the number of keys that will be touched.', run: keys.touch },
  ttl: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'generic', since: '1.0.0', summary: 'Get the time to live for a key in seconds', run: keysExpire.ttl },
  pttl: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'generic', since: '2.6.0', summary: 'Get the time to live for a key in milliseconds', run: keysExpire.pttl },
  expiretime: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'generic', since: '7.0.0', summary: 'Get the expiration Unix timestamp for a key', run: keysExpire.expiretime },
  pexpiretime: { arity: 2, flags: 'readonly fast', keys: [1, 1, 1], group: 'generic', since: '7.0.0', summary: 'Get the expiration Unix timestamp for a key in milliseconds', run: keysExpire.pexpiretime },
  ping: { arity: -1, flags: 'fast sentinel', group: 'connection', since: '1.0.0', summary: 'Ping the server', run: server.ping },
  echo: { arity: 2, flags: 'loading stale fast', group: 'connection', since: '1.0.0', summary: 'Echo the given string', run: server.echo },
  select: { arity: 2, flags: 'loading stale fast', group: 'connection', since: '1.0.0', summary: 'Change the selected database for the current connection', run: server.select },
  quit: { arity: -1, flags: 'noscript loading stale fast no_auth allow_busy', group: 'connection', since: '1.0.0', summary: 'Close the connection', run: server.quit },
  dbsize: { arity: 1, flags: 'readonly fast', group: 'server', acl: 'keyspace', since: '1.0.0', summary: 'Return the number of keys in the selected database', run: server.dbsize },
  flushdb: { arity: -1, flags: 'write', group: 'server', acl: 'keyspace dangerous', since: '1.0.0', summary: 'Remove all keys from the current database', complexity: 'O(N) where N is the number of keys in the selected database', run: server.flushdb },
  time: { arity: 1, flags: 'loading stale fast', group: 'server', since: '2.6.0', summary: 'Return the current server time', run: server.time },
};

/** MULTI/EXEC and the script commands: a learner types them (the lock lab only shows its EVAL). */
export const MULTI_SCRIPT_ROWS: Record<string, Row> = {
  multi: { arity: 1, flags: 'noscript loading stale fast allow_busy', group: 'transactions', since: '1.2.0', summary: 'Mark the start of a transaction block', run: transactions.multi },
  exec: { arity: 1, flags: 'noscript loading stale skip_slowlog', group: 'transactions', since: '1.2.0', summary: 'Execute all commands issued after MULTI', complexity: 'Depends on commands in the transaction', run: transactions.exec },
  discard: { arity: 1, flags: 'noscript loading stale fast allow_busy', group: 'transactions', since: '2.0.0', summary: 'Discard all commands issued after MULTI', complexity: 'O(N), when N is the number of queued commands', run: transactions.discard },
  watch: { arity: -2, flags: 'noscript loading stale fast allow_busy', keys: [1, -1, 1], group: 'transactions', since: '2.2.0', summary: 'Watch the given keys to determine execution of the MULTI/EXEC block', complexity: 'O(1) for every key.', run: transactions.watch },
  unwatch: { arity: 1, flags: 'noscript loading stale fast allow_busy', group: 'transactions', since: '2.2.0', summary: 'Forget about all watched keys', run: transactions.unwatch },
  eval: { arity: -3, flags: 'noscript stale skip_monitor may_replicate no_mandatory_keys movablekeys', group: 'scripting', since: '2.6.0', summary: 'Execute a Lua script server side', complexity: 'Depends on the script that is executed.', run: scripting.evalCommand },
  evalsha: { arity: -3, flags: 'noscript stale skip_monitor may_replicate no_mandatory_keys movablekeys', group: 'scripting', since: '2.6.0', summary: 'Execute a Lua script server side', complexity: 'Depends on the script that is executed.', run: scripting.evalsha },
  eval_ro: { arity: -3, flags: 'readonly noscript stale skip_monitor no_mandatory_keys movablekeys', group: 'scripting', since: '7.0.0', summary: 'Execute a read-only Lua script server side', complexity: 'Depends on the script that is executed.', run: scripting.evalRo },
  evalsha_ro: { arity: -3, flags: 'readonly noscript stale skip_monitor no_mandatory_keys movablekeys', group: 'scripting', since: '7.0.0', summary: 'Execute a read-only Lua script server side', complexity: 'Depends on the script that is executed.', run: scripting.evalshaRo },
};

/** INFO, HELLO and AUTH: a learner types them; the labs read stats through the emulator's API and never handshake. */
export const SERVER_ROWS: Record<string, Row> = {
  reset: { arity: 1, flags: 'noscript loading stale fast no_auth allow_busy', group: 'connection', since: '6.2.0', summary: 'Reset the connection', run: reset },
  hello: { arity: -1, flags: 'noscript loading stale fast no_auth sentinel allow_busy', group: 'connection', since: '6.0.0', summary: 'Handshake with Redis', run: serverInfo.hello },
  auth: { arity: -2, flags: 'noscript loading stale fast no_auth sentinel allow_busy', group: 'connection', since: '1.0.0', summary: 'Authenticate to the server', complexity: 'O(N) where N is the number of passwords defined for the user', run: serverInfo.auth },
  info: { arity: -1, flags: 'loading stale sentinel', group: 'server', acl: 'dangerous', since: '1.0.0', summary: 'Get information and statistics about the server', run: serverInfo.info },
};

export const TYPE_CONTAINERS: readonly CommandSpec[] = [
  containerSpec('script', 'scripting', '2.6.0', 'A container for Lua scripts management commands', {
    debug: { arity: 3, flags: 'noscript', since: '3.2.0', summary: 'Set the debug mode for executed scripts.', run: scripting.scriptDebug },
    exists: { arity: -3, flags: 'noscript', since: '2.6.0', summary: 'Check existence of scripts in the script cache.', complexity: 'O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).', run: scripting.scriptExists },
    flush: { arity: -2, flags: 'noscript', since: '2.6.0', summary: 'Remove all the scripts from the script cache.', complexity: 'O(N) with N being the number of scripts in cache', run: scripting.scriptFlush },
    help: { arity: 2, flags: 'loading stale', since: '5.0.0', summary: 'Show helpful text about the different subcommands', run: scripting.scriptHelp },
    kill: { arity: 2, flags: 'noscript allow_busy', since: '2.6.0', summary: 'Kill the script currently in execution.', run: scripting.scriptKill },
    load: { arity: 3, flags: 'noscript stale', since: '2.6.0', summary: 'Load the specified Lua script into the script cache.', complexity: 'O(N) with N being the length in bytes of the script body.', run: scripting.scriptLoad },
  }),
  containerSpec('object', 'generic', '2.2.3', 'A container for object introspection commands', {
    encoding: { arity: 3, flags: 'readonly', keys: [2, 2, 1], acl: 'keyspace', since: '2.2.3', summary: 'Inspect the internal encoding of a Redis object', run: object.objectEncoding },
    help: { arity: 2, flags: 'loading stale', acl: 'keyspace', since: '6.2.0', summary: 'Show helpful text about the different subcommands', run: object.objectHelp },
    freq: { arity: 3, flags: 'readonly', keys: [2, 2, 1], acl: 'keyspace', since: '4.0.0', summary: 'Get the logarithmic access frequency counter of a Redis object', run: memory.objectFreq },
    idletime: { arity: 3, flags: 'readonly', keys: [2, 2, 1], acl: 'keyspace', since: '2.2.3', summary: 'Get the time since a Redis object was last accessed', run: memory.objectIdletime },
    refcount: { arity: 3, flags: 'readonly', keys: [2, 2, 1], acl: 'keyspace', since: '2.2.3', summary: 'Get the number of references to the value of the key', run: memory.objectRefcount },
  }),
  containerSpec('memory', 'server', '4.0.0', 'A container for memory diagnostics commands', {
    doctor: { arity: 2, flags: '', since: '4.0.0', summary: 'Outputs memory problems report', run: memory.memoryDoctor },
    help: { arity: 2, flags: 'loading stale', since: '4.0.0', summary: 'Show helpful text about the different subcommands', run: memory.memoryHelp },
    'malloc-stats': { arity: 2, flags: '', since: '4.0.0', summary: 'Show allocator internal stats', complexity: 'Depends on how much memory is allocated, could be slow', run: memory.memoryMallocStats },
    purge: { arity: 2, flags: '', since: '4.0.0', summary: 'Ask the allocator to release memory', complexity: 'Depends on how much memory is allocated, could be slow', run: memory.memoryPurge },
    stats: { arity: 2, flags: '', since: '4.0.0', summary: 'Show memory usage details', run: memory.memoryStats },
    usage: { arity: -3, flags: 'readonly', keys: [2, 2, 1], since: '4.0.0', summary: 'Estimate the memory usage of a key', complexity: 'O(N) where N is the number of samples.', run: memory.memoryUsageRun },
  }),
  containerSpec('config', 'server', '2.0.0', 'A container for server configuration commands', {
    get: { arity: -3, flags: 'admin noscript loading stale', since: '2.0.0', summary: 'Get the values of configuration parameters', complexity: 'O(N) when N is the number of configuration parameters provided', run: config.configGet },
    set: { arity: -4, flags: 'admin noscript loading stale', since: '2.0.0', summary: 'Set configuration parameters to the given values', complexity: 'O(N) when N is the number of configuration parameters provided', run: config.configSet },
    resetstat: { arity: 2, flags: 'admin noscript loading stale', since: '2.0.0', summary: 'Reset the stats returned by INFO', run: config.configResetstat },
  }),
  containerSpec('command', 'server', '2.8.13', 'Get array of Redis command details', {
    count: { arity: 2, flags: 'loading stale', acl: 'connection', since: '2.8.13', summary: 'Get total number of Redis commands', run: introspection.commandCount },
    docs: { arity: -2, flags: 'loading stale', acl: 'connection', since: '7.0.0', summary: 'Get array of specific Redis command documentation', complexity: 'O(N) where N is the number of commands to look up', run: introspection.commandDocs },
    info: { arity: -2, flags: 'loading stale', acl: 'connection', since: '2.8.13', summary: 'Get array of specific Redis command details, or all when no argument is given.', complexity: 'O(N) where N is the number of commands to look up', run: introspection.commandInfoRun },
    list: { arity: -2, flags: 'loading stale', acl: 'connection', since: '7.0.0', summary: 'Get an array of Redis command names', complexity: 'O(N) where N is the total number of Redis commands', run: introspection.commandList },
    getkeys: { arity: -4, flags: 'loading stale', acl: 'connection', since: '2.8.13', summary: 'Extract keys given a full Redis command', complexity: 'O(N) where N is the number of arguments to the command', run: introspection.commandGetkeys },
    getkeysandflags: { arity: -4, flags: 'loading stale', acl: 'connection', since: '7.0.0', summary: 'Extract keys and access flags given a full Redis command', complexity: 'O(N) where N is the number of arguments to the command', run: introspection.commandGetkeysandflags },
    help: { arity: 2, flags: 'loading stale', acl: 'connection', since: '5.0.0', summary: 'Show helpful text about the different subcommands', run: introspection.commandHelp },
  }),
  containerSpec('pubsub', 'pubsub', '2.8.0', 'A container for Pub/Sub commands', {
    channels: { arity: -2, flags: 'pubsub loading stale', since: '2.8.0', summary: 'List active channels', complexity: 'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)', run: pubsub.pubsubChannels },
    help: { arity: 2, flags: 'loading stale', acl: '', since: '6.2.0', summary: 'Show helpful text about the different subcommands', run: pubsub.pubsubHelp },
    numsub: { arity: -2, flags: 'pubsub loading stale', since: '2.8.0', summary: 'Get the count of subscribers for channels', complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels', run: pubsub.pubsubNumsub },
    numpat: { arity: 2, flags: 'pubsub loading stale', since: '2.8.0', summary: 'Get the count of unique patterns pattern subscriptions', run: pubsub.pubsubNumpat },
    shardchannels: { arity: -2, flags: 'pubsub loading stale', since: '7.0.0', summary: 'List active shard channels', complexity: 'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).', run: pubsub.pubsubShardchannels },
    shardnumsub: { arity: -2, flags: 'pubsub loading stale', since: '7.0.0', summary: 'Get the count of subscribers for shard channels', complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels', run: pubsub.pubsubShardnumsub },
  }),
];

/** CLIENT's tracking subcommands, and INFO, LIST, NO-EVICT and HELP. */
export const TYPE_SUBCOMMANDS: Record<string, Record<string, Row>> = {
  client: {
    info: { arity: 2, flags: 'noscript loading stale sentinel', group: 'connection', since: '6.2.0', summary: 'Returns information about the current client connection.', run: serverInfo.clientInfo },
    list: { arity: -2, flags: 'admin noscript loading stale sentinel', group: 'connection', since: '2.4.0', summary: 'Get the list of client connections', complexity: 'O(N) where N is the number of client connections', run: serverInfo.clientList },
    'no-evict': { arity: 3, flags: 'admin noscript loading stale sentinel', group: 'connection', since: '7.0.0', summary: 'Set client eviction mode for the current connection', run: serverInfo.clientNoEvict },
    help: { arity: 2, flags: 'loading stale sentinel', group: 'connection', since: '5.0.0', summary: 'Show helpful text about the different subcommands', run: serverInfo.clientHelp },
    tracking: { arity: -3, flags: 'noscript loading stale', group: 'connection', since: '6.0.0', summary: 'Enable or disable server assisted client side caching support', complexity: 'O(1). Some options may introduce additional complexity.', run: tracking.clientTracking },
    caching: { arity: 3, flags: 'noscript loading stale', group: 'connection', since: '6.0.0', summary: 'Instruct the server about tracking or not keys in the next request', run: tracking.clientCaching },
    getredir: { arity: 2, flags: 'noscript loading stale', group: 'connection', since: '6.0.0', summary: 'Get tracking notifications redirection client ID if any', run: tracking.clientGetredir },
    trackinginfo: { arity: 2, flags: 'noscript loading stale', group: 'connection', since: '6.2.0', summary: 'Return information about server assisted client side caching for the current connection', run: tracking.clientTrackinginfo },
  },
};

// COMMAND with no subcommand lists everything: the container itself runs when called alone.
const commandContainer = TYPE_CONTAINERS.find((container) => container.name === 'command')!;
(commandContainer as { arity: number }).arity = -1;
(commandContainer as { run: CommandRun | null }).run = introspection.command;
(commandContainer as { flags: readonly string[] }).flags = ['loading', 'stale'];

/** COMMAND DOCS's summary and complexity of the first-load rows (table.ts), by full name: only COMMAND reads them. */
export const DOCS: Record<string, readonly [summary: string, complexity?: string]> = {
  get: ['Get the value of a key'],
  set: ['Set the string value of a key'],
  del: ['Delete a key', 'O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).'],
  unlink: ['Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.', 'O(1) for each key removed regardless of its size. Then the command does O(N) work in a different thread in order to reclaim memory, where N is the number of allocations the deleted objects where composed of.'],
  scan: ['Incrementally iterate the keys space', 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.'],
  flushall: ['Remove all keys from all databases', 'O(N) where N is the total number of keys in all databases'],
  'client|id': ['Returns the client ID for the current connection'],
  'client|getname': ['Get the current connection name'],
  'client|setname': ['Set the current connection name'],
};
