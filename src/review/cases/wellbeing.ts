/** Limits on what one reviewer is shown in a day: repeated exposure to graphic violence harms. */
export interface WellbeingPolicy {
  /** Graphic cases a reviewer may be served per UTC day; 0 serves none. Config: `review.graphicDailyCap`. */
  graphicDailyCap: number;
}

/** A reviewer's exposure on one UTC day: distinct cases claimed, and how many were graphic. */
export interface Exposure {
  reviewer: string;
  day: string;
  cases: number;
  graphic: number;
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Counts distinct cases per reviewer and day from their claims; renewals do not add exposure. */
export function countExposure(
  claims: readonly { reviewer: string; caseId: string; at: string; graphic: boolean }[],
  reviewer: string,
  day: string,
): Exposure {
  const seen = new Map<string, boolean>();
  for (const c of claims) {
    if (c.reviewer !== reviewer || c.at.slice(0, 10) !== day) continue;
    seen.set(c.caseId, (seen.get(c.caseId) ?? false) || c.graphic);
  }
  const graphic = [...seen.values()].filter(Boolean).length;
  return { reviewer, day, cases: seen.size, graphic };
}

export function atGraphicCap(exposure: Pick<Exposure, 'graphic'>, policy: WellbeingPolicy): boolean {
  return exposure.graphic >= policy.graphicDailyCap;
}
