declare module 'virtual:lessons' {
  import type { LessonEntry } from './types.ts';
  export const lessons: LessonEntry[];
  export default lessons;
}
