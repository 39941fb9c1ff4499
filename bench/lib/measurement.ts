/** One benchmark target's result, as written to bench/results/*.json. */
export interface Measurement {
  id: string;
  title: string;
  target: string;
  pass: boolean | null;
  value: number;
  unit: string;
  baseline: { what: string; value: number; unit: string };
  /** value ÷ baseline value. */
  ratio: number;
  ratioMeaning: string;
  details: Record<string, unknown>;
}
