export { RedisConsole, consolePrompt, type RedisConsoleProps, type ConsoleResult } from './RedisConsole';
