/** Placeholder until the imports page lands (issue 3, in progress this session). */
export default function ImportsPage() {
  return null;
}
