/** Date checks of the filters, as the API checks them (a real calendar day or month). */
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function dateProblem(value: string, precision: 'day' | 'month' | 'either'): string | null {
  const shape = { day: 'YYYY-MM-DD', month: 'YYYY-MM', either: 'YYYY-MM-DD or YYYY-MM' }[precision];
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  const ok =
    m !== null &&
    !(precision === 'day' && m[3] === undefined) &&
    !(precision === 'month' && m[3] !== undefined) &&
    Number(m[2]) >= 1 &&
    Number(m[2]) <= 12 &&
    Number(m[1]) >= 1 &&
    (m[3] === undefined || (Number(m[3]) >= 1 && Number(m[3]) <= daysIn(Number(m[1]), Number(m[2]))));
  return ok ? null : `“${value}” is not a date: use ${shape}`;
}

export const currentMonth = (): string => new Date().toISOString().slice(0, 7);
export const today = (): string => new Date().toISOString().slice(0, 10);

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}
