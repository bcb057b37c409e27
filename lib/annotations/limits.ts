/**
 * Size limits for what readers may put into a room. They bound memory and storage per note so one client cannot
 * bloat a room for everybody; the server enforces them and the composer shows them.
 */
export const annotationLimits = {
  idLength: 128,
  creatorNameLength: 80,
  commentLength: 10_000,
  tagLength: 40,
  tagsPerAnnotation: 20,
  bodiesPerAnnotation: 40,
  exactLength: 20_000,
  contextLength: 256,
  tagDescriptionLength: 500,
} as const;
