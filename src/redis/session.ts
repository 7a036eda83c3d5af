/**
 * Per-connection state, as Redis keeps it on `client`: selected database, RESP version, name.
 * Create one per simulated connection with `redis.createSession()`.
 */
export class Session {
  /** Selected database, 0..15. */
  db = 0;
  /** RESP protocol version chosen with HELLO. */
  protocol: 2 | 3 = 2;
  /** CLIENT SETNAME / HELLO SETNAME; null when unnamed. */
  name: string | null = null;
  /** Set by QUIT: the server layer should close the connection after replying. */
  closed = false;
  /** Full name of the last command run (CLIENT INFO shows it). */
  lastCommand = 'NULL';
  // A number from the start: a field first defined as undefined would box every later store.
  lastCommandAt = 0;

  constructor(
    /** CLIENT ID. */
    readonly id: number,
    /** Virtual ms when the session was created. */
    readonly createdAt: number,
    /** Address shown by CLIENT INFO / CLIENT LIST. */
    readonly address: string,
  ) {
    this.lastCommandAt = createdAt;
  }
}
