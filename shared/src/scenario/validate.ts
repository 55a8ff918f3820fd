/**
 * Checks that need the whole scenario: every reference resolves, ids are unique, adjacency is
 * symmetric, tables cover their dice range. Each problem names the JSON path and the reason.
 */
import type { Scenario } from './schema.ts';

export interface ScenarioProblem {
  path: string;
  message: string;
}

type Path = ReadonlyArray<string | number>;

export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === '' ? '(root)' : out;
}

export function crossCheck(s: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (path: Path, message: string) => problems.push({ path: formatPath(path), message });

  const unique = <T>(items: readonly T[], key: (t: T) => string | number, base: Path, field: string | null, what: string) => {
    const seen = new Map<string | number, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined)
        add(
          field === null ? [...base, i] : [...base, i, field],
          `duplicate ${what} ${JSON.stringify(k)} (first at ${formatPath([...base, first])})`,
        );
      else seen.set(k, i);
    });
  };

  const allied = new Set(s.nations.map((n) => n.id));
  const actors = new Set([...allied, s.adversary.id]);
  const regions = new Map(s.map.regions.map((r) => [r.id, r]));
  const personas = new Set(s.personas.map((p) => p.id));
  const intel = new Set(s.intel.map((r) => r.id));
  const objectives = new Set(s.objectives.map((o) => o.id));
  const phases = new Set(s.clock.phases.map((p) => p.id));
  const positions = new Map(s.nations.map((n) => [n.id, new Set(n.positions.map((p) => p.id))]));

  const nationRef = (path: Path, id: string) => {
    if (id === s.adversary.id) add(path, `"${id}" is the adversary, not an allied nation`);
    else if (!allied.has(id)) add(path, `unknown nation "${id}"`);
  };
  const actorRef = (path: Path, id: string) => {
    if (!actors.has(id)) add(path, `unknown nation or adversary "${id}"`);
  };
  const regionRef = (path: Path, id: string) => {
    if (!regions.has(id)) add(path, `unknown region "${id}"`);
  };
  const phaseRef = (path: Path, id: string) => {
    if (!phases.has(id as never)) add(path, `phase "${id}" is not one of this scenario's phases (${[...phases].join(', ')})`);
  };
  const turnRef = (path: Path, turn: number) => {
    if (turn > s.clock.turns) add(path, `turn ${turn} is after the last turn (${s.clock.turns})`);
  };

  // Clock
  unique(s.clock.phases, (p) => p.id, ['clock', 'phases'], 'id', 'phase');

  // Nations and adversary
  unique(s.nations, (n) => n.id, ['nations'], 'id', 'nation');
  if (allied.has(s.adversary.id)) add(['adversary', 'id'], `adversary "${s.adversary.id}" is also listed as an allied nation`);
  s.nations.forEach((n, i) => {
    regionRef(['nations', i, 'capital'], n.capital);
    const capital = regions.get(n.capital);
    if (capital && capital.domain !== 'land')
      add(['nations', i, 'capital'], `capital "${n.capital}" is a ${capital.domain} region, not land`);
    unique(n.positions, (p) => p.id, ['nations', i, 'positions'], 'id', 'position');
    if (!Object.hasOwn(s.narrative.nationBriefs, n.id))
      add(['narrative', 'nationBriefs', n.id], `missing the private brief of nation "${n.id}"`);
  });
  for (const key of Object.keys(s.narrative.nationBriefs)) nationRef(['narrative', 'nationBriefs', key], key);
  unique(s.personas, (p) => p.id, ['personas'], 'id', 'persona');

  // Map
  unique(s.map.regions, (r) => r.id, ['map', 'regions'], 'id', 'region');
  s.map.regions.forEach((r, i) => {
    if (r.controller !== null) actorRef(['map', 'regions', i, 'controller'], r.controller);
    r.polygon.forEach(([x, y], j) => {
      if (x < 0 || y < 0 || x > s.map.width || y > s.map.height)
        add(['map', 'regions', i, 'polygon', j], `point (${x}, ${y}) lies outside the ${s.map.width}×${s.map.height} map`);
    });
    if (Math.abs(polygonArea(r.polygon)) < 1e-9) add(['map', 'regions', i, 'polygon'], 'polygon has zero area');
    const seenAdj = new Set<string>();
    r.adjacent.forEach((a, j) => {
      const path = ['map', 'regions', i, 'adjacent', j];
      if (a === r.id) return add(path, `region "${r.id}" cannot be adjacent to itself`);
      if (seenAdj.has(a)) return add(path, `"${a}" is listed twice`);
      seenAdj.add(a);
      const other = regions.get(a);
      if (!other) return add(path, `unknown region "${a}"`);
      if (!other.adjacent.includes(r.id)) add(path, `adjacency is not symmetric: "${a}" does not list "${r.id}"`);
    });
  });

  // Assets
  unique(s.assets, (a) => a.id, ['assets'], 'id', 'asset');
  s.assets.forEach((a, i) => {
    actorRef(['assets', i, 'owner'], a.owner);
    regionRef(['assets', i, 'region'], a.region);
  });

  // Treaties
  unique(s.treaties, (t) => t.id, ['treaties'], 'id', 'treaty');
  s.treaties.forEach((t, i) => {
    t.parties.forEach((p, j) => nationRef(['treaties', i, 'parties', j], p));
    unique(t.parties, (p) => p, ['treaties', i, 'parties'], null, 'party');
    unique(t.clauses, (c) => c.id, ['treaties', i, 'clauses'], 'id', 'clause');
    t.clauses.forEach((c, j) => {
      if (c.type === 'burden_sharing' && c.pledgePct === undefined)
        add(['treaties', i, 'clauses', j, 'pledgePct'], 'a burden_sharing clause needs a pledged % of GDP');
    });
  });

  // Intel
  unique(s.intel, (r) => r.id, ['intel'], 'id', 'intel report');
  s.intel.forEach((r, i) => {
    nationRef(['intel', i, 'originator'], r.originator);
    turnRef(['intel', i, 'releaseTurn'], r.releaseTurn);
    r.regions.forEach((g, j) => regionRef(['intel', i, 'regions', j], g));
    checkControls(['intel', i, 'controls'], r.controls, r.originator);
    if (r.tearline) {
      checkControls(['intel', i, 'tearline', 'controls'], r.tearline.controls, r.originator);
      if (rank(r.tearline.classification) > rank(r.classification))
        add(['intel', i, 'tearline', 'classification'], `a tearline cannot be classified above its report (${r.classification})`);
    }
  });
  function checkControls(path: Path, c: Scenario['intel'][number]['controls'], originator: string) {
    c.relTo.forEach((n, j) => nationRef([...path, 'relTo', j], n));
    if (c.noforn && c.relTo.some((n) => n !== originator)) add([...path, 'relTo'], 'a NOFORN report cannot be REL TO other nations');
  }

  // Objectives
  unique(s.objectives, (o) => o.id, ['objectives'], 'id', 'objective');
  s.objectives.forEach((o, i) => o.nations.forEach((n, j) => nationRef(['objectives', i, 'nations', j], n)));

  // Injects
  unique(s.injects, (x) => x.id, ['injects'], 'id', 'inject');
  unique(s.injects, (x) => x.number, ['injects'], 'number', 'inject number');
  s.injects.forEach((x, i) => {
    const p = ['injects', i];
    if (!personas.has(x.from)) add([...p, 'from'], `unknown persona "${x.from}"`);
    x.to.forEach((t, j) => {
      if (t !== 'ALL') nationRef([...p, 'to', j], t);
    });
    const recipients = x.to.includes('ALL') ? [...allied] : x.to;
    x.positions.forEach((pos, j) => {
      if (!recipients.some((n) => positions.get(n)?.has(pos))) add([...p, 'positions', j], `no receiving team has a position "${pos}"`);
    });
    turnRef([...p, 'turn'], x.turn);
    phaseRef([...p, 'phase'], x.phase);
    if (x.offsetMinutes !== undefined) {
      const lo = (x.turn - 1) * s.clock.gameMinutesPerTurn;
      const hi = x.turn * s.clock.gameMinutesPerTurn;
      if (x.offsetMinutes < lo || x.offsetMinutes >= hi)
        add([...p, 'offsetMinutes'], `offset ${x.offsetMinutes} min does not fall in turn ${x.turn} (${lo}–${hi - 1} min)`);
    }
    x.objectives.forEach((o, j) => {
      if (!objectives.has(o)) add([...p, 'objectives', j], `unknown objective "${o}"`);
    });
    x.regions.forEach((g, j) => regionRef([...p, 'regions', j], g));
    if (x.intel !== undefined && !intel.has(x.intel)) add([...p, 'intel'], `unknown intel report "${x.intel}"`);
    if (x.trigger.type === 'condition') {
      const t = x.trigger;
      if (x.kind !== 'contingency') add([...p, 'kind'], 'an inject with a condition trigger must be of kind "contingency"');
      turnRef([...p, 'trigger', 'deadline', 'turn'], t.deadline.turn);
      phaseRef([...p, 'trigger', 'deadline', 'phase'], t.deadline.phase);
      const phaseIdx = (id: string) => s.clock.phases.findIndex((q) => q.id === id);
      if (t.deadline.turn < x.turn || (t.deadline.turn === x.turn && phaseIdx(t.deadline.phase) < phaseIdx(x.phase)))
        add(
          [...p, 'trigger', 'deadline'],
          `the deadline (turn ${t.deadline.turn} ${t.deadline.phase}) comes before the inject's own turn ${x.turn} ${x.phase}`,
        );
      turnRef([...p, 'trigger', 'unlessAction', 'fromTurn'], t.unlessAction.fromTurn);
      if (t.unlessAction.fromTurn > t.deadline.turn)
        add(
          [...p, 'trigger', 'unlessAction', 'fromTurn'],
          `fromTurn ${t.unlessAction.fromTurn} is after the deadline turn ${t.deadline.turn}`,
        );
      t.unlessAction.by.forEach((n, j) => nationRef([...p, 'trigger', 'unlessAction', 'by', j], n));
      t.unlessAction.regions.forEach((g, j) => regionRef([...p, 'trigger', 'unlessAction', 'regions', j], g));
    }
  });

  // Adjudication tables: each covers 1..100 exactly once.
  unique(s.adjudicationTables, (t) => t.id, ['adjudicationTables'], 'id', 'table');
  unique(s.adjudicationTables, (t) => t.actionType, ['adjudicationTables'], 'actionType', 'table for action type');
  s.adjudicationTables.forEach((t, i) => {
    const covered = new Array<number>(101).fill(0);
    t.outcomes.forEach((o, j) => {
      const [lo, hi] = o.range;
      if (lo > hi || hi > 100)
        return add(['adjudicationTables', i, 'outcomes', j, 'range'], `range [${lo}, ${hi}] is not within 1–100 in order`);
      for (let v = lo; v <= hi; v++) covered[v] = (covered[v] ?? 0) + 1;
    });
    const gaps = covered.slice(1).flatMap((c, k) => (c === 0 ? [k + 1] : []));
    const overlaps = covered.slice(1).flatMap((c, k) => (c > 1 ? [k + 1] : []));
    if (gaps.length) add(['adjudicationTables', i, 'outcomes'], `rolls ${describeRuns(gaps)} are not covered`);
    if (overlaps.length) add(['adjudicationTables', i, 'outcomes'], `rolls ${describeRuns(overlaps)} are covered twice`);
  });

  // Escalation ladder: levels 0..n in order.
  s.escalation.ladder.forEach((r, i) => {
    if (r.level !== i) add(['escalation', 'ladder', i, 'level'], `expected level ${i}: rungs must run 0, 1, 2, … in order`);
  });
  const top = s.escalation.ladder.length - 1;
  if (s.escalation.initialLevel > top)
    add(['escalation', 'initialLevel'], `level ${s.escalation.initialLevel} is above the top rung (${top})`);
  s.escalation.playbook.forEach((m, i) => {
    if (m.level > top) add(['escalation', 'playbook', i, 'level'], `level ${m.level} is above the top rung (${top})`);
  });
  s.injects.forEach((x, i) => {
    if (x.escalation && x.escalation.delta === 0)
      add(['injects', i, 'escalation', 'delta'], 'an escalation move of 0 moves nothing: leave it out');
  });

  // Cohesion between allies
  const pairs = new Map<string, number>();
  s.cohesion.forEach((c, i) => {
    nationRef(['cohesion', i, 'a'], c.a);
    nationRef(['cohesion', i, 'b'], c.b);
    if (c.a === c.b) add(['cohesion', i, 'b'], `a nation has no cohesion with itself ("${c.a}")`);
    const key = [c.a, c.b].sort().join('|');
    const first = pairs.get(key);
    if (first !== undefined) add(['cohesion', i], `duplicate pair ${c.a}–${c.b} (first at cohesion[${first}])`);
    else pairs.set(key, i);
  });

  return problems;
}

const RANK = ['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'];
const rank = (c: string) => RANK.indexOf(c);

export function polygonArea(points: ReadonlyArray<readonly [number, number]>): number {
  let a = 0;
  for (const [i, [x1, y1]] of points.entries()) {
    const [x2, y2] = points[(i + 1) % points.length] ?? [x1, y1];
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

function describeRuns(values: number[]): string {
  const runs: string[] = [];
  const [first, ...rest] = values;
  if (first === undefined) return '';
  let start = first;
  let prev = start;
  for (const v of [...rest, Number.NaN]) {
    if (v === prev + 1) {
      prev = v;
      continue;
    }
    runs.push(start === prev ? `${start}` : `${start}–${prev}`);
    start = v;
    prev = v;
  }
  return runs.join(', ');
}
