/** The URL of a lesson (and a heading in it) under hash routing; shared by the build and the app. */
export function lessonHref(slug: string, anchor?: string): string {
  return `#/lesson/${slug}${anchor ? `#${anchor}` : ''}`;
}
