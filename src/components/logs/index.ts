export { CommandLog, monitorLine, type CommandLogProps } from './CommandLog';
export { QueryLog, queryOutcome, type QueryLogProps } from './QueryLog';
export { commandLogEntries, queryLogEntries, rowsBefore, type CommandLogEntry, type QueryLogEntry } from './entries';
