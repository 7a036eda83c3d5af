// Hand-written scripts for the data types (lists, sets, sorted sets, streams, HSCAN/HRANDFIELD/
// HINCRBYFLOAT, COPY, OBJECT ENCODING), every option and error path; see differential-types.test.ts.
import { FAR_MS, PAST_MS } from './differential-scripts.ts';

const many = (prefix: string, n: number, from = 0): string => Array.from({ length: n }, (_, i) => `${prefix}${i + from}`).join(' ');
const manyScored = (n: number): string => Array.from({ length: n }, (_, i) => `${i} m${i}`).join(' ');
const long = 'x'.repeat(65);

export const TYPE_SCRIPTS: Record<string, string[]> = {
  'LPUSH RPUSH LPUSHX RPUSHX LLEN LRANGE': [
    'LPUSH l a b c', 'RPUSH l d e', 'LRANGE l 0 -1', 'LLEN l', 'LPUSHX l z', 'RPUSHX l y', 'LPUSHX nope a', 'RPUSHX nope a', 'EXISTS nope',
    'LRANGE l 1 2', 'LRANGE l -2 -1', 'LRANGE l -100 100', 'LRANGE l 5 1', 'LRANGE l 100 200', 'LRANGE l x 1', 'LRANGE l 0 y', 'LRANGE nope 0 -1',
    'LRANGE nope x 1', 'LRANGE l 0 9223372036854775807', 'LRANGE l -9223372036854775808 0', 'LLEN nope', 'LPUSH', 'LPUSH l', 'RPUSH l',
    'SET s v', 'LPUSH s a', 'RPUSH s a', 'LPUSHX s a', 'LLEN s', 'LRANGE s 0 -1', 'TYPE l', 'OBJECT ENCODING l',
    'RPUSH bin \\x00\\xff \\e', 'LRANGE bin 0 -1', 'RPUSH n 1 2 3', 'LRANGE n 0 -1',
  ],
  'LPOP RPOP with and without count': [
    'RPUSH l a b c d e', 'LPOP l', 'RPOP l', 'LPOP l 2', 'RPOP l 0', 'LRANGE l 0 -1', 'RPOP l 5', 'EXISTS l', 'LPOP l', 'LPOP l 2', 'RPOP l 0',
    'RPUSH l a', 'LPOP l -1', 'LPOP l x', 'LPOP l 1 2', 'LPOP l 9223372036854775807', 'EXISTS l', 'SET s v', 'LPOP s', 'RPOP s 2', 'LPOP s x', 'LPOP',
    'RPUSH t a b', 'EXPIRE t 100', 'LPOP t', 'TTL t', 'LPOP t', 'TTL t', 'EXISTS t',
  ],
  'LINDEX LSET LINSERT LREM LTRIM LPOS': [
    'RPUSH l a b c b a', 'LINDEX l 0', 'LINDEX l -1', 'LINDEX l 5', 'LINDEX l -6', 'LINDEX l x', 'LINDEX nope 0', 'LINDEX nope x',
    'LSET l 0 A', 'LSET l -1 Z', 'LSET l 5 q', 'LSET l x q', 'LSET nope 0 q', 'LSET nope x q', 'LRANGE l 0 -1',
    'LINSERT l BEFORE b X', 'LINSERT l after b Y', 'LINSERT l BEFORE nothere X', 'LINSERT l MIDDLE b X', 'LINSERT nope BEFORE a b',
    'LINSERT nope MIDDLE a b', 'LRANGE l 0 -1', 'LREM l 1 b', 'LREM l -1 b', 'LRANGE l 0 -1', 'RPUSH r a a a b a', 'LREM r 0 a', 'LRANGE r 0 -1',
    'LREM r 0 b', 'EXISTS r', 'LREM nope 0 a', 'LREM l x a', 'RPUSH r a b a b a', 'LREM r -2 a', 'LRANGE r 0 -1',
    'RPUSH t 0 1 2 3 4 5 6', 'LTRIM t 1 -2', 'LRANGE t 0 -1', 'LTRIM t -3 100', 'LRANGE t 0 -1', 'LTRIM t 2 1', 'EXISTS t', 'LTRIM nope 0 1',
    'LTRIM t x 1', 'RPUSH p a b c a b c a', 'LPOS p a', 'LPOS p a RANK 2', 'LPOS p a RANK -1', 'LPOS p a RANK -2', 'LPOS p a COUNT 0',
    'LPOS p a COUNT 2', 'LPOS p a COUNT 2 RANK -1', 'LPOS p a MAXLEN 3', 'LPOS p a MAXLEN 3 COUNT 0', 'LPOS p c MAXLEN 1', 'LPOS p z',
    'LPOS p z COUNT 1', 'LPOS p a RANK 0', 'LPOS p a RANK x', 'LPOS p a COUNT -1', 'LPOS p a MAXLEN -1', 'LPOS p a COUNT x', 'LPOS p a FOO 1',
    'LPOS p a RANK', 'LPOS nope a', 'LPOS nope a COUNT 1', 'LPOS p a RANK 9', 'LPOS p a RANK -9223372036854775808',
    'SET s v', 'LINDEX s 0', 'LSET s 0 a', 'LINSERT s BEFORE a b', 'LREM s 0 a', 'LTRIM s 0 1', 'LPOS s a',
  ],
  'LMOVE RPOPLPUSH': [
    'RPUSH a 1 2 3', 'LMOVE a b LEFT RIGHT', 'LMOVE a b RIGHT LEFT', 'LRANGE a 0 -1', 'LRANGE b 0 -1', 'LMOVE a a LEFT RIGHT', 'LRANGE a 0 -1',
    'LMOVE a b UP LEFT', 'LMOVE a b left down', 'LMOVE nope b LEFT LEFT', 'RPOPLPUSH a b', 'EXISTS a', 'RPOPLPUSH b b', 'LRANGE b 0 -1',
    'RPOPLPUSH nope b', 'SET s v', 'LMOVE b s LEFT LEFT', 'LRANGE b 0 -1', 'LMOVE s b LEFT LEFT', 'RPOPLPUSH b s', 'RPOPLPUSH nope s',
    'LMOVE nope s LEFT LEFT',
  ],
  'BLPOP BRPOP BLMOVE that need not block': [
    'RPUSH a 1 2', 'BLPOP a 0', 'BRPOP a 1', 'EXISTS a', 'RPUSH b x', 'BLPOP nope b 0', 'BRPOP nope1 nope2 0.01', 'SET s v', 'BLPOP s 0',
    'BLPOP nope s 0', 'BLPOP a x', 'BLPOP a -1', 'BLPOP a 1e400', 'RPUSH c 1', 'BLMOVE c d LEFT RIGHT 0', 'LRANGE d 0 -1', 'BLMOVE c d UP LEFT 0',
    'BLMOVE c d LEFT LEFT x', 'BLMOVE s d LEFT LEFT 0', 'BRPOPLPUSH d e 0', 'LRANGE e 0 -1', 'BRPOPLPUSH s e 0', 'BRPOPLPUSH nope e 0.01', 'BLPOP',
    'BLPOP a', 'BLMOVE c d LEFT RIGHT',
  ],
  'SADD SREM SCARD SISMEMBER SMISMEMBER SMEMBERS': [
    'SADD s a b c', 'SADD s a d', 'SCARD s', 'SISMEMBER s a', 'SISMEMBER s z', 'SMISMEMBER s a z b', 'SMEMBERS s', 'SREM s a z', 'SREM s b c d',
    'EXISTS s', 'SCARD nope', 'SISMEMBER nope a', 'SMISMEMBER nope a b', 'SMEMBERS nope', 'SREM nope a', 'SADD i 3 1 2 -5 10', 'SMEMBERS i',
    'OBJECT ENCODING i', 'SADD i x', 'OBJECT ENCODING i', 'SREM i x', 'OBJECT ENCODING i', 'SET str v', 'SADD str a', 'SREM str a',
    'SCARD str', 'SISMEMBER str a', 'SMISMEMBER str a', 'SMEMBERS str', 'SADD', 'SADD s', 'SMISMEMBER s', 'TYPE i',
    'SADD z 01 1 +1 -0 0', 'SMEMBERS z', 'OBJECT ENCODING z', 'SADD big 9223372036854775807 -9223372036854775808', 'SMEMBERS big',
    'OBJECT ENCODING big', 'SADD b \\x00 \\xff \\e', 'SMEMBERS b',
  ],
  'SINTER SUNION SDIFF and their STORE forms, SINTERCARD': [
    'SADD a 1 2 3 4', 'SADD b 3 4 5', 'SADD c x 3', 'SINTER a b', 'SINTER a b c', 'SINTER a nope', 'SUNION a b', 'SUNION a nope', 'SDIFF a b',
    'SDIFF a b c', 'SDIFF nope a', 'SDIFF a nope', 'SDIFF a a', 'SINTERSTORE d a b', 'SMEMBERS d', 'OBJECT ENCODING d', 'SUNIONSTORE d a c',
    'SMEMBERS d', 'OBJECT ENCODING d', 'SDIFFSTORE d a b', 'SMEMBERS d', 'SINTERSTORE d a nope', 'EXISTS d', 'SET d v EX 100',
    'SUNIONSTORE d a b', 'TTL d', 'TYPE d', 'SDIFFSTORE d a a', 'EXISTS d', 'SINTERCARD 2 a b', 'SINTERCARD 1 a', 'SINTERCARD 2 a b LIMIT 1',
    'SINTERCARD 2 a b LIMIT 0', 'SINTERCARD 2 a nope', 'SINTERCARD 0 a', 'SINTERCARD x a', 'SINTERCARD 3 a b', 'SINTERCARD 2 a b LIMIT -1',
    'SINTERCARD 2 a b LIMIT x', 'SINTERCARD 2 a b FOO', 'SINTERCARD 2 a b LIMIT', 'SET s v', 'SINTER a s', 'SINTER nope s', 'SUNION a s',
    'SDIFF s a', 'SDIFF nope s', 'SINTERSTORE d a s', 'SUNIONSTORE s a', 'TYPE s', 'SINTERCARD 2 a s', 'SINTER', 'SINTERSTORE d',
  ],
  'SPOP SRANDMEMBER SMOVE on deterministic cases': [
    'SADD s a', 'SPOP s', 'EXISTS s', 'SPOP s', 'SPOP s 3', 'SADD s a b c', 'SPOP s 0', 'SPOP s 10', 'EXISTS s', 'SPOP s -1', 'SPOP s x',
    'SPOP s 1 2', 'SADD s a b', 'SRANDMEMBER s 0', 'SRANDMEMBER nope', 'SRANDMEMBER nope 5', 'SRANDMEMBER s 1 2', 'SRANDMEMBER s x',
    'SRANDMEMBER s -9223372036854775808', 'SADD one only', 'SRANDMEMBER one', 'SRANDMEMBER one -3', 'SRANDMEMBER one 3',
    'SADD m 1 2', 'SMOVE m n 1', 'SMEMBERS m', 'SMEMBERS n', 'SMOVE m n 9', 'SMOVE m m 2', 'SMOVE m m 9', 'SMOVE m n 2', 'EXISTS m',
    'SMOVE nope n 1', 'SET str v', 'SMOVE n str 1', 'SMOVE str n 1', 'SMOVE nope str 1', 'SPOP str', 'SRANDMEMBER str', 'SPOP str 2',
  ],
  'SSCAN HSCAN ZSCAN over small encodings': [
    'SADD s 3 1 2', 'SSCAN s 0', 'SSCAN s 0 MATCH 1*', 'SSCAN s 0 COUNT 1', 'SSCAN s 0 COUNT 0', 'SSCAN s 0 COUNT x', 'SSCAN s 0 FOO',
    'SSCAN s x', 'SSCAN nope 0', 'SSCAN nope 0 FOO', 'SSCAN nope x', 'SSCAN s 0 TYPE string', 'HSET h a 1 b 2 ab 3', 'HSCAN h 0',
    'HSCAN h 0 MATCH a*', 'HSCAN h 0 COUNT 100', 'HSCAN h 0 MATCH', 'ZADD z 1 a 2.5 b -inf c 1e20 d', 'ZSCAN z 0', 'ZSCAN z 0 MATCH [ab]',
    'SET str v', 'SSCAN str 0', 'HSCAN str 0', 'ZSCAN str 0', 'SSCAN str x', 'HSCAN h -1', 'HSCAN h 18446744073709551616',
  ],
  'ZADD flags': [
    'ZADD z 1 a 2 b', 'ZADD z NX 5 a 3 c', 'ZRANGE z 0 -1 WITHSCORES', 'ZADD z XX 5 a 4 d', 'ZRANGE z 0 -1 WITHSCORES', 'ZADD z XX CH 6 a 6 b',
    'ZADD z GT 1 a', 'ZADD z GT CH 7 a', 'ZADD z LT CH 0 a 9 b', 'ZRANGE z 0 -1 WITHSCORES', 'ZADD z INCR 1.5 a', 'ZADD z INCR NX 1 a',
    'ZADD z INCR XX 1 nope', 'ZADD z INCR GT -100 a', 'ZADD z INCR LT -1 a', 'ZADD z NX XX 1 a', 'ZADD z GT LT 1 a', 'ZADD z NX GT 1 a',
    'ZADD z INCR 1 a 2 b', 'ZADD z 1', 'ZADD z', 'ZADD z 1 a 2', 'ZADD z x a', 'ZADD z nan a', 'ZADD z 1e400 a', 'ZADD z inf a', 'ZADD z -inf b',
    'ZADD z +inf c', 'ZSCORE z a', 'ZSCORE z b', 'ZADD z INCR -inf a', 'ZADD z 0x10 h', 'ZADD z 1e-400 q', 'ZADD z \\s1 q', 'ZADD z 1\\s q',
    'ZADD z \\e q', 'ZADD z .5 q', 'ZADD z 5. r', 'ZADD z -0 s', 'ZSCORE z s', 'ZADD z 0.1 t', 'ZSCORE z t', 'ZADD z 1e17 u', 'ZSCORE z u',
    'ZADD z 123456789012345678 v', 'ZSCORE z v', 'ZRANGE z 0 -1 WITHSCORES', 'ZADD nope XX 1 a', 'EXISTS nope', 'ZADD nope XX INCR 1 a',
    'ZADD z ch 1 a', 'ZADD z CH CH 1 a', 'SET s v', 'ZADD s 1 a', 'ZADD s x a', 'ZADD s NX XX 1 a', 'ZINCRBY z 2 a', 'ZINCRBY z 2 new',
    'ZINCRBY z x a', 'ZINCRBY s 1 a', 'ZINCRBY nope 1.5 m', 'ZSCORE nope m', 'ZINCRBY z 1', 'TYPE z', 'OBJECT ENCODING z',
  ],
  'ZREM ZCARD ZSCORE ZMSCORE ZRANK ZREVRANK ZCOUNT ZLEXCOUNT': [
    'ZADD z 1 a 2 b 3 c 3 d', 'ZCARD z', 'ZCARD nope', 'ZSCORE z b', 'ZSCORE z nope', 'ZSCORE nope a', 'ZMSCORE z a nope c', 'ZMSCORE nope a b',
    'ZRANK z a', 'ZRANK z d', 'ZREVRANK z a', 'ZRANK z nope', 'ZRANK nope a', 'ZCOUNT z 1 3', 'ZCOUNT z (1 3', 'ZCOUNT z (1 (3', 'ZCOUNT z -inf +inf',
    'ZCOUNT z 3 1', 'ZCOUNT z x 1', 'ZCOUNT z 1 nan', 'ZCOUNT z \\e \\e', 'ZCOUNT z ( (5', 'ZCOUNT nope 0 1', 'ZADD l 0 a 0 b 0 c 0 d',
    'ZLEXCOUNT l - +', 'ZLEXCOUNT l [b [c', 'ZLEXCOUNT l (a (d', 'ZLEXCOUNT l + -', 'ZLEXCOUNT l [c [b', 'ZLEXCOUNT l a b', 'ZLEXCOUNT l -x +',
    'ZLEXCOUNT l [a', 'ZLEXCOUNT nope - +', 'ZLEXCOUNT l ( [', 'ZREM z a nope', 'ZREM z b c d', 'EXISTS z', 'ZREM nope a', 'SET s v', 'ZREM s a',
    'ZCARD s', 'ZSCORE s a', 'ZMSCORE s a', 'ZRANK s a', 'ZCOUNT s 0 1', 'ZLEXCOUNT s - +', 'ZMSCORE z', 'ZREM z',
  ],
  'ZRANGE family': [
    'ZADD z 1 a 2 b 3 c 4 d 5 e', 'ZRANGE z 0 -1', 'ZRANGE z 1 2 WITHSCORES', 'ZRANGE z -2 -1 withscores', 'ZRANGE z 0 -1 REV', 'ZRANGE z 0 1 REV WITHSCORES',
    'ZRANGE z 2 (4 BYSCORE', 'ZRANGE z 2 4 BYSCORE', 'ZRANGE z (2 4 BYSCORE WITHSCORES', 'ZRANGE z 4 2 BYSCORE REV', 'ZRANGE z +inf -inf BYSCORE REV LIMIT 1 2',
    'ZRANGE z -inf +inf BYSCORE LIMIT 1 -1', 'ZRANGE z -inf +inf BYSCORE LIMIT -1 2', 'ZRANGE z -inf +inf BYSCORE LIMIT 5 2', 'ZRANGE z -inf +inf BYSCORE LIMIT 0 0',
    'ZRANGE z 0 -1 LIMIT 0 1', 'ZRANGE z 0 -1 LIMIT 0 -1', 'ZRANGE z - + BYLEX', 'ZRANGE z [b (d BYLEX', 'ZRANGE z + - BYLEX REV', 'ZRANGE z - + BYLEX WITHSCORES',
    'ZRANGE z - + BYLEX LIMIT 1 1', 'ZRANGE z a b BYLEX', 'ZRANGE z x 1 BYSCORE', 'ZRANGE z x 1', 'ZRANGE z 0 1 BYSCORE BYLEX', 'ZRANGE z 0 1 REV REV',
    'ZRANGE z 0 1 FOO', 'ZRANGE z 0 1 LIMIT 1', 'ZRANGE z 0 1 LIMIT x 1', 'ZRANGE nope 0 -1', 'ZRANGE nope x 1', 'ZRANGE nope 0 -1 BYLEX',
    'ZREVRANGE z 0 1', 'ZREVRANGE z 0 -1 WITHSCORES', 'ZREVRANGE z 0 1 BYSCORE', 'ZRANGEBYSCORE z 2 4', 'ZRANGEBYSCORE z -inf +inf WITHSCORES LIMIT 1 2',
    'ZRANGEBYSCORE z 2 4 REV', 'ZRANGEBYSCORE z (1 (5', 'ZREVRANGEBYSCORE z 4 2', 'ZREVRANGEBYSCORE z +inf -inf LIMIT 0 2 WITHSCORES', 'ZREVRANGEBYSCORE z 2 4',
    'ZADD l 0 a 0 b 0 c 0 d', 'ZRANGEBYLEX l [b +', 'ZRANGEBYLEX l - + LIMIT 1 2', 'ZRANGEBYLEX l - [c WITHSCORES', 'ZREVRANGEBYLEX l + -',
    'ZREVRANGEBYLEX l (c - LIMIT 0 1', 'ZRANGEBYLEX l b c', 'ZRANGE z 0 9223372036854775807', 'ZRANGE z -9223372036854775808 1',
    'SET s v', 'ZRANGE s 0 -1', 'ZRANGE s x 1', 'ZRANGEBYSCORE s 0 1', 'ZREVRANGE s 0 1', 'ZRANGEBYLEX s - +',
    'ZADD mix 1 b 0 a 2 c 0 z', 'ZRANGEBYLEX mix - +', 'ZRANGEBYLEX mix [b [z', 'ZLEXCOUNT mix [a [c',
  ],
  'ZRANGESTORE ZPOPMIN ZPOPMAX ZREMRANGEBY*': [
    'ZADD z 1 a 2 b 3 c 4 d 5 e', 'ZRANGESTORE d z 0 1', 'ZRANGE d 0 -1 WITHSCORES', 'ZRANGESTORE d z 2 4 BYSCORE REV', 'ZRANGE d 0 -1 WITHSCORES',
    'ZRANGESTORE d z [a [b BYLEX', 'ZRANGE d 0 -1', 'ZRANGESTORE d z 5 10', 'EXISTS d', 'ZRANGESTORE d nope 0 -1', 'ZRANGESTORE d z 0 -1 WITHSCORES',
    'SET d v EX 100', 'ZRANGESTORE d z 0 0', 'TTL d', 'TYPE d', 'ZRANGESTORE d z 0 1 LIMIT 0 1', 'ZRANGESTORE d z 1 3 BYSCORE LIMIT 1 1', 'ZRANGE d 0 -1',
    'ZPOPMIN z', 'ZPOPMAX z', 'ZPOPMIN z 2', 'ZPOPMAX z 0', 'ZPOPMAX z 5', 'EXISTS z', 'ZPOPMIN z', 'ZPOPMIN z 1', 'ZPOPMIN z -1', 'ZPOPMIN z x',
    'ZPOPMIN z 1 2', 'ZADD r 1 a 2 b 3 c 4 d 5 e 6 f', 'ZREMRANGEBYRANK r 0 1', 'ZREMRANGEBYRANK r -1 -1', 'ZREMRANGEBYRANK r 5 9', 'ZRANGE r 0 -1',
    'ZREMRANGEBYSCORE r (3 4', 'ZREMRANGEBYSCORE r x 1', 'ZRANGE r 0 -1', 'ZADD q 0 a 0 b 0 c', 'ZREMRANGEBYLEX q [a (c', 'ZRANGE q 0 -1',
    'ZREMRANGEBYLEX q a c', 'ZREMRANGEBYLEX q - +', 'EXISTS q', 'ZREMRANGEBYRANK nope 0 -1', 'ZREMRANGEBYRANK r x 1', 'ZREMRANGEBYSCORE nope 0 1',
    'SET s v', 'ZPOPMIN s', 'ZPOPMAX s 2', 'ZRANGESTORE d s 0 -1', 'ZRANGESTORE s z 0 -1', 'ZREMRANGEBYRANK s 0 1', 'ZREMRANGEBYLEX s - +',
  ],
  'ZRANDMEMBER deterministic cases': [
    'ZADD one 1 a', 'ZRANDMEMBER one', 'ZRANDMEMBER one 3', 'ZRANDMEMBER one -2 WITHSCORES', 'ZRANDMEMBER one 0', 'ZRANDMEMBER nope',
    'ZRANDMEMBER nope 3', 'ZRANDMEMBER one x', 'ZRANDMEMBER one 1 FOO', 'ZRANDMEMBER one 1 WITHSCORES x', 'ZRANDMEMBER one 9223372036854775807 WITHSCORES',
    'ZRANDMEMBER one -9223372036854775808',
  ],
  'XADD IDs and options': [
    'XADD s 1-1 f v', 'XADD s 1-1 f v', 'XADD s 1-0 f v', 'XADD s 1-2 a 1 b 2', 'XADD s 2 f v', 'XADD s 2-* f v', 'XADD s 3-* f v', 'XADD s 3-* f v',
    'XADD s 0-0 f v', 'XADD s 0 f v', 'XADD s 0-* f v', 'XLEN s', 'XADD s x f v', 'XADD s 1-x f v', 'XADD s -1 f v', 'XADD s 5 f', 'XADD s 5 f v g',
    'XADD s 5', 'XADD s + f v', 'XADD s - f v', 'XADD s 18446744073709551615-18446744073709551615 f v', 'XADD s 5 f v', 'XADD s * f v',
    'XADD s 18446744073709551616 f v', 'XADD t 18446744073709551615-18446744073709551614 f v', 'XADD t 18446744073709551615-* f v',
    'XADD t 18446744073709551615-* f v', 'XADD u +5 f v', 'XADD u 06-1 f v', 'XADD u \\s7 f v', 'XRANGE u - +', 'XADD nope NOMKSTREAM 1 f v',
    'EXISTS nope', 'XADD nope NOMKSTREAM * f v', 'SET str v', 'XADD str 1 f v', 'XADD str NOMKSTREAM 1 f v', 'XADD', 'XADD s', 'XADD s 9 f v MAXLEN 1',
    'XRANGE s - +', 'TYPE s', 'OBJECT ENCODING s', 'XADD bin 1 \\x00 \\xff', 'XRANGE bin - +',
  ],
  'XADD and XTRIM trimming': [
    `XADD s 1 f v`, 'XADD s 2 f v', 'XADD s 3 f v', 'XADD s 4 f v', 'XADD s MAXLEN 2 5 f v', 'XRANGE s - +', 'XADD s MAXLEN = 1 6 f v', 'XLEN s',
    'XADD s MAXLEN ~ 0 7 f v', 'XLEN s', 'XADD s MINID 7 8 f v', 'XRANGE s - +', 'XADD s MINID ~ 9 9 f v', 'XLEN s', 'XADD s MAXLEN -1 10 f v',
    'XADD s MAXLEN x 10 f v', 'XADD s MAXLEN 1 MINID 1 10 f v', 'XADD s LIMIT 10 10 f v', 'XADD s MAXLEN 1 LIMIT 10 10 f v',
    'XADD s MAXLEN ~ 1 LIMIT -1 10 f v', 'XADD s MAXLEN ~ 1 LIMIT x 10 f v', 'XADD s MAXLEN ~ 1 LIMIT 10 10 f v', 'XADD s MINID x 11 f v',
    'XADD s MINID - 11 f v', 'XADD s MAXLEN', 'XADD s MAXLEN 1', 'XADD s NOMKSTREAM MAXLEN 0 12 f v', 'XLEN s', 'EXISTS s', 'XRANGE s - +',
    'XTRIM s MAXLEN 0', 'XTRIM s MAXLEN 0', 'XTRIM nope MAXLEN 0', 'XTRIM s', 'XTRIM s FOO 1', 'XTRIM s MAXLEN ~ 1 LIMIT 5', 'XTRIM s MINID 1 LIMIT 5',
    'XTRIM s LIMIT 5', 'XTRIM s MAXLEN x', 'XTRIM s MINID +', 'SET str v', 'XTRIM str MAXLEN 1', 'XTRIM str FOO',
    `XADD big 1 f v`, ...Array.from({ length: 249 }, (_, i) => `XADD big ${i + 2} f v`), 'XTRIM big MAXLEN ~ 120', 'XLEN big', 'XTRIM big MAXLEN ~ 50 LIMIT 60',
    'XLEN big', 'XTRIM big MAXLEN ~ 50 LIMIT 100', 'XLEN big', 'XTRIM big MINID ~ 240', 'XLEN big', 'XTRIM big MINID 240', 'XLEN big', 'XRANGE big - + COUNT 2',
    'XDEL big 240 241', 'XADD big MAXLEN ~ 1 300 f v', 'XLEN big',
    // Nodes closed by stream-node-max-bytes (4096) before 100 entries: 80-byte values, mixed field names.
    ...Array.from({ length: 300 }, (_, i) => `XADD wide ${i + 1} ${i % 7 === 0 ? 'g' : 'f'} ${'v'.repeat(70)}${i}`), 'XTRIM wide MAXLEN ~ 200',
    'XLEN wide', 'XTRIM wide MAXLEN ~ 100 LIMIT 50', 'XLEN wide', 'XTRIM wide MINID ~ 250', 'XLEN wide', 'CONFIG SET stream-node-max-bytes 1kb',
    ...Array.from({ length: 60 }, (_, i) => `XADD wide ${i + 400} f ${'w'.repeat(i)}`), 'XTRIM wide MAXLEN ~ 30', 'XLEN wide',
    'CONFIG SET stream-node-max-bytes 4096', 'CONFIG GET stream-node-max-bytes',
  ],
  'XRANGE XREVRANGE XDEL XLEN': [
    'XADD s 1-1 a 1', 'XADD s 1-2 b 2', 'XADD s 2-0 c 3', 'XADD s 3-5 d 4', 'XRANGE s - +', 'XRANGE s 1 1', 'XRANGE s 1-2 +', 'XRANGE s (1-1 +',
    'XRANGE s - (3-5', 'XRANGE s (1 (3', 'XRANGE s - + COUNT 2', 'XRANGE s - + COUNT 0', 'XRANGE s - + COUNT -1', 'XRANGE s - + COUNT x',
    'XRANGE s - + FOO', 'XRANGE s - + COUNT', 'XRANGE s 3 1', 'XRANGE s x +', 'XRANGE s - y', 'XRANGE s (- +', 'XRANGE s - (+', 'XRANGE s ( +',
    'XRANGE s (18446744073709551615-18446744073709551615 +', 'XRANGE s - (0-0', 'XRANGE s 1-* +', 'XREVRANGE s + -', 'XREVRANGE s + - COUNT 1',
    'XREVRANGE s (3-5 -', 'XREVRANGE s 2 1', 'XREVRANGE s - +', 'XRANGE nope - +', 'XRANGE nope - + COUNT 0', 'XREVRANGE nope + -', 'XLEN s', 'XLEN nope',
    'XDEL s 1-2 9-9', 'XDEL s 1-2', 'XDEL s x', 'XDEL s 1-1 x', 'XRANGE s - +', 'XDEL s 1-1 2-0 3-5', 'XLEN s', 'EXISTS s', 'XRANGE s - +',
    'XADD s 3-5 f v', 'XADD s 4 f v', 'XDEL nope 1', 'XDEL nope x', 'XDEL s - +', 'SET str v', 'XRANGE str - +', 'XLEN str', 'XDEL str 1', 'XREVRANGE str + -',
    'XDEL s', 'XRANGE s -', 'XLEN',
  ],
  'XREAD without blocking': [
    'XADD a 1 f v', 'XADD a 2 g w', 'XADD b 5 x y', 'XREAD STREAMS a 0', 'XREAD STREAMS a 1', 'XREAD STREAMS a 2', 'XREAD COUNT 1 STREAMS a b 0 0',
    'XREAD STREAMS a b 0-0 4', 'XREAD STREAMS a b $ $', 'XREAD STREAMS nope 0', 'XREAD STREAMS nope $', 'XREAD STREAMS a', 'XREAD STREAMS a b 0',
    'XREAD COUNT x STREAMS a 0', 'XREAD COUNT -1 STREAMS a 0', 'XREAD FOO STREAMS a 0', 'XREAD COUNT 1', 'XREAD STREAMS a x', 'XREAD STREAMS a >',
    'XREAD GROUP g c STREAMS a 0', 'XREAD NOACK STREAMS a 0', 'XREAD BLOCK x STREAMS a 0', 'XREAD BLOCK -1 STREAMS a 0', 'XREAD BLOCK 0 STREAMS a 0',
    'XREAD BLOCK 100 COUNT 1 STREAMS a b 1 1', 'SET str v', 'XREAD STREAMS str 0', 'XREAD STREAMS a str 0 0', 'XREAD STREAMS a 18446744073709551615-18446744073709551615',
    'XDEL a 2', 'XREAD STREAMS a 1', 'XREAD streams a 0-0',
  ],
  'HSCAN HRANDFIELD HINCRBYFLOAT': [
    'HINCRBYFLOAT h f 1.5', 'HINCRBYFLOAT h f 0.1', 'HINCRBYFLOAT h f -1.6', 'HGET h f', 'HINCRBYFLOAT h f 1e3', 'HINCRBYFLOAT h f x',
    'HINCRBYFLOAT h f inf', 'HINCRBYFLOAT h f nan', 'HINCRBYFLOAT h f 1e5000', 'HSET h s abc', 'HINCRBYFLOAT h s 1', 'HSET h n 5', 'HINCRBYFLOAT h n 0.5',
    'HINCRBYFLOAT h m 3.0e2', 'HINCRBYFLOAT h m .5', 'HINCRBYFLOAT nope f 1', 'HSET str f v', 'SET str v', 'HINCRBYFLOAT str f 1', 'HINCRBYFLOAT h f',
    'HSET h big 1.7976931348623157e308', 'HINCRBYFLOAT h big 1.7976931348623157e308', 'HINCRBYFLOAT h f 0x10',
    'HSET one a 1', 'HRANDFIELD one', 'HRANDFIELD one 1', 'HRANDFIELD one 5', 'HRANDFIELD one -3', 'HRANDFIELD one 2 WITHVALUES', 'HRANDFIELD one -2 WITHVALUES',
    'HRANDFIELD one 0', 'HRANDFIELD one x', 'HRANDFIELD one 1 FOO', 'HRANDFIELD one 1 WITHVALUES x', 'HRANDFIELD one 9223372036854775807 WITHVALUES',
    'HRANDFIELD one -9223372036854775808', 'HRANDFIELD nope', 'HRANDFIELD nope 5', 'HRANDFIELD nope 5 WITHVALUES', 'HRANDFIELD str', 'HRANDFIELD str 1',
    'HRANDFIELD', 'HSCAN one 0', 'HSCAN nope 0', 'HSCAN str 0',
  ],
  'COPY TYPE OBJECT ENCODING': [
    'SET a 1', 'COPY a b', 'GET b', 'COPY a b', 'COPY a b REPLACE', 'COPY a a', 'COPY a a DB 1', 'SELECT 1', 'GET a', 'SELECT 0', 'COPY nope b',
    'COPY a b DB 16', 'COPY a b DB x', 'COPY a b DB -1', 'COPY a b FOO', 'COPY a b DB', 'SET t v EX 100', 'COPY t u', 'TTL u',
    'RPUSH l a b', 'COPY l l2', 'RPUSH l2 c', 'LRANGE l 0 -1', 'LRANGE l2 0 -1', 'SADD s 1 2', 'COPY s s2', 'SADD s2 x', 'SMEMBERS s', 'OBJECT ENCODING s',
    'OBJECT ENCODING s2', 'ZADD z 1 a', 'COPY z z2', 'ZADD z2 2 b', 'ZRANGE z 0 -1', 'HSET h f v', 'COPY h h2', 'HSET h2 g w', 'HGETALL h',
    'XADD x 1 f v', 'COPY x x2', 'XADD x2 2 f v', 'XLEN x', 'XLEN x2', 'TYPE l', 'TYPE s', 'TYPE z', 'TYPE h', 'TYPE x', 'TYPE a', 'TYPE nope',
    'OBJECT ENCODING a', 'OBJECT ENCODING l', 'OBJECT ENCODING z', 'OBJECT ENCODING h', 'OBJECT ENCODING x', 'OBJECT ENCODING nope',
    'SET e hello', 'OBJECT ENCODING e', `SET r ${'y'.repeat(45)}`, 'OBJECT ENCODING r', 'SET n -123', 'OBJECT ENCODING n', 'SET n2 012', 'OBJECT ENCODING n2',
    'OBJECT', 'OBJECT FOO a', 'OBJECT ENCODING', 'OBJECT ENCODING a b', 'OBJECT HELP', 'OBJECT HELP x', 'COPY', 'COPY a',
  ],
  'encodings convert at Redis 7.0 thresholds': [
    `SADD i ${many('', 512)}`, 'OBJECT ENCODING i', 'SADD i 512', 'OBJECT ENCODING i', 'SREM i 512 511', 'OBJECT ENCODING i',
    `SADD j ${many('', 3)}`, `SADD j ${long}`, 'OBJECT ENCODING j', `HSET h ${many('f', 512).split(' ').map((f) => `${f} v`).join(' ')}`,
    'OBJECT ENCODING h', 'HSET h f999 v', 'OBJECT ENCODING h', 'HDEL h f999 f1', 'OBJECT ENCODING h', `HSET h2 f ${'v'.repeat(64)}`, 'OBJECT ENCODING h2',
    `HSET h2 g ${'v'.repeat(65)}`, 'OBJECT ENCODING h2', `HSET h3 ${long} v`, 'OBJECT ENCODING h3', `HINCRBY h4 ${long} 1`, 'OBJECT ENCODING h4',
    `HINCRBYFLOAT h5 ${long} 1`, 'OBJECT ENCODING h5', `ZADD z ${manyScored(128)}`, 'OBJECT ENCODING z', 'ZADD z 1 extra', 'OBJECT ENCODING z',
    'ZREM z extra m1', 'OBJECT ENCODING z', 'ZRANGESTORE zz z 0 9', 'OBJECT ENCODING zz', `ZADD z2 1 ${long}`, 'OBJECT ENCODING z2',
    `ZADD z3 1 ${'m'.repeat(64)}`, 'OBJECT ENCODING z3', `RPUSH l ${many('e', 300)}`, 'OBJECT ENCODING l', 'SSCAN j 0 COUNT 100',
  ],
  'generic commands on every type': [
    'RPUSH l a', 'SADD s a', 'ZADD z 1 a', 'HSET h f v', 'XADD x 1 f v', 'SET str v', 'EXPIRE l 100', 'PEXPIRE s 100000', 'TTL l', 'PTTL s',
    'PERSIST l', 'TTL l', 'RENAME z z2', 'TYPE z2', 'ZRANGE z2 0 -1', 'RENAMENX s z2', 'RENAME x l', 'TYPE l', 'XLEN l', 'EXISTS l s z2 h x str',
    'SCAN 0 TYPE list COUNT 100', 'SCAN 0 TYPE set COUNT 100', 'SCAN 0 TYPE zset COUNT 100', 'SCAN 0 TYPE stream COUNT 100', 'SCAN 0 TYPE hash COUNT 100',
    'SCAN 0 TYPE LIST COUNT 100', 'SCAN 0 TYPE nosuch COUNT 100', 'DEL s z2', 'UNLINK h l', 'DBSIZE', 'KEYS *', 'RANDOMKEY', 'SADD only x',
    'DEL str', 'RANDOMKEY', `RPUSH e v`, `PEXPIREAT e ${PAST_MS}`, 'LLEN e', 'EXISTS e', `SADD e v`, `PEXPIREAT e ${FAR_MS}`, 'SCARD e', 'PEXPIRETIME e',
    'FLUSHDB', 'DBSIZE',
  ],
  'lazy expiry of every type': [
    `RPUSH l a`, `PEXPIREAT l ${PAST_MS}`, 'LPUSH l b', 'LRANGE l 0 -1', 'TTL l', `SADD s a`, `PEXPIREAT s ${PAST_MS}`, 'SMEMBERS s', 'SADD s b',
    `ZADD z 1 a`, `PEXPIREAT z ${PAST_MS}`, 'ZSCORE z a', 'ZADD z 2 b', 'ZRANGE z 0 -1 WITHSCORES', `XADD x 1 f v`, `PEXPIREAT x ${PAST_MS}`, 'XLEN x',
    'XADD x 1 f v', 'XRANGE x - +', `RPUSH m a`, `PEXPIREAT m ${PAST_MS}`, 'LMOVE m n LEFT LEFT', 'EXISTS n', `SADD t 1`, `PEXPIREAT t ${PAST_MS}`,
    'SUNIONSTORE u t', 'EXISTS u', `SET k v`, `PEXPIREAT k ${PAST_MS}`, 'COPY k k2', 'EXISTS k2', 'INFO keyspace',
  ],
};

