import { z } from 'zod';
import { defineTool, type AnyToolDefinition } from '../../core/index.js';
import type { DeskStore, DeskTables } from '../desk/api.js';
import type { AnyReportDefinition } from './define-report.js';
import { reportToolName } from './report-checks.js';
import { decodeReportCursor, encodeReportCursor, parametersFingerprint } from './report-cursor.js';
import { reportText } from './report-text.js';
import { reportChartsView } from './report-view.js';

/**
 * The scope every report tool needs; end users cannot hold an `:all` extent.
 *
 * @example
 * defineCollection({ ..., plugins: ['reports'], grant: [reportsReadScope, 'tickets:read:all'] })
 */
export const reportsReadScope = 'reports:read:all';

/**
 * Rows per page when the caller gives no limit, and the most a caller may ask for.
 *
 * @example
 * reportPageLimits.max // 500
 */
export const reportPageLimits = Object.freeze({ default: 50, max: 500 });

/**
 * What every report tool is built from; made once in the plugin's setup.
 *
 * @example
 * const deps: ReportToolDeps = { desk: ctx.services.get(deskStoreRef), now: () => new Date() };
 */
export interface ReportToolDeps {
  readonly desk: DeskStore;
  readonly now: () => Date;
}

const limitSchema = z
  .number()
  .int(`limit must be a whole number from 1 to ${reportPageLimits.max}`)
  .min(1, `limit must be from 1 to ${reportPageLimits.max}`)
  .max(reportPageLimits.max, `limit must be from 1 to ${reportPageLimits.max}`)
  .optional()
  .describe(`Rows per page, 1–${reportPageLimits.max}; ${reportPageLimits.default} when left out.`);

const pageSchema = z.object({
  offset: z.number().int().describe('Index of the first row of this page in the whole result.'),
  limit: z.number().int(),
  returned: z.number().int().describe('Rows on this page.'),
  total: z.number().int().describe('Rows in the whole result.'),
  nextCursor: z
    .string()
    .nullable()
    .describe('Pass as cursor, with the same parameters, for the next page; null on the last.'),
});

function withoutPaging(input: Record<string, unknown>): Record<string, unknown> {
  const { limit: _limit, cursor: _cursor, ...parameters } = input;
  return parameters;
}

/**
 * The tool `get_report_<id>` of one report: its parameters plus `limit` and `cursor`; the output
 * `{ report, title, parameters, rows, summary, page }` where rows are one page and the summary
 * covers the whole result; a text form with the summary and the page as a table. A report the
 * deployment configures needs `reports:read:all` and its own scopes; one another plugin
 * contributes needs only its own (`gate: 'own'`), which that plugin defines.
 *
 * @example
 * ctx.addTool(reportTool(whitespaceReport, { desk, now: () => new Date() }));
 */
export function reportTool(
  report: AnyReportDefinition,
  deps: ReportToolDeps,
  gate: 'reports' | 'own' = 'reports',
): AnyToolDefinition {
  const name = reportToolName(report.id);
  const summary: z.ZodObject<z.ZodRawShape> = report.summary ?? z.object({});
  return defineTool({
    name,
    title: report.title,
    description:
      `${report.description} Read-only. Returns a page of rows (limit, default ` +
      `${reportPageLimits.default}) with a summary over the whole result; pass page.nextCursor ` +
      'as cursor, with the same parameters, for the next page.',
    input: report.parameters.extend({
      limit: limitSchema,
      cursor: z
        .string()
        .optional()
        .describe('page.nextCursor of the previous page, to read the next one.'),
    }),
    output: z.object({
      report: z.string().describe('The report id.'),
      title: z.string(),
      parameters: z
        .record(z.string(), z.unknown())
        .describe('The parameters the report ran with, defaults filled in.'),
      rows: z.array(report.row),
      summary,
      page: pageSchema,
    }),
    scopes: gate === 'own' ? report.scopes : [reportsReadScope, ...report.scopes],
    ui: { view: reportChartsView },
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    summarize: (out) =>
      reportText({
        title: out.title,
        parameters: out.parameters,
        rows: out.rows,
        summary: out.summary,
        page: out.page,
      }),
    handler: async ({ input, principal, db, signal }) => {
      const given = input as Record<string, unknown>;
      const limit = (given['limit'] as number | undefined) ?? reportPageLimits.default;
      const cursor = given['cursor'] as string | undefined;
      const params = withoutPaging(given);
      const fingerprint = parametersFingerprint(params);
      const offset =
        cursor === undefined ? 0 : decodeReportCursor(cursor, { fingerprint, tool: name });
      const result = await report.query({
        params,
        principal,
        db: db.withTables<DeskTables>(),
        desk: deps.desk,
        now: deps.now(),
        signal,
      });
      // The core validates rows and summary against the report's schemas on the way out.
      const rows = result.rows.slice(offset, offset + limit) as Record<string, unknown>[];
      const next = offset + limit;
      return {
        report: report.id,
        title: report.title,
        parameters: { ...params, ...result.parameters },
        rows,
        summary: result.summary as Record<string, unknown>,
        page: {
          offset,
          limit,
          returned: rows.length,
          total: result.rows.length,
          nextCursor: next < result.rows.length ? encodeReportCursor(next, fingerprint) : null,
        },
      };
    },
  });
}
