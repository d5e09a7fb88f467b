import type { Course } from '../ledger/provider.ts';

/** A course as the API shows it. */
export function toCourseView(course: Course) {
  return {
    courseId: course.courseId,
    title: course.title,
    category: course.category,
    price: course.priceCents,
    provider: { providerId: course.providerId, name: course.providerName },
    ...(course.startDates !== undefined && { startDates: [...course.startDates] }),
    createdAt: course.createdAt,
  };
}