/** Blocking commands inside MULTI answer at once, as with CLIENT_DENY_BLOCKING. */
TYPE_SCRIPTS['blocking commands inside MULTI/EXEC'] = [
  'MULTI', 'BLPOP q 0', 'BRPOP q 1', 'BLMOVE q d LEFT LEFT 0', 'BRPOPLPUSH q d 0', 'XREAD BLOCK 0 STREAMS x $', 'RPUSH q a', 'BLPOP q 0', 'EXEC',
];

const bigScores = Array.from({ length: 300 }, (_, i) => `${(i * 7919) % 300 - 150}.5 m${(i * 31) % 200}`).join(' ');
/** Many members in one command take the batch paths (one sort, one filter) and must agree. */
TYPE_SCRIPTS['commands over many members at once'] = [
  `ZADD big ${bigScores}`, 'ZCARD big', 'OBJECT ENCODING big', 'ZRANGE big 0 9 WITHSCORES', 'ZRANGE big -5 -1 WITHSCORES',
  `ZADD big2 ${manyScored(100)} -0 neg`, 'ZSCORE big2 neg', 'OBJECT ENCODING big2', `ZADD big2 GT CH ${manyScored(100)}`,
  `ZADD big2 INCR 1 m1`, `ZREM big2 ${many('m', 90)}`, 'ZRANGE big2 0 -1 WITHSCORES', 'ZREMRANGEBYRANK big 10 250', 'ZCARD big',
  'ZPOPMIN big 5', 'ZPOPMAX big 3', 'ZRANGE big 0 -1', `LPUSH l ${many('e', 200)}`, 'LRANGE l 0 4', 'LRANGE l -3 -1',
  `RPUSH r ${Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? 'x' : `v${i}`)).join(' ')}`, 'LREM r -40 x', 'LLEN r', 'LRANGE r 0 -1',
  'LREM r 30 x', 'LRANGE r 0 -1', 'LREM r 0 x', 'LLEN r',
];

