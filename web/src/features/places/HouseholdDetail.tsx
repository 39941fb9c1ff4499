/** Placeholder until the household page lands (issue 3, in progress this session). */
export default function HouseholdDetail() {
  return null;
}
