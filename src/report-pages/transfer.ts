// Page models cross to worker threads by structured clone, which copies data but not functions or accessors: a
// report's compiled format travels as its id, and its sections without their HTML (rendered where the page is).
// Reports travel once per batch; pages refer to them by index.
import { formatById } from '../formats/index.ts';
import type { Report, Section } from '../model/types.ts';
import { markdown } from '../render/markdown.ts';
import type { OfficeEntry, PageModels, ReportPage } from '../site/pages.ts';
import type { ComparePage } from '../site/browse.ts';

type WireSection = Omit<Section, 'html'>;
export type WireReport = Omit<Report, 'format' | 'sections'> & { format: string; sections: WireSection[] };
export type WireReportPage = Omit<ReportPage, 'report'> & { report: number };
export type WireComparePage = Omit<ComparePage, 'report' | 'previous'> & { report: number; previous: number };

/**
 * The pages of whole offices: a report's comparison needs last year's report, which is in the same batch; and the
 * offices' own pages.
 */
export interface Batch {
  reports: WireReport[];
  pages: WireReportPage[];
  compares: WireComparePage[];
  offices: OfficeEntry[];
}

/** A batch before it is posted: the page models themselves. */
export type LocalBatch = PageModels;

function toWire(r: Report): WireReport {
  const { format, sections, ...rest } = r;
  return { ...rest, format: format.id, sections: sections.map((s) => ({ number: s.number, heading: s.heading, markdown: s.markdown, line: s.line, markdownLine: s.markdownLine })) };
}

function fromWire(w: WireReport): Report {
  const format = formatById(w.format);
  if (!format) throw new Error(`unknown format ${w.format}`);
  // Rendered here, once, as the loader's lazy `html` would be.
  const sections = w.sections.map((s) => ({ ...s, html: s.markdown ? markdown.render(s.markdown) : '' }));
  return { ...w, format, sections };
}

/**
 * The page models of whole offices (a comparison needs last year's report, an office's page all its reports) as
 * plain data, ready to post to a worker: each report once, pages referring to it by index.
 */
export function wireBatch(models: PageModels): Batch {
  const compareOf = new Map(models.compares.map((c) => [c.report, c]));
  const batch: Batch = { reports: [], pages: [], compares: [], offices: models.offices };
  const index = new Map<Report, number>();
  const ref = (r: Report): number => {
    let i = index.get(r);
    if (i === undefined) {
      i = batch.reports.push(toWire(r)) - 1;
      index.set(r, i);
    }
    return i;
  };
  for (const p of models.pages) {
    batch.pages.push({ ...p, report: ref(p.report) });
    const c = compareOf.get(p.report);
    if (c) batch.compares.push({ ...c, report: ref(c.report), previous: ref(c.previous) });
  }
  return batch;
}

/**
 * A batch as page models again, on the thread that renders it. Each report is opened (its Markdown rendered) on
 * first use: in an incremental build most reports of a batch are linked from the previous output, never rendered.
 */
export class OpenedBatch {
  private readonly reports: Array<Report | undefined>;
  private readonly compareOf: Map<number, WireComparePage>;

  constructor(private readonly batch: Batch) {
    this.reports = new Array<Report | undefined>(batch.reports.length);
    this.compareOf = new Map(batch.compares.map((c) => [c.report, c]));
  }

  private report(i: number): Report {
    return (this.reports[i] ??= fromWire(this.batch.reports[i]!));
  }

  /** The batch's i-th page, and its comparison with last year if it has one. */
  page(i: number): { page: ReportPage; compare?: ComparePage } {
    const w = this.batch.pages[i]!;
    const c = this.compareOf.get(w.report);
    return {
      page: { ...w, report: this.report(w.report) },
      compare: c && { ...c, report: this.report(c.report), previous: this.report(c.previous) },
    };
  }
}
