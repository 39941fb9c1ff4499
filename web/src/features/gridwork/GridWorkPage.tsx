/** Placeholder until the gridwork page lands (issue 3, in progress this session). */
export default function GridWorkPage() {
  return null;
}
