// Printing data rows for a command: format from the flags (or the terminal), colour policy,
// masking, CSV encoding; data to stdout only.
import type { Ctx } from './context.js';
import type { Opts } from './options.js';
import { applyColourPolicy, render, resolveFormat, writeOut, type Column, type Format, type RenderOptions } from './render.js';

export function renderOptions(ctx: Ctx, opts: Opts, title?: string): RenderOptions {
  const format: Format = resolveFormat(opts.format as string | undefined);
  applyColourPolicy(format, opts.color as boolean | undefined);
  return { format, lang: ctx.lang, unmasked: Boolean(opts.unmasked), bom: opts.bom as boolean | undefined, encoding: opts.encoding as string | undefined, title };
}

export function printRows(ctx: Ctx, opts: Opts, columns: Column[], rows: Record<string, unknown>[], title?: string): void {
  writeOut(render(columns, rows, renderOptions(ctx, opts, title)));
}
