// English texts of remedies, jobs and the activity page (merged into the main catalog by a spread in en.ts).
// Remedy titles, notices and step titles come from lib/remedies (bilingual data), not from here.
export const jobsEn = {
  jobs: {
    nav: 'Activity',
  },
} as const;
