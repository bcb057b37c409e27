/**
 * A meeting's summary as a Markdown file, read like the essay exports (lib/export/markdown-writer.ts): YAML front
 * matter, the document's title, then the four sections — questions discussed, notes and replies written, passages
 * spotlighted, most reacted — each passage as a block quote with its locator and a link back into the reader.
 * Everything a reader wrote is escaped (lib/export/markdown-escape.ts). Pure.
 */
import { deepLinkOf } from '../export/export-model.ts';
import { blockQuote, escapeMarkdownInline, escapeMarkdownLines, yamlString } from '../export/markdown-escape.ts';
import { reactionInfo, reactionKinds } from '../annotations/reactions.ts';
import type { MeetingSummary, SummaryNote, SummaryReply } from './meeting-summary.ts';

/** What the file says about the meeting and its document. */
export interface MeetingMarkdownContext {
  document: { id: string; title: string; author: string | null };
  meeting: { title: string; startedAt: string; endedAt: string | null };
  /** The origin links are built from (the request's real origin). */
  origin: string;
  /** "ch. 3, ¶ 12" for a text offset ("" when there is nothing to cite). */
  locatorOf(offset: number): string;
  exportedAt: string;
}

/** `2026-11-26 19:05 UTC`: times in the file, the same for every reader who downloads it. */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function noteLines(ctx: MeetingMarkdownContext, note: SummaryNote): string[] {
  const where = ctx.locatorOf(note.start);
  const lines = [
    blockQuote(note.quote),
    '',
    `${where ? `${where} — ` : ''}[open in Glossa](${deepLinkOf(ctx.origin, ctx.document.id, note.id)})`,
    '',
    `**${escapeMarkdownInline(note.author.name)}** (${utcMinute(note.created)})${note.motivation === 'questioning' ? ' asked' : ''}:`,
  ];
  if (note.trace) lines.push('', `*${note.trace}*`);
  else if (note.comment) lines.push('', ...escapeMarkdownLines(note.comment));
  else lines.push('', '*A highlight.*');
  lines.push('');
  return lines;
}

function replyLines(reply: SummaryReply, prefix = '- '): string[] {
  const head = `${prefix}**${escapeMarkdownInline(reply.author.name)}** replied (${utcMinute(reply.created)}):`;
  if (reply.trace) return [`${head} *${reply.trace}*`];
  return [head, ...escapeMarkdownLines(reply.text).map((l) => (l ? `  ${l}` : ''))];
}

/** The Markdown file of `summary`. */
export function writeMeetingMarkdown(summary: MeetingSummary, ctx: MeetingMarkdownContext): string {
  const d = ctx.document;
  const m = ctx.meeting;
  const lines = ['---', `title: ${yamlString(`${m.title} — ${d.title}`)}`];
  if (d.author) lines.push(`author: ${yamlString(d.author)}`);
  lines.push(
    `source: ${yamlString(`${ctx.origin}/d/${encodeURIComponent(d.id)}`)}`,
    `meeting-started: ${yamlString(m.startedAt)}`,
    `meeting-ended: ${m.endedAt ? yamlString(m.endedAt) : 'null'}`,
    `exported: ${yamlString(ctx.exportedAt)}`,
    `notes: ${summary.notes.length}`,
    `replies: ${summary.replies.length}`,
    '---',
    '',
    `# ${escapeMarkdownInline(m.title)}`,
    '',
    `*${escapeMarkdownInline(d.title)}*${d.author ? ` by ${escapeMarkdownInline(d.author)}` : ''} — ${utcMinute(m.startedAt)} to ${m.endedAt ? utcMinute(m.endedAt) : 'now (the meeting is still open)'}`,
    '',
    '## Questions discussed',
    '',
  );
  if (summary.questions.length === 0) lines.push('*No question was put to the group.*', '');
  summary.questions.forEach((q, i) => {
    lines.push(`### ${i + 1}. ${escapeMarkdownInline((q.note.comment || q.note.quote).split('\n')[0]!.slice(0, 120))}`, '');
    lines.push(...noteLines(ctx, q.note));
    for (const r of q.replies) lines.push(...replyLines(r));
    if (q.replies.length) lines.push('');
  });
  lines.push('## Notes written', '');
  if (summary.notes.length === 0) lines.push('*No notes were written during the meeting.*', '');
  for (const n of summary.notes) lines.push(...noteLines(ctx, n));
  lines.push('## Replies written', '');
  if (summary.replies.length === 0) lines.push('*No replies were written during the meeting.*', '');
  for (const r of summary.replies) {
    if (r.parent) lines.push(`On ${ctx.locatorOf(r.parent.start) || 'the passage'}:`, '', blockQuote(r.parent.quote.slice(0, 200)), '');
    lines.push(...replyLines(r), '');
  }
  lines.push('## Passages spotlighted', '');
  if (summary.spotlights.length === 0) lines.push('*No passage was spotlighted.*', '');
  for (const s of summary.spotlights) {
    const where = ctx.locatorOf(s.start);
    lines.push(
      blockQuote(s.exact),
      '',
      `${where ? `${where} — ` : ''}${s.gather ? 'everyone gathered here' : 'spotlighted'} at ${utcMinute(s.at)}`,
      '',
    );
  }
  lines.push('## Most reacted', '');
  if (summary.mostReacted.length === 0) lines.push('*No reactions during the meeting.*', '');
  for (const r of summary.mostReacted) {
    const kinds = reactionKinds
      .filter((k) => r.kinds[k])
      .map((k) => `${reactionInfo[k].symbol} ${r.kinds[k]}`)
      .join(' ');
    lines.push(`**${r.reactions} reaction${r.reactions === 1 ? '' : 's'}** ${kinds}`, '', ...noteLines(ctx, r.note));
  }
  return `${lines.join('\n')}\n`;
}
