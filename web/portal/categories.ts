import type { PortalMessages } from './i18n/index.ts';

/**
 * The course categories the demo world's schemes and courses use: what a provider picks a course's
 * category from, and what an employer may limit a scheme to.
 */
export const baseCategories = ['digitaal', 'taal', 'techniek', 'veiligheid'] as const;

/** A category in words, or its code when the texts have no name for it. */
export function categoryLabel(category: string, t: PortalMessages): string {
  return t.courses.categories[category] ?? category;
}
