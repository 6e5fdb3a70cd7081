/** Django `strip_spaces_between_tags` for `{% spaceless %}`: whitespace between `>` and `<` is removed. */
export function stripSpacesBetweenTags(s: string): string {
  return s.replace(/>\s+</gu, '><');
}
