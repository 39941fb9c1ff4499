/** Placeholder until the corrections page lands (issue 3, in progress this session). */
export default function CorrectionsPage() {
  return null;
}