/** From a script, a blocking command is refused or answers at once, as Redis 7.0 does. */
TYPE_SCRIPTS['data types from scripts'] = [
  "EVAL return\\sredis.call('BLPOP','q',0) 0", "EVAL return\\sredis.call('XREAD','BLOCK','0','STREAMS','x','$') 0",
  "EVAL return\\sredis.call('XREAD','STREAMS','x','0') 0", "EVAL redis.call('RPUSH',KEYS[1],'a','b');return\\sredis.call('LRANGE',KEYS[1],0,-1) 1 l",
  "EVAL return\\sredis.call('ZADD','z','1.5','m') 0", "EVAL return\\sredis.call('ZSCORE','z','m') 0", "EVAL return\\sredis.call('ZRANGE','z',0,-1,'WITHSCORES') 0",
  "EVAL return\\sredis.call('SMEMBERS','nope') 0", "EVAL return\\sredis.call('XADD','x','1-1','f','v') 0", "EVAL return\\sredis.call('XRANGE','x','-','+') 0",
];

/** LMPOP/BLMPOP, ZMPOP/BZMPOP and BZPOPMIN/BZPOPMAX when they need not block (served and timeouts: the blocking tests). */
TYPE_SCRIPTS['LMPOP ZMPOP BZPOPMIN BZPOPMAX'] = [
  'RPUSH a 1 2 3', 'RPUSH b x', 'LMPOP 2 nope a LEFT', 'LMPOP 2 nope a RIGHT COUNT 5', 'EXISTS a', 'LMPOP 1 nope LEFT', 'LMPOP 2 b a left count 1',
  'LMPOP 0 a LEFT', 'LMPOP x a LEFT', 'LMPOP 3 a LEFT', 'LMPOP 1 a UP', 'LMPOP 1 a LEFT COUNT 0', 'LMPOP 1 a LEFT COUNT x', 'LMPOP 1 a LEFT COUNT 1 COUNT 2',
  'LMPOP 1 a LEFT FOO', 'SET s v', 'LMPOP 2 nope s LEFT', 'RPUSH c 1 2', 'BLMPOP 0 2 nope c RIGHT COUNT 1', 'BLMPOP 0.01 1 nope LEFT', 'BLMPOP x 1 c LEFT',
  'BLMPOP -1 1 c LEFT', 'BLMPOP 0 0 c LEFT', 'BLMPOP 0 1 s LEFT', 'ZADD z 1 a 2 b 3 c', 'ZADD y 5 q', 'ZMPOP 2 nope z MIN', 'ZMPOP 2 nope z MAX COUNT 5',
  'EXISTS z', 'ZMPOP 1 nope MIN', 'ZMPOP 2 y z max count 1', 'ZMPOP 1 z AVG', 'ZMPOP 1 z MIN COUNT 0', 'ZMPOP 2 s z MIN', 'ZADD z 1 a 2 b',
  'BZMPOP 0 1 z MIN', 'BZMPOP 0.01 1 nope MAX', 'BZMPOP x 1 z MIN', 'BZMPOP 0 1 s MIN', 'ZADD w 1 a 2 b 3 c', 'BZPOPMIN w 0', 'BZPOPMAX nope w 0',
  'BZPOPMIN nope 0.01', 'BZPOPMIN s 0', 'BZPOPMIN w x', 'BZPOPMIN w -1', 'BZPOPMIN', 'BZPOPMIN w', 'LMPOP', 'ZMPOP 1', 'BLMPOP 0 1',
  'MULTI', 'BLMPOP 0 1 q LEFT', 'BZMPOP 0 1 q MIN', 'BZPOPMIN q 0', 'EXEC',
];
