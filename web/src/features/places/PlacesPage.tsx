/** Placeholder until the places page lands (issue 3, in progress this session). */
export default function PlacesPage() {
  return null;
}
