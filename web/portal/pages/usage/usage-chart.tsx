import { useMoney } from '../../format.ts';
import { usePortalLanguage } from '../../i18n/index.ts';
import { barLength, largestFlow, type UsageFlow, type UsageItem, usageFlows } from './usage-flows.ts';
import './usage-chart.css';

/**
 * Each flow's look: a colour with at least 3:1 contrast against white (WCAG 1.4.11) and a pattern
 * of its own, so that colour is never the only cue. Every bar has its flow's name beside it too.
 */
const flowLook: Readonly<Record<UsageFlow, { readonly colour: string; readonly pattern: string }>> = {
  deposited: { colour: '#1d4f91', pattern: 'solid' },
  reserved: { colour: '#8a4b00', pattern: 'stripes' },
  spent: { colour: '#00663d', pattern: 'dots' },
  released: { colour: '#6b2c91', pattern: 'cross' },
  expired: { colour: '#a3142d', pattern: 'horizontal' },
  returned: { colour: '#3d3d3d', pattern: 'vertical' },
};

/** The drawing's own units; the SVG scales to the width it is given (viewBox), keeping its proportions. */
const width = 800;
const labelWidth = 170;
const valueWidth = 150;
const barAreaWidth = width - labelWidth - valueWidth - 20;
const barHeight = 22;
const barGap = 6;
const groupTitleHeight = 34;
const groupGap = 18;

/** A pattern of white lines or dots over the flow's colour; "solid" is the colour alone. */
function FlowPattern({ id, colour, pattern }: { id: string; colour: string; pattern: string }) {
  return (
    <pattern id={id} patternUnits="userSpaceOnUse" width="8" height="8">
      <rect width="8" height="8" fill={colour} />
      {pattern === 'stripes' && <path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" strokeWidth="1.5" />}
      {pattern === 'dots' && <circle cx="4" cy="4" r="1.6" fill="#fff" />}
      {pattern === 'cross' && <path d="M0,0 l8,8 M8,0 l-8,8" stroke="#fff" strokeWidth="1.2" />}
      {pattern === 'horizontal' && <path d="M0,4 h8" stroke="#fff" strokeWidth="1.5" />}
      {pattern === 'vertical' && <path d="M4,0 v8" stroke="#fff" strokeWidth="1.5" />}
    </pattern>
  );
}

/**
 * The usage report as a grouped horizontal bar chart, drawn as SVG: per scheme a title and one bar
 * per flow, each with its name on the left and its amount on the right. It is one image to
 * assistive technology (`role="img"`, named by its `<title>` and described by its `<desc>`); the
 * same figures are in the table below it, which is where a screen reader reads them.
 */
export function UsageChart({ items, title }: { items: readonly UsageItem[]; title: string }) {
  const { t } = usePortalLanguage();
  const money = useMoney();
  const largest = largestFlow(items);
  const groupHeight = groupTitleHeight + usageFlows.length * (barHeight + barGap) + groupGap;
  const height = items.length * groupHeight;
  return (
    <svg
      className="lr-usage-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="usage-chart-title usage-chart-description"
      data-testid="usage-chart"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id="usage-chart-title">{title}</title>
      <desc id="usage-chart-description">{t.usage.chartDescription}</desc>
      <defs>
        {usageFlows.map((flow) => (
          <FlowPattern key={flow} id={`usage-pattern-${flow}`} {...flowLook[flow]} />
        ))}
      </defs>
      {items.map((item, group) => (
        <g key={item.schemeId} transform={`translate(0 ${group * groupHeight})`}>
          <text x="0" y="22" className="lr-usage-chart__scheme">
            {item.label}
          </text>
          {usageFlows.map((flow, row) => {
            const y = groupTitleHeight + row * (barHeight + barGap);
            const length = barLength(item[flow], largest, barAreaWidth);
            return (
              <g key={flow} data-flow={flow}>
                <text x={labelWidth - 10} y={y + barHeight / 2} textAnchor="end" dominantBaseline="middle">
                  {t.usage.flows[flow]}
                </text>
                <rect x={labelWidth} y={y} width={barAreaWidth} height={barHeight} className="lr-usage-chart__track" />
                {length > 0 && (
                  <rect
                    x={labelWidth}
                    y={y}
                    width={length}
                    height={barHeight}
                    fill={`url(#usage-pattern-${flow})`}
                    stroke={flowLook[flow].colour}
                  />
                )}
                <text x={labelWidth + barAreaWidth + 10} y={y + barHeight / 2} dominantBaseline="middle">
                  {money(item[flow])}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
