export { RedisConsole, consolePrompt, type RedisConsoleProps, type ConsoleResult } from './RedisConsole';
export { COMMAND_HELP, findCommandHelp, helpText, type CommandHelp } from './help';
