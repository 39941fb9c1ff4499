/** Placeholder until the resident page lands (issue 3, in progress this session). */
export default function ResidentDetail() {
  return null;
}
