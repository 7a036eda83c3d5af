export { RedisConsole, consolePrompt, type RedisConsoleProps, type ConsoleResult } from './RedisConsole';
export { runConsoleLine, type CommandTarget, type ConsoleLineResult } from './run-line';
export { COMMAND_HELP, findCommandHelp, helpText, type CommandHelp } from './help';
