/** Formatting shared by every screen. Pure functions, unit-tested. */
import { gameTimeAt, type ClockDef, type PhaseRun } from '@concord/shared/gameclock';

export function countdown(deadline: number | null, now: number, pausedAt: number | null): string {
  if (deadline === null) return '—';
  const remaining = deadline - (pausedAt ?? now);
  const sign = remaining < 0 ? '−' : '';
  const s = Math.floor(Math.abs(remaining) / 1000);
  const mm = Math.floor(s / 60);
  const ss = s % 60;
  return `${sign}${mm}:${String(ss).padStart(2, '0')}`;
}

export function gameTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}Z`;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Game time at a moment of the exercise, short ("14 Mar 10:00Z"): what screens show for when
 * something happened. `ex` is the view's exercise header, which carries the runs of phases.
 */
export function gameClock(ex: ClockDef & { timeline: readonly PhaseRun[] }, at: number | null): string {
  const iso = at === null ? null : gameTimeAt(ex, ex.timeline, at);
  if (iso === null) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}Z`;
}

/** Wall-clock time, for the few things that happen in the room rather than in the game (a participant joined). */
export function clock(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Who ends the current phase, in words shown by the countdown: the clock at its deadline, or exercise control. */
export function phaseEnds(ex: {
  status: string;
  autoAdvance: boolean;
  deadline: number | null;
  turn: number;
  turns: number;
  phaseIndex: number;
  phases: readonly unknown[];
}): string {
  if (ex.status !== 'running' && ex.status !== 'paused') return '';
  const last = ex.turn === ex.turns && ex.phaseIndex === ex.phases.length - 1;
  if (!ex.autoAdvance || ex.deadline === null || last) return 'Control ends the phase';
  if (ex.status === 'paused') return 'Phase ends by itself (clock paused)';
  return `Phase ends by itself at ${clock(ex.deadline)}`;
}

export const CHANNEL_LABELS: Record<string, string> = {
  news: 'News',
  social: 'Social media',
  email: 'Email',
  cable: 'Diplomatic cable',
  phone: 'Phone',
  intel: 'Intelligence',
  briefing: 'Briefing',
  map: 'Map',
};
export const channelLabel = (c: string) => CHANNEL_LABELS[c] ?? c;

export const ROLE_LABELS: Record<string, string> = {
  facilitator: 'Exercise control',
  nation: 'Nation team',
  evaluator: 'Evaluator',
  observer: 'Observer',
};

/** CSS class for a classification banner, by its highest marking. */
export function classificationClass(banner: string): string {
  const b = banner.toUpperCase();
  if (b.startsWith('TOP SECRET')) return 'cls-ts';
  if (b.startsWith('SECRET')) return 'cls-s';
  if (b.startsWith('CONFIDENTIAL')) return 'cls-c';
  if (b.startsWith('RESTRICTED')) return 'cls-r';
  return 'cls-u';
}

export const grading = (g: { reliability: string; credibility: string }) => `${g.reliability}${g.credibility}`;

export const statusLabel = (s: string) => ({ setup: 'Not started', running: 'Running', paused: 'Paused', ended: 'Ended (ENDEX)' })[s] ?? s;

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
