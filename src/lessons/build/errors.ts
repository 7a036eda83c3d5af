import type { FieldIssue } from '../schema.ts';

/** A lesson file that cannot be built; the message names the file, the place and the field. */
export class ContentError extends Error {
  readonly file: string;
  readonly issues: FieldIssue[];

  constructor(file: string, where: string, issues: FieldIssue[]) {
    const lines = issues.map((issue) => `  ${where} field "${issue.field}" ${issue.reason}`);
    super(`${file}: invalid lesson content\n${lines.join('\n')}`);
    this.name = 'ContentError';
    this.file = file;
    this.issues = issues;
  }
}
