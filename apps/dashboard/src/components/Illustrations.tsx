// Small inline drawings for the connection steps: no image files, they follow the theme colours.

const common = {
  width: 120,
  height: 84,
  viewBox: '0 0 120 84',
  'aria-hidden': true,
  focusable: false,
} as const;

function Printer({ children }: { children?: React.ReactNode }) {
  return (
    <>
      <rect x="22" y="30" width="76" height="42" rx="8" className="ill-body" />
      <rect x="34" y="18" width="52" height="16" rx="3" className="ill-paper" />
      <rect x="32" y="40" width="34" height="18" rx="3" className="ill-screen" />
      <circle cx="78" cy="45" r="4" className="ill-button" />
      <circle cx="78" cy="58" r="4" className="ill-button" />
      {children}
    </>
  );
}

export function StepMenu() {
  return (
    <svg {...common}>
      <Printer>
        <path d="M36 45h20M36 50h26M36 55h16" className="ill-line" />
        <path d="M90 62l8 8" className="ill-accent-line" />
        <circle cx="88" cy="60" r="6" className="ill-accent-ring" />
      </Printer>
    </svg>
  );
}

export function StepUrls() {
  return (
    <svg {...common}>
      <rect x="10" y="16" width="100" height="52" rx="6" className="ill-screen-large" />
      <text x="18" y="34" className="ill-text">
        …/order
      </text>
      <text x="18" y="50" className="ill-text">
        …/callback
      </text>
      <rect x="80" y="41" width="2" height="12" className="ill-cursor" />
    </svg>
  );
}

export function StepKeypad() {
  const keys = [0, 1, 2].flatMap((row) => [0, 1, 2].map((col) => ({ row, col })));
  return (
    <svg {...common}>
      <rect x="30" y="6" width="60" height="74" rx="8" className="ill-body" />
      <rect x="38" y="12" width="44" height="12" rx="2" className="ill-screen" />
      {keys.map(({ row, col }) => (
        <rect
          key={`${row}-${col}`}
          x={40 + col * 14}
          y={30 + row * 14}
          width="10"
          height="10"
          rx="2"
          className={row === 1 && col === 1 ? 'ill-key-active' : 'ill-key'}
        />
      ))}
    </svg>
  );
}

export function StepOnline() {
  return (
    <svg {...common}>
      <Printer>
        <path d="M88 18a14 14 0 0 1 14 14M88 8a24 24 0 0 1 24 24" className="ill-accent-line" fill="none" />
        <circle cx="88" cy="32" r="3" className="ill-ok" />
        <path d="M40 49l5 5 9-10" className="ill-check" fill="none" />
      </Printer>
    </svg>
  );
}

export function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 28 28" aria-hidden="true" focusable="false">
      <rect x="3" y="10" width="22" height="13" rx="3" fill="currentColor" />
      <rect x="7" y="4" width="14" height="8" rx="1.5" fill="#fff" stroke="currentColor" strokeWidth="1.5" />
      <rect x="8" y="17" width="12" height="8" rx="1" fill="#fff" />
      <path d="M10 20h8M10 22.5h5" stroke="currentColor" strokeWidth="1.2" strokeLinecap="round" />
    </svg>
  );
}
