// Renders the results as the Markdown tables kept in docs/benchmarks.md.
import type { BenchReport, Machine, RunResult, SoakReport } from './results';

function num(value: number | null, digits = 0): string {
  if (value === null) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function pair(a: number | null, b: number | null, digits = 2): string {
  return a === null && b === null ? '–' : `${num(a, digits)} / ${num(b, digits)}`;
}

function percent(ratio: number | null): string {
  return ratio === null ? '–' : `${Math.round(ratio * 100)} %`;
}

function machineLine(m: Machine): string {
  return `${m.cpus} × ${m.model}, ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}`;
}

function row(run: RunResult): string {
  if (run.skipped !== null) return `| ${run.name} | skipped: ${run.skipped} ||||||||`;
  return [
    run.name,
    num(run.pollsPerSec),
    percent(run.ratioToCeiling),
    pair(run.p50Ms, run.p99Ms),
    pair(run.pollWithOrderP50Ms, run.pollWithOrderP99Ms),
    num(run.callbacksPerSec),
    pair(run.e2eP50Ms, run.e2eP99Ms),
    num(run.cpuMsPer1kPolls, 0),
    run.rssMb === null ? '–' : `${num(run.rssMb)} (${num(run.rssPeakMb)})`,
  ]
    .join(' | ')
    .replace(/^/, '| ')
    .concat(' |');
}

type Check = {
  label: string;
  run: RunResult | undefined;
  pass: (run: RunResult) => boolean | null;
  value: (run: RunResult) => string;
};

function checkLine({ label, run, pass, value }: Check): string {
  if (!run || run.skipped !== null)
    return `- ${label}: not measured${run?.skipped ? ` (${run.skipped})` : ''}`;
  const verdict = pass(run);
  const mark = verdict === null ? 'not measured' : verdict ? '**met**' : '**not met**';
  return `- ${label}: ${value(run)} — ${mark}`;
}

export function resultsMarkdown(report: BenchReport, soak: SoakReport | null): string {
  const sqlite = report.runs.find((run) => run.target === 'sqlite');
  const mariadb = report.runs.find((run) => run.target === 'mariadb');
  const ceiling = report.runs.find((run) => run.target === 'ceiling');
  const p99 = (run: RunResult) => (run.p99Ms === null ? null : run.p99Ms < 10);
  const p99Value = (run: RunResult) =>
    `${num(run.p99Ms, 2)} ms${ceiling?.p99Ms == null ? '' : ` (the ceiling's own p99 in this run: ${num(ceiling.p99Ms, 2)} ms)`}`;
  const lines = [
    `Last run: ${report.date} (${report.quick ? '`--quick`' : 'full'}), API build \`${report.api}\`.`,
    `Machine: ${machineLine(report.machine)}. Load generator, API and database share these CPUs.`,
    '',
    '| Target | Idle polls/s | × ceiling | p50 / p99 at 1,000 polls/s (ms) | Poll with order p50 / p99 (ms) | Callbacks/s | Intake → completed p50 / p99 (ms) | API CPU ms / 1,000 polls | API RSS MB (peak) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.runs.map(row),
    '',
    'Against the targets of issue #6:',
    '',
    checkLine({
      label: 'Idle poll ≥ 50 % of the ceiling on SQLite',
      run: sqlite,
      pass: (run) => (run.ratioToCeiling === null ? null : run.ratioToCeiling >= 0.5),
      value: (run) => percent(run.ratioToCeiling),
    }),
    checkLine({
      label: 'Idle poll ≥ 30 % of the ceiling on MariaDB',
      run: mariadb,
      pass: (run) => (run.ratioToCeiling === null ? null : run.ratioToCeiling >= 0.3),
      value: (run) => percent(run.ratioToCeiling),
    }),
    checkLine({
      label: 'p99 < 10 ms at 1,000 polls/s on SQLite',
      run: sqlite,
      pass: p99,
      value: p99Value,
    }),
    checkLine({
      label: 'p99 < 10 ms at 1,000 polls/s on MariaDB',
      run: mariadb,
      pass: p99,
      value: p99Value,
    }),
    soak === null
      ? '- Flat memory over a 10-minute soak with 5,000 printers: not measured yet (`npm run bench:soak`)'
      : `- Flat memory over a 10-minute soak with 5,000 printers: last soak ${soak.printers.toLocaleString('en-US')} printers for ${num(
          soak.durationSeconds / 60,
          1,
        )} min, slope after warm-up ${num(soak.slopeAfterWarmupMbPerMin, 2)} MB/min — ${
          soak.printers >= 5000 && soak.durationSeconds >= 600
            ? soak.flat
              ? '**met**'
              : '**not met**'
            : soak.flat
              ? 'flat, but a shorter/smaller run than the target'
              : '**not flat** (and a shorter/smaller run than the target)'
        }`,
  ];
  return lines.join('\n');
}

export function soakMarkdown(soak: SoakReport): string {
  return [
    `Last soak: ${soak.date}, API build \`${soak.api}\` on SQLite. Machine: ${machineLine(soak.machine)}.`,
    '',
    '| Printers | Poll interval | Duration | Polls (per s) | Poll p50 / p99 (ms) | Orders placed / printed / accepted | Duplicates | Errors (poll / intake / callback) | RSS start / end / max (MB) | RSS slope all / after warm-up (MB/min) | JS heap slope after warm-up (MB/min) | API CPU s/min |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    [
      num(soak.printers),
      `${num(soak.pollIntervalMs / 1000, 1)} s`,
      `${num(soak.durationSeconds)} s`,
      `${num(soak.polls)} (${num(soak.pollsPerSec)})`,
      pair(soak.pollP50Ms, soak.pollP99Ms, 1),
      `${num(soak.ordersPlaced)} / ${num(soak.ordersPrinted)} / ${num(soak.accepted)}`,
      num(soak.duplicates),
      `${num(soak.pollErrors)} / ${num(soak.intakeFailures)} / ${num(soak.callbackFailures)}`,
      `${num(soak.rssStartMb)} / ${num(soak.rssEndMb)} / ${num(soak.rssMaxMb)}`,
      pair(soak.slopeMbPerMin, soak.slopeAfterWarmupMbPerMin),
      num(soak.heapSlopeAfterWarmupMbPerMin ?? null, 2),
      num(soak.cpuSecondsPerMinute, 1),
    ]
      .join(' | ')
      .replace(/^/, '| ')
      .concat(' |'),
  ].join('\n');
}
