/** Placeholder until the residents page lands (issue 3, in progress this session). */
export default function ResidentsPage() {
  return null;
}
